// Where each kind of principal lands, and the tenant area's navigation filtered by permission. Every tenant
// user has a profile page; it is where someone whose roles open no other page lands.
import type { Me, Permission, ProductModuleKey } from "@tenancy/contracts";
import type { PlainMessageKey } from "./i18n/translate.js";

export interface NavEntry {
  path: string;
  label: PlainMessageKey;
  permission: Permission;
  /** A product module's page: shown only while the module is open to the workspace (module-gate.ts). */
  module?: ProductModuleKey;
}

export const TENANT_NAV: readonly NavEntry[] = [
  { path: "/t", label: "nav.dashboard", permission: "tenant.read" },
  { path: "/t/users", label: "nav.users", permission: "users.read" },
  { path: "/t/roles", label: "nav.roles", permission: "roles.manage" },
  { path: "/t/audit", label: "nav.audit", permission: "audit.read" },
  { path: "/t/settings", label: "nav.settings", permission: "settings.manage" },
  { path: "/t/notification-rules", label: "notif.nav.rules", permission: "notifications.manage" },
  { path: "/t/marketplace", label: "nav.marketplace", permission: "billing.read" },
  { path: "/t/subscriptions", label: "nav.subscriptions", permission: "billing.read" },
  { path: "/t/invoices", label: "nav.invoices", permission: "billing.read" },
  { path: "/t/integrations", label: "nav.integrations", permission: "integrations.manage", module: "integrations" },
  { path: "/t/events/live", label: "events.nav.live", permission: "audit.read" },
  // The catalog opens to every signed-in user; the menu shows it beside the live events.
  { path: "/t/events/catalog", label: "events.nav.catalog", permission: "audit.read" },
];

export const PROFILE_PATH = "/t/profile";

/** Every tenant user's inbox: beside their profile, not behind a permission. */
export const INBOX_PATH = "/t/notifications";

export const PLATFORM_PROFILE_PATH = "/platform/profile";

export const PLATFORM_NAV: readonly Omit<NavEntry, "permission">[] = [
  { path: "/platform/tenants", label: "nav.tenants" },
  { path: "/platform/modules", label: "nav.platformModules" },
  { path: "/platform/invoices", label: "nav.platformInvoices" },
  { path: "/platform/admins", label: "nav.platformAdmins" },
  { path: "/platform/audit", label: "nav.platformAudit" },
  { path: "/platform/analytics", label: "nav.platformAnalytics" },
  { path: "/platform/notifications", label: "notif.nav.inbox" },
  { path: "/platform/events", label: "events.nav.catalog" },
  // Also in the menu, not only behind the header's name: on a phone the header shows no name.
  { path: PLATFORM_PROFILE_PATH, label: "nav.platformProfile" },
];

/** The entries the user's permissions allow; a module's entries only while the module is open (none by default). */
export function tenantNav(permissions: readonly string[], openModules: ReadonlySet<string> = new Set()): NavEntry[] {
  return TENANT_NAV.filter((entry) => permissions.includes(entry.permission) && (!entry.module || openModules.has(entry.module)));
}

export function homePath(me: Pick<Me, "kind" | "permissions" | "mustChangePassword">): string {
  if (me.mustChangePassword) return "/change-password";
  if (me.kind === "platform_admin") return "/platform/tenants";
  return tenantNav(me.permissions)[0]?.path ?? PROFILE_PATH;
}

/** A `?next=` target is followed only when it is a path of this app, never another origin. */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : null;
}
