// French messages of the billing area (see billing.en.ts), spread into the French catalog (fr.ts).
import type { billingEn } from "./billing.en.js";
import type { Section } from "./translate.js";

export const billingFr: Section<typeof billingEn> = {
  "permission.billing.read": "Voir le catalogue des modules, les abonnements de l'espace de travail et ses factures.",
  "event.module.created": "Un module a été ajouté au catalogue, en brouillon.",
  "event.module.updated": "Le nom, la description, la catégorie, l'icône ou les métriques d'un module ont changé.",
  "event.module.published": "Un module a été publié : les espaces de travail le voient dans le catalogue.",
  "event.module.retired": "Un module a été retiré : plus de nouveaux abonnements ; ceux en cours vont jusqu'au bout de leur période.",
  "event.plan.created": "Une formule a été ajoutée à un module.",
  "event.plan.version_created": "Les conditions d'une formule ont changé : une nouvelle version ; les abonnements la prennent au renouvellement.",
  "event.plan.retired": "Une formule a été retirée : plus de nouveaux abonnements ; ceux en cours vont jusqu'au bout de leur période.",
};
