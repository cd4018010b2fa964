// French messages of the settings' spending cap section (see spend-cap.en.ts), spread into the French catalog (fr.ts).
import type { spendCapEn } from "./spend-cap.en.js";
import type { Section } from "./translate.js";

export const spendCapFr: Section<typeof spendCapEn> = {
  "spendCap.title": "Plafond de dépenses",
  "spendCap.description":
    "L'utilisation mesurée est refusée dès que les dépenses du mois (factures émises ce mois-ci et frais pas encore facturés) atteignent le plafond. Les renouvellements et les changements d'offre ne sont jamais bloqués.",
  "spendCap.field": "Plafond mensuel",
  "spendCap.fieldHint": "En {currency}, la devise des abonnements de l'espace de travail. Laissez vide pour ne fixer aucun plafond ; 0 bloque toute utilisation mesurée.",
  "spendCap.spent": "Dépensé ce mois-ci : {spend}.",
  "spendCap.current": "Plafond actuel : {cap}.",
  "spendCap.none": "Aucun plafond : l'utilisation mesurée n'est jamais refusée pour cause de dépenses.",
  "spendCap.saved": "Plafond de dépenses enregistré.",
  "spendCap.removed": "Plafond de dépenses supprimé.",
  "spendCap.tooLarge": "Le plafond de dépenses ne peut pas dépasser {maximum}.",
  "event.usage.spend_cap_changed": "Un administrateur a fixé, modifié ou supprimé le plafond de dépenses de l'espace de travail.",
};
