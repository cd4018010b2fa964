// Catalog texts are written in every UI language ({ en, fr }); a page shows the one of the viewer's language.
import { SUPPORTED_LANGUAGES } from "@tenancy/contracts";
import { catalogLanguage } from "../../app/i18n/translate.js";

export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export type Localized = Record<Language, string>;

export function localized(text: Localized, locale: string): string {
  return text[catalogLanguage(locale)] || text.en;
}

export function emptyLocalized(): Localized {
  return Object.fromEntries(SUPPORTED_LANGUAGES.map((language) => [language, ""])) as Localized;
}
