// French messages of one area of the app (see reference.en.ts), spread into the French catalog (fr.ts).
import type { referenceEn } from "./reference.en.js";
import type { Section } from "./translate.js";

export const referenceFr: Section<typeof referenceEn> = {};
