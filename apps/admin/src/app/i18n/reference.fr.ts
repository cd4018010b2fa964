// French messages of one area of the app (see reference.en.ts), spread into the French catalog (fr.ts).
import type { referenceEn } from "./reference.en.js";
import type { Section } from "./translate.js";

export const referenceFr: Section<typeof referenceEn> = {
  "reference.timeZone.alsoKnownAs": "Aussi : {names}",
  "reference.proposedForCountry": "Devise et fuseau horaire proposés pour {country} : enregistrez cette section pour les garder.",
  "reference.date.clear": "Effacer la date",
  "reference.date.previousMonth": "Mois précédent",
  "reference.date.nextMonth": "Mois suivant",
  "reference.date.previousYear": "Année précédente",
  "reference.date.nextYear": "Année suivante",
  "reference.date.previousDecade": "Décennie précédente",
  "reference.date.nextDecade": "Décennie suivante",
  "reference.date.fromAfterTo": "La date de début est après la date de fin ; choisissez un début au plus tard le {to}.",
  "reference.date.toBeforeFrom": "La date de fin est avant la date de début ; choisissez une fin au plus tôt le {from}.",
  "reference.sortBy": "Trier par",
  "reference.sort.createdAt": "Plus récents d'abord",
  "reference.sort.name": "Nom (de A à Z)",
};
