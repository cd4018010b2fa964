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
  "event.subscription.trial_started": "Un essai gratuit d'un module a commencé.",
  "event.subscription.subscribed": "Un abonnement à un module a été souscrit (pendant l'essai : pour continuer à la fin de l'essai).",
  "event.subscription.trial_choice_changed": "Le choix de poursuivre ou non un essai par un abonnement payant a changé.",
  "event.subscription.plan_changed": "Un abonnement est passé à une autre formule, immédiatement (au prorata).",
  "event.subscription.plan_change_scheduled": "Un abonnement passera à une autre formule à la fin de sa période.",
  "event.subscription.cancel_scheduled": "Un abonnement a été résilié ; il prend fin à la fin de sa période.",
  "event.subscription.resumed": "Un abonnement résilié a été repris avant sa fin.",
  "event.subscription.activated": "Un module souscrit a été activé : il est ouvert aux utilisateurs de l'espace de travail.",
  "event.subscription.deactivated": "Un module souscrit a été désactivé : il est fermé, ses données conservées, son usage n'est plus compté.",
  "event.subscription.renewal_terms_changed": "Les conditions d'une formule ont changé : l'abonnement passe à la nouvelle version à la fin de sa période.",
};
