// French messages of one area of the app (see errors.en.ts), spread into the French catalog (fr.ts).
import type { errorsEn } from "./errors.en.js";
import type { Section } from "./translate.js";

export const errorsFr: Section<typeof errorsEn> = {};
