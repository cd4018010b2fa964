// The event catalog: every event type the product emits, with its module, description, version and payload
// schema. Audit entries, notifications, webhooks and streams all read from this one list.
import { z } from "zod";
import type { Permission } from "./permissions.js";

export interface EventDefinition<P extends z.ZodType = z.ZodType> {
  module: string;
  description: string;
  version: number;
  crud: "c" | "r" | "u" | "d";
  payload: P;
}

const define = <P extends z.ZodType>(def: EventDefinition<P>) => def;

const TenantRef = z.object({ tenantId: z.string(), slug: z.string(), name: z.string() });
const UserRef = z.object({ userId: z.string(), email: z.string() });
const AdminRef = z.object({ adminId: z.string(), email: z.string() });
const ModuleRef = z.object({ moduleKey: z.string() });
const SubscriptionRef = z.object({ subscriptionId: z.string(), moduleKey: z.string(), planId: z.string() });
const InvoiceRef = z.object({ invoiceId: z.string(), number: z.string().nullable(), subscriptionId: z.string(), total: z.number().int(), currency: z.string() });
const PlanRef = z.object({ planId: z.string(), moduleKey: z.string(), code: z.string(), interval: z.string(), version: z.number().int() });

export const EVENTS = {
  "tenant.created": define({ module: "core", crud: "c", version: 1, description: "A tenant was created with its first admin.", payload: TenantRef.extend({ adminEmail: z.string() }) }),
  "tenant.updated": define({ module: "core", crud: "u", version: 1, description: "A tenant's general information or localization changed.", payload: TenantRef.extend({ fields: z.array(z.string()) }) }),
  "tenant.suspended": define({ module: "core", crud: "u", version: 1, description: "A tenant was suspended; its users cannot log in.", payload: TenantRef.extend({ reason: z.string().optional() }) }),
  "tenant.reactivated": define({ module: "core", crud: "u", version: 1, description: "A suspended tenant was reactivated.", payload: TenantRef }),
  "tenant.admin_password_reset": define({ module: "core", crud: "u", version: 1, description: "A platform admin reset a tenant admin's password.", payload: TenantRef.extend({ userId: z.string() }) }),
  "platform_admin.created": define({ module: "platform", crud: "c", version: 1, description: "A platform admin was added.", payload: AdminRef }),
  "platform_admin.deactivated": define({ module: "platform", crud: "u", version: 1, description: "A platform admin was deactivated.", payload: AdminRef }),
  "platform_admin.reactivated": define({ module: "platform", crud: "u", version: 1, description: "A platform admin was reactivated.", payload: AdminRef }),
  "platform_admin.password_reset": define({ module: "platform", crud: "u", version: 1, description: "A platform admin reset another platform admin's password; their sessions ended and they must choose a new one at sign-in.", payload: AdminRef }),
  "platform_admin.profile_updated": define({ module: "platform", crud: "u", version: 1, description: "A platform admin changed their own name or language.", payload: AdminRef.extend({ fields: z.array(z.string()) }) }),
  "platform_admin.recovered": define({ module: "platform", crud: "u", version: 1, description: "A platform admin was created or reactivated from the recovery command, with a new one-time password.", payload: AdminRef.extend({ created: z.boolean() }) }),
  "session.created": define({ module: "core", crud: "c", version: 1, description: "Someone logged in.", payload: z.object({ principalType: z.enum(["platform_admin", "user"]), principalId: z.string() }) }),
  "session.revoked": define({ module: "core", crud: "d", version: 1, description: "Someone logged out.", payload: z.object({ principalType: z.enum(["platform_admin", "user"]), principalId: z.string() }) }),
  "auth.login_failed": define({ module: "core", crud: "r", version: 1, description: "A login attempt failed.", payload: z.object({ email: z.string(), reason: z.string() }) }),
  "password.changed": define({ module: "core", crud: "u", version: 1, description: "Someone changed their own password.", payload: z.object({ principalType: z.enum(["platform_admin", "user"]), principalId: z.string() }) }),
  "user.created": define({ module: "core", crud: "c", version: 1, description: "A user was created.", payload: UserRef.extend({ roleIds: z.array(z.string()) }) }),
  "user.updated": define({ module: "core", crud: "u", version: 1, description: "A user's name, roles or language changed.", payload: UserRef.extend({ fields: z.array(z.string()) }) }),
  "user.deactivated": define({ module: "core", crud: "u", version: 1, description: "A user was deactivated and their sessions ended.", payload: UserRef }),
  "user.reactivated": define({ module: "core", crud: "u", version: 1, description: "A deactivated user was reactivated.", payload: UserRef }),
  "user.password_reset": define({ module: "core", crud: "u", version: 1, description: "An admin reset a user's password.", payload: UserRef }),
  "user.profile_updated": define({ module: "core", crud: "u", version: 1, description: "A user changed their own name or language.", payload: UserRef.extend({ fields: z.array(z.string()) }) }),
  "tenant.settings_updated": define({ module: "core", crud: "u", version: 1, description: "A tenant admin changed the tenant's settings (general, localization or compliance).", payload: z.object({ tenantId: z.string(), fields: z.array(z.string()) }) }),
  "audit.exported": define({ module: "core", crud: "r", version: 1, description: "Someone exported the audit log as CSV.", payload: z.object({ rows: z.number().int(), filters: z.record(z.string(), z.unknown()) }) }),
  "audit.purged": define({ module: "core", crud: "d", version: 1, description: "The retention job removed audit entries older than the retention period.", payload: z.object({ throughSeq: z.string(), count: z.number().int() }) }),
  "role.created": define({ module: "core", crud: "c", version: 1, description: "A role was created.", payload: z.object({ roleId: z.string(), name: z.string() }) }),
  "role.updated": define({ module: "core", crud: "u", version: 1, description: "A role's name or permissions changed.", payload: z.object({ roleId: z.string(), name: z.string() }) }),
  "role.deleted": define({ module: "core", crud: "d", version: 1, description: "A role was deleted.", payload: z.object({ roleId: z.string(), name: z.string() }) }),
  "module.created": define({ module: "platform", crud: "c", version: 1, description: "A module was added to the catalog, as a draft.", payload: ModuleRef }),
  "module.updated": define({ module: "platform", crud: "u", version: 1, description: "A module's name, description, category, icon or metrics changed.", payload: ModuleRef.extend({ fields: z.array(z.string()) }) }),
  "module.published": define({ module: "platform", crud: "u", version: 1, description: "A module was published: tenants see it in the marketplace.", payload: ModuleRef }),
  "module.retired": define({ module: "platform", crud: "u", version: 1, description: "A module was retired: no new subscriptions; existing ones run to the end of their period.", payload: ModuleRef }),
  "plan.created": define({ module: "platform", crud: "c", version: 1, description: "A plan was added to a module.", payload: PlanRef }),
  "plan.version_created": define({ module: "platform", crud: "c", version: 1, description: "A plan's terms changed: a new version; subscriptions renew onto it.", payload: PlanRef.extend({ previousPlanId: z.string(), fields: z.array(z.string()) }) }),
  "plan.retired": define({ module: "platform", crud: "u", version: 1, description: "A plan was retired: no new subscriptions; existing ones run to the end of their period.", payload: PlanRef }),
  "subscription.trial_started": define({ module: "billing", crud: "c", version: 1, description: "A free trial of a module started.", payload: SubscriptionRef.extend({ trialEnd: z.string(), continueAfterTrial: z.boolean() }) }),
  "subscription.subscribed": define({ module: "billing", crud: "c", version: 1, description: "A module was subscribed to (during its trial: to continue when the trial ends).", payload: SubscriptionRef.extend({ afterTrial: z.boolean() }) }),
  "subscription.trial_choice_changed": define({ module: "billing", crud: "u", version: 1, description: "Whether a trial becomes a paid subscription when it ends was changed.", payload: SubscriptionRef.extend({ continueAfterTrial: z.boolean(), trialEnd: z.string() }) }),
  "subscription.plan_changed": define({ module: "billing", crud: "u", version: 1, description: "A subscription moved to another plan, now (prorated).", payload: SubscriptionRef.extend({ fromPlanId: z.string() }) }),
  "subscription.plan_change_scheduled": define({ module: "billing", crud: "u", version: 1, description: "A subscription will move to another plan at the end of its period.", payload: SubscriptionRef.extend({ toPlanId: z.string(), effectiveAt: z.string() }) }),
  "subscription.cancel_scheduled": define({ module: "billing", crud: "u", version: 1, description: "A subscription was canceled; it ends at the end of its period.", payload: SubscriptionRef.extend({ endsAt: z.string() }) }),
  "subscription.resumed": define({ module: "billing", crud: "u", version: 1, description: "A canceled subscription was resumed before it ended.", payload: SubscriptionRef }),
  "subscription.activated": define({ module: "billing", crud: "u", version: 1, description: "A subscribed module was activated: it is open to the workspace's users.", payload: SubscriptionRef }),
  "subscription.renewal_terms_changed": define({ module: "billing", crud: "u", version: 1, description: "A plan's terms changed: the subscription renews onto the new version at the end of its period.", payload: SubscriptionRef.extend({ newPlanId: z.string(), effectiveAt: z.string() }) }),
  "subscription.deactivated": define({ module: "billing", crud: "u", version: 1, description: "A subscribed module was deactivated: it is closed, its data kept, its usage no longer counted.", payload: SubscriptionRef }),
  "subscription.trial_ending": define({ module: "billing", crud: "u", version: 1, description: "A free trial ends within 3 days (told once per trial).", payload: SubscriptionRef.extend({ trialEnd: z.string(), daysLeft: z.number().int() }) }),
  "subscription.trial_converted": define({ module: "billing", crud: "u", version: 1, description: "A trial ended and became a paid subscription, as the tenant chose.", payload: SubscriptionRef.extend({ periodEnd: z.string() }) }),
  "subscription.trial_expired": define({ module: "billing", crud: "u", version: 1, description: "A trial ended without becoming a subscription; the module is closed.", payload: SubscriptionRef.extend({ reason: z.string() }) }),
  "subscription.renewed": define({ module: "billing", crud: "u", version: 1, description: "A subscription started a new period (on the newest version of its plan, or the plan chosen for it).", payload: SubscriptionRef.extend({ fromPlanId: z.string(), periodStart: z.string(), periodEnd: z.string(), quantity: z.number().int() }) }),
  "subscription.ended": define({ module: "billing", crud: "u", version: 1, description: "A subscription ended (canceled at its period's end, its plan or module retired, or unpaid); the module is closed.", payload: SubscriptionRef.extend({ reason: z.enum(["canceled", "retired", "unpaid"]) }) }),
  "subscription.past_due": define({ module: "billing", crud: "u", version: 1, description: "An invoice is unpaid after the grace period: the subscription is past due.", payload: SubscriptionRef.extend({ invoiceId: z.string() }) }),
  "subscription.payment_received": define({ module: "billing", crud: "u", version: 1, description: "The overdue invoices of a past-due subscription were paid: it is active again.", payload: SubscriptionRef.extend({ invoiceId: z.string() }) }),
  "invoice.issued": define({ module: "billing", crud: "c", version: 1, description: "An invoice was issued.", payload: InvoiceRef.extend({ status: z.string() }) }),
  "invoice.paid": define({ module: "billing", crud: "u", version: 1, description: "An invoice was marked paid.", payload: InvoiceRef }),
  "invoice.voided": define({ module: "billing", crud: "u", version: 1, description: "An invoice was voided.", payload: InvoiceRef }),
  "invoice.marked_uncollectible": define({ module: "billing", crud: "u", version: 1, description: "An invoice was marked uncollectible.", payload: InvoiceRef }),
  "invoice.overdue": define({ module: "billing", crud: "u", version: 1, description: "An invoice is still unpaid after a grace period (dunning step).", payload: InvoiceRef.extend({ stage: z.number().int() }) }),
  "usage.threshold_reached": define({ module: "billing", crud: "u", version: 1, description: "A module's usage reached 80% or 100% of its plan's limit for the period.", payload: z.object({ moduleKey: z.string(), metric: z.string(), percent: z.union([z.literal(80), z.literal(100)]), value: z.number().int(), limit: z.number().int(), periodStart: z.string() }) }),
  "usage.spend_cap_changed": define({ module: "billing", crud: "u", version: 1, description: "The workspace's spending cap was set, changed or removed.", payload: z.object({ cap: z.number().int().nullable(), currency: z.string(), previous: z.number().int().nullable() }) }),
  "notification_rule.created": define({ module: "core", crud: "c", version: 1, description: "A notification rule was created.", payload: z.object({ ruleId: z.string(), name: z.string() }) }),
  "notification_rule.updated": define({ module: "core", crud: "u", version: 1, description: "A notification rule was changed, enabled or disabled.", payload: z.object({ ruleId: z.string(), name: z.string(), fields: z.array(z.string()) }) }),
  "notification_rule.deleted": define({ module: "core", crud: "d", version: 1, description: "A notification rule was deleted.", payload: z.object({ ruleId: z.string(), name: z.string() }) }),
  "notification.preference_changed": define({ module: "core", crud: "u", version: 1, description: "Someone muted or unmuted a notification rule for themselves.", payload: z.object({ ruleId: z.string(), muted: z.boolean() }) }),
  "billing.settings_updated": define({ module: "platform", crud: "u", version: 1, description: "The platform's billing settings (dunning grace periods) changed.", payload: z.object({ fields: z.array(z.string()) }) }),
} as const;

export type EventType = keyof typeof EVENTS;
export type EventPayload<T extends EventType> = z.infer<(typeof EVENTS)[T]["payload"]>;
export const EVENT_TYPES = Object.keys(EVENTS) as EventType[];
export const MODULES = [...new Set(Object.values(EVENTS).map((e) => e.module))];

/** What an audit entry can be about: its `target.type`. */
export const AUDIT_TARGET_TYPES = ["tenant", "user", "platform_admin", "role", "audit_log", "module", "plan", "subscription", "invoice", "billing_settings", "usage", "notification_rule"] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** Who can act: an audit entry's `actor.type`. */
export const AUDIT_ACTOR_TYPES = ["user", "platform_admin", "system", "anonymous"] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/**
 * Every key that can appear in an audit entry's `changes`, at its top level or in an object nested in it
 * (`admin.email`, the `filters` of an export). `record()` accepts no other key, so this list is complete.
 */
export const AUDITED_FIELDS = [
  // a tenant's general information and localization
  "name", "slug", "legalName", "contactEmail", "phone", "addressLine", "city", "postalCode", "country",
  "timeZone", "currency", "language", "dateFormat", "numberFormat",
  // a tenant's compliance settings
  "auditRetentionDays", "notificationRetentionDays", "deliveryLogRetentionDays", "eventRetentionDays", "keepAuditIpAndUserAgent", "maskPersonalDataInExports",
  // people and their access
  "email", "admin", "status", "reason", "roleIds", "password", "mustChangePassword", "sessions",
  // roles
  "description", "permissions", "reassignedTo", "users",
  // the audit log itself: exports (with their filters) and the retention job
  "filters", "rows", "from", "to", "action", "module", "actorId", "targetId", "targetType", "throughSeq", "count", "retentionDays",
  // modules, plans, subscriptions, invoices and billing settings
  "number", "periodStart", "periodEnd", "quantity", "prorations", "value", "limit", "percent", "metric", "total", "category", "icon", "metrics", "prices", "trialDays", "limits", "pricingModel", "changePolicy", "pastDueAfterDays", "cancelAfterDays", "cancelAtPeriodEnd", "continueAfterTrial", "dunningStage", "effectiveAt", "lines", "moduleActive", "newPlanId", "pendingPlanId", "planId", "trialEnd", "version", "interval", "key", "code",
  // the spending cap
  "spendCap",
  // notification rules and preferences
  "eventTypes", "conditions", "recipientRoleIds", "recipientUserIds", "severity", "templates", "enabled", "expiresAfterDays", "muted",
] as const;
export type AuditedField = (typeof AUDITED_FIELDS)[number];
/** An audit entry's `changes`: audited fields only, each a value or a `{ from, to }` change. */
export type AuditChanges = { [F in AuditedField]?: unknown };

/**
 * The permission a tenant user needs to be told about an event (a notification, the live events page): what
 * they would need to read the thing it is about. Platform-only events (platform admins, the catalog's
 * billing settings) need no tenant permission because tenant users never receive them.
 */
export function eventReadPermission(type: EventType): Permission | null {
  const prefix = type.slice(0, type.indexOf("."));
  if (type === "tenant.settings_updated") return "tenant.read";
  switch (prefix) {
    case "tenant":
      return "tenant.read";
    case "user":
      return "users.read";
    case "role":
      return "roles.manage";
    case "notification_rule":
    case "notification":
      return "notifications.manage";
    case "session":
    case "auth":
    case "password":
    case "audit":
      return "audit.read";
    case "module":
    case "plan":
    case "subscription":
    case "invoice":
    case "usage":
      return "billing.read";
    default:
      return null;
  }
}
