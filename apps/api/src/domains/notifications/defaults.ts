// The rules every tenant starts with (decision 50): created with the tenant, and given to tenants that
// existed before notifications by the `notifications` migration (its SQL inserts the same rules; a test
// compares them). All notify the built-in Tenant Admin role; tenant admins edit or disable them like any rule.
import type { Condition, EventType, Severity, Templates } from "@tenancy/contracts";
import { uuidv7 } from "@tenancy/db";

export interface DefaultRule {
  key: string;
  name: string;
  eventTypes: EventType[];
  conditions: Condition[];
  severity: Severity;
  templates: Templates;
}

export const DEFAULT_RULES: DefaultRule[] = [
  {
    key: "user_deactivated",
    name: "User deactivated",
    eventTypes: ["user.deactivated"],
    conditions: [],
    severity: "info",
    templates: {
      en: { title: "{email} was deactivated", body: "Their sessions ended; they can no longer sign in." },
      fr: { title: "{email} a été désactivé", body: "Ses sessions sont terminées ; la personne ne peut plus se connecter." },
    },
  },
  {
    key: "trial_ending",
    name: "Trial ending in 3 days",
    eventTypes: ["subscription.trial_ending"],
    conditions: [],
    severity: "warning",
    templates: {
      en: { title: "The {moduleKey} trial ends in {daysLeft} day(s)", body: "Subscribe before {trialEnd} to keep the module open." },
      fr: { title: "L'essai de {moduleKey} se termine dans {daysLeft} jour(s)", body: "Abonnez-vous avant le {trialEnd} pour garder le module ouvert." },
    },
  },
  {
    key: "usage_80",
    name: "Usage at 80% of the limit",
    eventTypes: ["usage.threshold_reached"],
    conditions: [{ field: "percent", op: "eq", value: 80 }],
    severity: "warning",
    templates: {
      en: { title: "{moduleKey}: {metric} at 80% of the limit", body: "{value} of {limit} used this period." },
      fr: { title: "{moduleKey} : {metric} à 80 % de la limite", body: "{value} sur {limit} utilisés sur la période." },
    },
  },
  {
    key: "usage_100",
    name: "Usage limit reached",
    eventTypes: ["usage.threshold_reached"],
    conditions: [{ field: "percent", op: "eq", value: 100 }],
    severity: "critical",
    templates: {
      en: { title: "{moduleKey}: {metric} limit reached", body: "{value} of {limit} used; further use is refused until the next period or a bigger plan." },
      fr: { title: "{moduleKey} : limite de {metric} atteinte", body: "{value} sur {limit} utilisés ; tout usage supplémentaire est refusé jusqu'à la prochaine période ou une offre supérieure." },
    },
  },
  {
    key: "invoice_issued",
    name: "Invoice issued",
    eventTypes: ["invoice.issued"],
    conditions: [],
    severity: "info",
    templates: {
      en: { title: "Invoice {number} issued", body: "A new invoice is available." },
      fr: { title: "Facture {number} émise", body: "Une nouvelle facture est disponible." },
    },
  },
  {
    key: "invoice_overdue",
    name: "Invoice overdue",
    eventTypes: ["invoice.overdue"],
    conditions: [],
    severity: "critical",
    templates: {
      en: { title: "Invoice {number} is overdue", body: "Pay it to keep the subscription active." },
      fr: { title: "La facture {number} est en retard", body: "Réglez-la pour garder l'abonnement actif." },
    },
  },
];

/** The rows of the default rules of a new tenant, notifying its Tenant Admin role. */
export function defaultRuleRows(tenantId: string, tenantAdminRoleId: string, now: Date) {
  return DEFAULT_RULES.map((rule, i) => ({
    id: uuidv7(now.getTime() + i),
    tenantId,
    key: rule.key,
    name: rule.name,
    eventTypes: rule.eventTypes,
    conditions: rule.conditions,
    recipientRoleIds: [tenantAdminRoleId],
    recipientUserIds: [],
    severity: rule.severity,
    templates: rule.templates,
    createdAt: now,
  }));
}
