// Choices for a tenant's localization and country, named in the viewer's language: IANA time zones and
// ISO 4217 currencies as Intl knows them, ISO 3166 regions, the languages the app has catalogs for, and
// the date and number formats a tenant may pick, each shown on an example.
import { DATE_FORMATS, NUMBER_FORMATS, SUPPORTED_LANGUAGES } from "@tenancy/contracts";
import { createFormatters } from "./i18n/format.js";

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

/** A sample instant and amount for the format examples: a day above 12, so day and month cannot be confused. */
const SAMPLE_DATE = new Date("2025-03-31T12:00:00Z");
const SAMPLE_NUMBER = 1234567.89;

/**
 * The tenant's date format choices, each with the sample date it gives; `localeLabel` names the
 * "language default" choice around its example (it is translated by the caller).
 */
export function dateFormatOptions(locale: string, localeLabel: (example: string) => string): Option[] {
  return DATE_FORMATS.map((dateFormat) => {
    const example = createFormatters({ locale, timeZone: "UTC", currency: "USD", dateFormat }).date(SAMPLE_DATE);
    return { value: dateFormat, label: dateFormat === "locale" ? localeLabel(example) : `${dateFormat} (${example})` };
  });
}

export function numberFormatOptions(locale: string, localeLabel: (example: string) => string): Option[] {
  return NUMBER_FORMATS.map((numberFormat) => {
    const example = createFormatters({ locale, timeZone: "UTC", currency: "USD", numberFormat }).number(SAMPLE_NUMBER);
    return { value: numberFormat, label: numberFormat === "locale" ? localeLabel(example) : example };
  });
}
