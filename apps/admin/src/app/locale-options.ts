// Choices for a tenant's localization and country, named in the viewer's language: IANA time zones and
// ISO 4217 currencies as Intl knows them, ISO 3166 regions, and the languages the app has catalogs for.
import { SUPPORTED_LANGUAGES } from "@tenancy/contracts";

export interface Option {
  value: string;
  label: string;
}

export function timeZoneOptions(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

export function currencyOptions(locale: string): Option[] {
  const names = new Intl.DisplayNames([locale], { type: "currency" });
  return Intl.supportedValuesOf("currency").map((code) => ({ value: code, label: `${code} — ${names.of(code) ?? code}` }));
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Every two-letter code Intl names as a region: the same test the Country schema applies. */
export function countryOptions(locale: string): Option[] {
  const english = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  const names = new Intl.DisplayNames([locale], { type: "region" });
  const options: Option[] = [];
  for (const first of LETTERS) {
    for (const second of LETTERS) {
      const code = first + second;
      if (english.of(code) !== undefined) options.push({ value: code, label: `${names.of(code) ?? code} (${code})` });
    }
  }
  return options.sort((a, b) => a.label.localeCompare(b.label, locale));
}

const REGIONAL_VARIANTS: Record<string, string[]> = {
  en: ["en-US", "en-GB", "en-CA", "en-AU"],
  fr: ["fr-FR", "fr-CA", "fr-BE", "fr-CH"],
};

export function languageOptions(locale: string): Option[] {
  const names = new Intl.DisplayNames([locale], { type: "language" });
  return SUPPORTED_LANGUAGES.flatMap((language) => [language, ...(REGIONAL_VARIANTS[language] ?? [])]).map((tag) => ({
    value: tag,
    label: `${names.of(tag) ?? tag} (${tag})`,
  }));
}
