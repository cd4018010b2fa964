// Choices for a tenant's localization and country, named in the viewer's language: the maintained
// ISO 3166-1 countries, IANA time zones (each with its current UTC offset and its former names, so "Kiev"
// finds Europe/Kyiv) and active ISO 4217 currencies of the contracts' reference lists; the languages the
// app has catalogs for; and the date and number formats a tenant may pick, each shown on an example.
// The search of the pickers ignores case and accents and ranks what starts with the words typed first.
import {
  canonicalTimeZone, COUNTRY_CODES, CURRENCY_CODES, currencyOfCountry, DATE_FORMATS, NUMBER_FORMATS, suggestedTimeZone, SUPPORTED_LANGUAGES,
  TIME_ZONES, timeZoneAliases,
} from "@tenancy/contracts";
import { createFormatters } from "./i18n/format.js";

export interface Option {
  value: string;
  label: string;
}

/** An option with the extra words that find it (former names, cities) and a line that shows them. */
export interface SearchableOption extends Option {
  keywords: string[];
  description?: string;
}

/** Lowercase, accents and punctuation dropped: "Ho_Chi_Minh" and "ho chi minh", "Équateur" and "equateur" meet. */
export function searchText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("und")
    .replace(/[^\p{L}\p{N}+]+/gu, " ")
    .trim();
}

/**
 * The options that match `search`, best first: a label that starts with it, then a word of the label or a
 * keyword that does, then any that contains it. Order within a rank is the list's own.
 */
export function filterOptions<T extends SearchableOption>(options: readonly T[], search: string): T[] {
  const query = searchText(search);
  if (!query) return [...options];
  const ranked: T[][] = [[], [], []];
  for (const option of options) {
    const label = searchText(option.label);
    const words = [label, ...option.keywords.map(searchText)];
    if (label.startsWith(query)) ranked[0]!.push(option);
    else if (words.some((text) => text.startsWith(query) || text.includes(` ${query}`))) ranked[1]!.push(option);
    else if (words.some((text) => text.includes(query))) ranked[2]!.push(option);
  }
  return ranked.flat();
}

// Creating a formatter is the costly part (a few hundred zones take a noticeable moment): kept per zone.
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The current offset of a zone from UTC, like "UTC+05:30" ("UTC+00:00" for UTC itself). */
export function utcOffset(timeZone: string, at: Date = new Date()): string {
  try {
    let format = offsetFormats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
      offsetFormats.set(timeZone, format);
    }
    const name = format.formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
    const offset = name.replace(/^GMT/, "").replace("\u2212", "-");
    return `UTC${offset === "" ? "+00:00" : offset}`;
  } catch {
    return "UTC";
  }
}

const offsetMinutes = (offset: string) => {
  const match = /^UTC([+-])(\d{2}):(\d{2})$/.exec(offset);
  return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
};

const place = (zone: string) => zone.split("/").slice(1).join(" ").replaceAll("_", " ") || zone;

/**
 * Every canonical zone, labelled "(UTC+02:00) Europe/Kyiv", found by its name, its city and its former
 * names or linked cities (Kiev, Uzhgorod), which the option also shows; sorted by offset, then name.
 */
export function timeZoneOptions(at: Date = new Date()): SearchableOption[] {
  return TIME_ZONES.map((zone) => {
    const offset = utcOffset(zone, at);
    const aliases = timeZoneAliases(zone);
    const others = [...new Set(aliases.map(place))].filter((name) => name !== place(zone));
    return {
      value: zone,
      label: `(${offset}) ${zone}`,
      keywords: [place(zone), ...aliases, ...others],
      description: others.length > 0 ? others.join(", ") : undefined,
      minutes: offsetMinutes(offset),
    };
  })
    .sort((a, b) => a.minutes - b.minutes || a.value.localeCompare(b.value))
    .map(({ minutes: _minutes, ...option }) => option);
}

/** A stored zone as the picker knows it: a former name shows as its canonical zone (Europe/Kiev -> Europe/Kyiv). */
export function pickerTimeZone(stored: string): string {
  return canonicalTimeZone(stored) ?? stored;
}

/** Active ISO 4217 currencies as "CHF — Swiss Franc", found by code or name; sorted by code. */
export function currencyOptions(locale: string): SearchableOption[] {
  const names = new Intl.DisplayNames([locale], { type: "currency" });
  return CURRENCY_CODES.map((code) => ({ value: code, label: `${code} — ${names.of(code) ?? code}`, keywords: [code] }));
}

/** The current ISO 3166-1 countries as "Germany (DE)", named in the viewer's language and sorted in it. */
export function countryOptions(locale: string): SearchableOption[] {
  const names = new Intl.DisplayNames([locale], { type: "region" });
  const collator = new Intl.Collator(locale);
  return COUNTRY_CODES.map((code) => ({ value: code, label: `${names.of(code) ?? code} (${code})`, keywords: [code] })).sort((a, b) =>
    collator.compare(a.label, b.label),
  );
}

/** What picking a country proposes: its currency, and its zone when it has one obvious zone. */
export function countryDefaults(country: string): { currency?: string; timeZone?: string } {
  return { currency: currencyOfCountry(country), timeZone: suggestedTimeZone(country) };
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
