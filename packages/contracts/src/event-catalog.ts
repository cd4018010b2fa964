// The event catalog as plain data: for every event type its module, version, description in each supported
// language, the JSON Schema of its payload (generated from the Zod schema), a sample payload and the
// permission a tenant user needs to receive it. The admin app shows it and partners read it as the reference
// of what webhooks and streams carry, so it is built from the one list in events.ts and nothing else.
import { z } from "zod";
import { EVENTS, EVENT_TYPES, eventReadPermission, type EventPayload, type EventType } from "./events.js";
import { LiveEvent } from "./notifications.js";

/** French descriptions, beside the English ones of events.ts (typed: a type added without one fails to compile). */
export const EVENT_DESCRIPTIONS_FR: Record<EventType, string> = {
  "tenant.created": "Un espace de travail a été créé avec son premier administrateur.",
  "tenant.updated": "Les informations générales ou la localisation d'un espace de travail ont changé.",
  "tenant.suspended": "Un espace de travail a été suspendu ; ses utilisateurs ne peuvent plus se connecter.",
  "tenant.reactivated": "Un espace de travail suspendu a été réactivé.",
  "tenant.admin_password_reset": "Un administrateur de la plateforme a réinitialisé le mot de passe d'un administrateur d'espace.",
  "platform_admin.created": "Un administrateur de la plateforme a été ajouté.",
  "platform_admin.deactivated": "Un administrateur de la plateforme a été désactivé.",
  "platform_admin.reactivated": "Un administrateur de la plateforme a été réactivé.",
  "platform_admin.password_reset":
    "Un administrateur de la plateforme a réinitialisé le mot de passe d'un autre ; ses sessions ont pris fin et il doit en choisir un nouveau à la connexion.",
  "platform_admin.profile_updated": "Un administrateur de la plateforme a changé son nom ou sa langue.",
  "platform_admin.recovered": "Un administrateur de la plateforme a été créé ou réactivé par la commande de secours, avec un nouveau mot de passe à usage unique.",
  "session.created": "Quelqu'un s'est connecté.",
  "session.revoked": "Quelqu'un s'est déconnecté.",
  "auth.login_failed": "Une tentative de connexion a échoué.",
  "password.changed": "Quelqu'un a changé son propre mot de passe.",
  "user.created": "Un utilisateur a été créé.",
  "user.updated": "Le nom, les rôles ou la langue d'un utilisateur ont changé.",
  "user.deactivated": "Un utilisateur a été désactivé et ses sessions ont pris fin.",
  "user.reactivated": "Un utilisateur désactivé a été réactivé.",
  "user.password_reset": "Un administrateur a réinitialisé le mot de passe d'un utilisateur.",
  "user.profile_updated": "Un utilisateur a changé son propre nom ou sa langue.",
  "tenant.settings_updated": "Un administrateur d'espace a changé les paramètres de l'espace (généraux, localisation ou conformité).",
  "audit.exported": "Quelqu'un a exporté le journal d'audit en CSV.",
  "audit.purged": "La tâche de rétention a supprimé les entrées d'audit plus anciennes que la durée de conservation.",
  "role.created": "Un rôle a été créé.",
  "role.updated": "Le nom ou les permissions d'un rôle ont changé.",
  "role.deleted": "Un rôle a été supprimé.",
  "module.created": "Un module a été ajouté au catalogue, en brouillon.",
  "module.updated": "Le nom, la description, la catégorie, l'icône ou les métriques d'un module ont changé.",
  "module.published": "Un module a été publié : les espaces le voient dans la place de marché.",
  "module.retired": "Un module a été retiré : plus de nouveaux abonnements ; ceux en cours vont jusqu'à la fin de leur période.",
  "plan.created": "Une offre a été ajoutée à un module.",
  "plan.version_created": "Les conditions d'une offre ont changé : une nouvelle version ; les abonnements s'y renouvellent.",
  "plan.retired": "Une offre a été retirée : plus de nouveaux abonnements ; ceux en cours vont jusqu'à la fin de leur période.",
  "subscription.trial_ending": "Un essai gratuit se termine dans 3 jours au plus (signalé une fois par essai).",
  "subscription.trial_started": "Un essai gratuit d'un module a commencé.",
  "subscription.subscribed": "Un module a été souscrit (pendant son essai : pour continuer à la fin de l'essai).",
  "subscription.trial_choice_changed": "Le choix de poursuivre ou non un essai en abonnement payant à sa fin a changé.",
  "subscription.plan_changed": "Un abonnement est passé à une autre offre, tout de suite (au prorata).",
  "subscription.plan_change_scheduled": "Un abonnement passera à une autre offre à la fin de sa période.",
  "subscription.cancel_scheduled": "Un abonnement a été résilié ; il prend fin à la fin de sa période.",
  "subscription.resumed": "Un abonnement résilié a été repris avant sa fin.",
  "subscription.activated": "Un module souscrit a été activé : il est ouvert aux utilisateurs de l'espace.",
  "subscription.renewal_terms_changed": "Les conditions d'une offre ont changé : l'abonnement se renouvelle sur la nouvelle version à la fin de sa période.",
  "subscription.deactivated": "Un module souscrit a été désactivé : il est fermé, ses données conservées, son usage n'est plus compté.",
  "subscription.trial_converted": "Un essai a pris fin et est devenu un abonnement payant, comme l'espace l'a choisi.",
  "subscription.trial_expired": "Un essai a pris fin sans devenir un abonnement ; le module est fermé.",
  "subscription.renewed": "Un abonnement a commencé une nouvelle période (sur la dernière version de son offre, ou l'offre choisie pour lui).",
  "subscription.ended": "Un abonnement a pris fin (résilié en fin de période, offre ou module retiré, ou impayé) ; le module est fermé.",
  "subscription.past_due": "Une facture reste impayée après le délai de grâce : l'abonnement est en retard de paiement.",
  "subscription.payment_received": "Les factures en retard d'un abonnement impayé ont été réglées : il est de nouveau actif.",
  "invoice.issued": "Une facture a été émise.",
  "invoice.paid": "Une facture a été marquée payée.",
  "invoice.voided": "Une facture a été annulée.",
  "invoice.marked_uncollectible": "Une facture a été marquée irrécouvrable.",
  "invoice.overdue": "Une facture est toujours impayée après un délai de grâce (étape de relance).",
  "usage.threshold_reached": "L'usage d'un module a atteint 80 % ou 100 % de la limite de son offre pour la période.",
  "notification_rule.created": "Une règle de notification a été créée.",
  "notification_rule.updated": "Une règle de notification a été modifiée, activée ou désactivée.",
  "notification_rule.deleted": "Une règle de notification a été supprimée.",
  "notification.preference_changed": "Quelqu'un a mis en sourdine ou réactivé une règle de notification pour lui-même.",
  "usage.spend_cap_changed": "Le plafond de dépenses de l'espace a été fixé, modifié ou retiré.",
  "billing.settings_updated": "Les paramètres de facturation de la plateforme (délais de grâce des relances) ont changé.",
};

const TENANT = { tenantId: "01930000-0000-7000-8000-000000000001", slug: "acme", name: "Acme" };
const USER = { userId: "01930000-0000-7000-8000-000000000010", email: "jane@acme.example" };
const ADMIN = { adminId: "01930000-0000-7000-8000-000000000020", email: "ops@platform.example" };
const SUB = { subscriptionId: "01930000-0000-7000-8000-000000000030", moduleKey: "crm", planId: "01930000-0000-7000-8000-000000000040" };
const INVOICE = { invoiceId: "01930000-0000-7000-8000-000000000050", number: "INV-2026-0001", subscriptionId: SUB.subscriptionId, total: 4900, currency: "EUR" };
const PLAN = { planId: SUB.planId, moduleKey: "crm", code: "pro", interval: "month", version: 1 };
const OTHER_PLAN = "01930000-0000-7000-8000-000000000041";
const ROLE = { roleId: "01930000-0000-7000-8000-000000000060", name: "Support" };
const AT = "2026-03-10T12:00:00.000Z";
const LATER = "2026-04-10T12:00:00.000Z";

/** A sample payload of every event type (typed by its schema; a test also parses each one). */
export const EVENT_SAMPLES: { [T in EventType]: EventPayload<T> } = {
  "tenant.created": { ...TENANT, adminEmail: "admin@acme.example" },
  "tenant.updated": { ...TENANT, fields: ["name", "timeZone"] },
  "tenant.suspended": { ...TENANT, reason: "Unpaid invoices" },
  "tenant.reactivated": TENANT,
  "tenant.admin_password_reset": { ...TENANT, userId: USER.userId },
  "platform_admin.created": ADMIN,
  "platform_admin.deactivated": ADMIN,
  "platform_admin.reactivated": ADMIN,
  "platform_admin.password_reset": ADMIN,
  "platform_admin.profile_updated": { ...ADMIN, fields: ["name"] },
  "platform_admin.recovered": { ...ADMIN, created: false },
  "session.created": { principalType: "user", principalId: USER.userId },
  "session.revoked": { principalType: "user", principalId: USER.userId },
  "auth.login_failed": { email: USER.email, reason: "bad_password" },
  "password.changed": { principalType: "user", principalId: USER.userId },
  "user.created": { ...USER, roleIds: [ROLE.roleId] },
  "user.updated": { ...USER, fields: ["roleIds"] },
  "user.deactivated": USER,
  "user.reactivated": USER,
  "user.password_reset": USER,
  "user.profile_updated": { ...USER, fields: ["language"] },
  "tenant.settings_updated": { tenantId: TENANT.tenantId, fields: ["auditRetentionDays"] },
  "audit.exported": { rows: 1250, filters: { module: "core" } },
  "audit.purged": { throughSeq: "48213", count: 1200 },
  "role.created": ROLE,
  "role.updated": ROLE,
  "role.deleted": ROLE,
  "module.created": { moduleKey: "crm" },
  "module.updated": { moduleKey: "crm", fields: ["description"] },
  "module.published": { moduleKey: "crm" },
  "module.retired": { moduleKey: "crm" },
  "plan.created": PLAN,
  "plan.version_created": { ...PLAN, version: 2, planId: OTHER_PLAN, previousPlanId: PLAN.planId, fields: ["prices"] },
  "plan.retired": PLAN,
  "subscription.trial_ending": { ...SUB, trialEnd: LATER, daysLeft: 3 },
  "subscription.trial_started": { ...SUB, trialEnd: LATER, continueAfterTrial: false },
  "subscription.subscribed": { ...SUB, afterTrial: false },
  "subscription.trial_choice_changed": { ...SUB, continueAfterTrial: true, trialEnd: LATER },
  "subscription.plan_changed": { ...SUB, fromPlanId: OTHER_PLAN },
  "subscription.plan_change_scheduled": { ...SUB, toPlanId: OTHER_PLAN, effectiveAt: LATER },
  "subscription.cancel_scheduled": { ...SUB, endsAt: LATER },
  "subscription.resumed": SUB,
  "subscription.activated": SUB,
  "subscription.renewal_terms_changed": { ...SUB, newPlanId: OTHER_PLAN, effectiveAt: LATER },
  "subscription.deactivated": SUB,
  "subscription.trial_converted": { ...SUB, periodEnd: LATER },
  "subscription.trial_expired": { ...SUB, reason: "no_subscription" },
  "subscription.renewed": { ...SUB, fromPlanId: SUB.planId, periodStart: AT, periodEnd: LATER, quantity: 1 },
  "subscription.ended": { ...SUB, reason: "canceled" },
  "subscription.past_due": { ...SUB, invoiceId: INVOICE.invoiceId },
  "subscription.payment_received": { ...SUB, invoiceId: INVOICE.invoiceId },
  "invoice.issued": { ...INVOICE, status: "open" },
  "invoice.paid": INVOICE,
  "invoice.voided": INVOICE,
  "invoice.marked_uncollectible": INVOICE,
  "invoice.overdue": { ...INVOICE, stage: 1 },
  "usage.threshold_reached": { moduleKey: "crm", metric: "contacts", percent: 80, value: 800, limit: 1000, periodStart: AT },
  "notification_rule.created": { ruleId: "01930000-0000-7000-8000-000000000070", name: "Invoices issued" },
  "notification_rule.updated": { ruleId: "01930000-0000-7000-8000-000000000070", name: "Invoices issued", fields: ["severity"] },
  "notification_rule.deleted": { ruleId: "01930000-0000-7000-8000-000000000070", name: "Invoices issued" },
  "notification.preference_changed": { ruleId: "01930000-0000-7000-8000-000000000070", muted: true },
  "usage.spend_cap_changed": { cap: 50000, currency: "EUR", previous: null },
  "billing.settings_updated": { fields: ["pastDueAfterDays"] },
};

export const EventCatalogEntry = z.object({
  type: z.string().describe("The event type, `<entity>.<past verb>`."),
  module: z.string(),
  version: z.number().int().describe("Bumped when the payload changes incompatibly."),
  description: z.object({ en: z.string(), fr: z.string() }),
  /** Tenant users need it to receive the event (live events, notifications); null: platform admins only. */
  permission: z.string().nullable().describe("The permission a tenant user needs to receive it; null when only platform admins do."),
  schema: z.record(z.string(), z.unknown()).describe("JSON Schema (draft 2020-12) of the payload."),
  sample: z.record(z.string(), z.unknown()),
});
export type EventCatalogEntry = z.infer<typeof EventCatalogEntry>;
export const EventCatalogOutput = z.object({ events: z.array(EventCatalogEntry) });
export type EventCatalogOutput = z.infer<typeof EventCatalogOutput>;

let built: EventCatalogEntry[] | undefined;

/** The catalog, built once (the schemas never change at run time). */
export function eventCatalog(): EventCatalogEntry[] {
  built ??= EVENT_TYPES.map((type) => {
    const def = EVENTS[type];
    return {
      type,
      module: def.module,
      version: def.version,
      description: { en: def.description, fr: EVENT_DESCRIPTIONS_FR[type] },
      permission: eventReadPermission(type),
      schema: z.toJSONSchema(def.payload, { io: "output" }) as Record<string, unknown>,
      sample: EVENT_SAMPLES[type] as Record<string, unknown>,
    };
  });
  return built;
}

/** What the live events stream sends: an event, or a note that older events were left out of a long backlog. */
export const LiveEventsItem = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("event"), event: LiveEvent }),
  z.object({ kind: z.literal("gap"), missed: z.number().int().describe("Events left out: more were missed than a reconnect sends.") }),
]);
export type LiveEventsItem = z.infer<typeof LiveEventsItem>;
