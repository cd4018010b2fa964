// English messages of one area of the app, spread into the English catalog (en.ts).
// This area: names of what the contracts list, so no code or id reaches the screen: permissions (short
// names; their descriptions are `permission.*`), event types, modules, actor and target types (from the
// contracts' audit vocabulary, shared with the CSV export), audited fields, built-in roles.
import { AUDIT_VOCABULARY, type AuditedField, type Permission } from "@tenancy/contracts";

type Prefixed<P extends string, T> = { readonly [K in keyof T & string as `${P}${K}`]: T[K] };

/** `{ a: "A" }` as `{ "p.a": "A" }`, keeping the literal types the translator checks placeholders with. */
export function prefixed<P extends string, T extends Record<string, string>>(prefix: P, messages: T): Prefixed<P, T> {
  return Object.fromEntries(Object.entries(messages).map(([key, text]) => [`${prefix}${key}`, text])) as Prefixed<P, T>;
}

const permissionNames = {
  "tenant.read": "View the dashboard",
  "users.read": "View users",
  "users.manage": "Manage users",
  "roles.manage": "Manage roles",
  "audit.read": "Read the audit log",
  "settings.manage": "Manage settings",
  "subscriptions.manage": "Manage subscriptions",
  "integrations.manage": "Manage integrations",
} as const satisfies Record<Permission, string>;

const fields = {
  name: "Name",
  slug: "Slug (workspace)",
  legalName: "Legal name",
  contactEmail: "Contact e-mail",
  phone: "Phone",
  addressLine: "Address",
  city: "City",
  postalCode: "Postal code",
  country: "Country",
  timeZone: "Time zone",
  currency: "Currency",
  language: "Language",
  dateFormat: "Date format",
  numberFormat: "Number format",
  auditRetentionDays: "Audit log kept (days)",
  notificationRetentionDays: "Notifications kept (days)",
  deliveryLogRetentionDays: "Delivery logs kept (days)",
  keepAuditIpAndUserAgent: "IP addresses and browsers recorded",
  maskPersonalDataInExports: "Personal data masked in exports",
  email: "E-mail",
  admin: "Administrator",
  status: "Status",
  reason: "Reason",
  roleIds: "Roles",
  password: "Password",
  mustChangePassword: "Password to change at sign-in",
  sessions: "Sessions",
  description: "Description",
  permissions: "Permissions",
  reassignedTo: "Role given instead",
  users: "Users",
  filters: "Filters",
  rows: "Rows",
  from: "From",
  to: "To",
  action: "Event",
  module: "Module",
  actorId: "Actor",
  targetId: "Target",
  targetType: "Target type",
  throughSeq: "Up to entry",
  count: "Number",
  retentionDays: "Kept (days)",
} as const satisfies Record<AuditedField, string>;

export const labelsEn = {
  ...prefixed("permissionName.", permissionNames),
  ...prefixed("eventName.", AUDIT_VOCABULARY.en.event),
  ...prefixed("module.", AUDIT_VOCABULARY.en.module),
  ...prefixed("actorType.", AUDIT_VOCABULARY.en.actorType),
  ...prefixed("targetType.", AUDIT_VOCABULARY.en.targetType),
  ...prefixed("field.", fields),
  "role.tenant_admin.name": "Workspace administrator",
  "role.tenant_admin.description": "Every permission, including ones added later.",
  "audit.targetPlaceholder": "User, role or id",
  "audit.eventCode": "Event code",
  "audit.actorType": "Actor type",
  "audit.targetType": "Target type",
  "audit.break.missing": "Entry #{seq} is missing (deleted).",
  "audit.break.missingRange": "Entries #{seq} to #{throughSeq} are missing (deleted).",
  "audit.break.link_mismatch": "Its link to the previous entry does not match.",
  "audit.break.content_changed": "Its content was changed after it was sealed.",
  "audit.break.head_mismatch": "The newest entry does not match the head of the chain.",
} as const;
