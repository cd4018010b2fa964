// The permission catalog: `<domain>.<verb>`, each tagged with the module it belongs to. The built-in
// Tenant Admin role holds every permission, including ones added later.
export const PERMISSIONS = {
  "tenant.read": { module: "core", description: "See the tenant's dashboard and general information." },
  "users.read": { module: "core", description: "List and view users." },
  "users.manage": { module: "core", description: "Create, deactivate and reset the password of users." },
  "roles.manage": { module: "core", description: "Create, edit and delete roles." },
  "audit.read": { module: "core", description: "Read and export the audit log." },
  "settings.manage": { module: "core", description: "Change the tenant's settings." },
  "billing.read": { module: "billing", description: "See the module marketplace, the workspace's subscriptions and its invoices." },
  "subscriptions.manage": { module: "billing", description: "Subscribe to modules and manage plans." },
  "integrations.manage": { module: "integrations", description: "Manage partners, API keys and webhooks." },
  "notifications.manage": { module: "core", description: "Create, edit and delete the workspace's notification rules." },
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];
export const TENANT_ADMIN_ROLE_KEY = "tenant_admin";
