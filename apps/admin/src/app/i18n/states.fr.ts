// French messages of one area of the app (see states.en.ts), spread into the French catalog (fr.ts).
import type { statesEn } from "./states.en.js";
import type { Section } from "./translate.js";

export const statesFr: Section<typeof statesEn> = {};
