// French messages of the notifications backend (decision 50), spread into the French catalog (fr.ts).
import type { notificationsApiEn } from "./notifications-api.en.js";
import type { Section } from "./translate.js";

export const notificationsApiFr: Section<typeof notificationsApiEn> = {
  "permission.notifications.manage": "Créer, modifier et supprimer les règles de notification de l'espace de travail.",
  "event.subscription.trial_ending": "Un essai gratuit se termine dans les 3 jours (signalé une fois par essai).",
  "event.notification_rule.created": "Une règle de notification a été créée.",
  "event.notification_rule.updated": "Une règle de notification a été modifiée, activée ou désactivée.",
  "event.notification_rule.deleted": "Une règle de notification a été supprimée.",
  "event.notification.preference_changed": "Quelqu'un a mis en sourdine ou réactivé une règle de notification pour soi-même.",
};
