// French messages of one area of the app (see platform.en.ts), spread into the French catalog (fr.ts).
import type { platformEn } from "./platform.en.js";
import type { Section } from "./translate.js";

export const platformFr: Section<typeof platformEn> = {};
