// The platform admins' notification rules, defined in code (decision 50): platform admins do not edit
// rules; each may mute a non-critical one for themselves. Every active platform admin receives them.
import type { EventType, Severity, Templates } from "@tenancy/contracts";

export interface PlatformRule {
  key: string;
  name: string;
  eventTypes: EventType[];
  severity: Severity;
  templates: Templates;
}

export const PLATFORM_RULES: PlatformRule[] = [
  {
    key: "tenant_created",
    name: "Workspace created",
    eventTypes: ["tenant.created"],
    severity: "info",
    templates: { en: { title: "New workspace: {name}", body: "Created with {adminEmail} as its first admin." }, fr: { title: "Nouvel espace de travail : {name}", body: "Créé avec {adminEmail} comme premier administrateur." } },
  },
  {
    key: "tenant_suspended",
    name: "Workspace suspended",
    eventTypes: ["tenant.suspended"],
    severity: "warning",
    templates: { en: { title: "Workspace {name} suspended", body: "{reason}" }, fr: { title: "Espace de travail {name} suspendu", body: "{reason}" } },
  },
  {
    key: "subscription_canceled",
    name: "Subscription canceled",
    eventTypes: ["subscription.cancel_scheduled"],
    severity: "info",
    templates: { en: { title: "Subscription to {moduleKey} canceled", body: "It ends on {endsAt}." }, fr: { title: "Abonnement à {moduleKey} résilié", body: "Il se termine le {endsAt}." } },
  },
  {
    key: "subscription_ended",
    name: "Subscription ended",
    eventTypes: ["subscription.ended"],
    severity: "warning",
    templates: { en: { title: "Subscription to {moduleKey} ended", body: "Reason: {reason}." }, fr: { title: "Abonnement à {moduleKey} terminé", body: "Motif : {reason}." } },
  },
  {
    key: "invoice_overdue",
    name: "Invoice overdue",
    eventTypes: ["invoice.overdue"],
    severity: "warning",
    templates: { en: { title: "Invoice {number} overdue", body: "Dunning step {stage}." }, fr: { title: "Facture {number} en retard", body: "Relance n° {stage}." } },
  },
  {
    key: "invoice_uncollectible",
    name: "Invoice uncollectible",
    eventTypes: ["invoice.marked_uncollectible"],
    severity: "critical",
    templates: { en: { title: "Invoice {number} marked uncollectible", body: "" }, fr: { title: "Facture {number} déclarée irrécouvrable", body: "" } },
  },
  ...(
    [
      ["created", "added", "ajouté", "info"],
      ["deactivated", "deactivated", "désactivé", "warning"],
      ["reactivated", "reactivated", "réactivé", "info"],
      ["password_reset", "had their password reset", "a vu son mot de passe réinitialisé", "warning"],
    ] as const
  ).map(([what, en, fr, severity]): PlatformRule => ({
    key: `platform_admin_${what}`,
    name: `Platform admin ${en}`,
    eventTypes: [`platform_admin.${what}`],
    severity,
    templates: { en: { title: `Platform admin {email} ${en}`, body: "" }, fr: { title: `Administrateur de la plateforme {email} ${fr}`, body: "" } },
  })),
  {
    key: "platform_admin_recovered",
    name: "Platform admin recovered from the command line",
    eventTypes: ["platform_admin.recovered"],
    severity: "critical",
    templates: { en: { title: "Platform admin {email} recovered from the command line", body: "" }, fr: { title: "Administrateur de la plateforme {email} restauré en ligne de commande", body: "" } },
  },
];

export const platformRule = (key: string) => PLATFORM_RULES.find((r) => r.key === key);
