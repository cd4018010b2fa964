import { DATE_FORMATS, NUMBER_FORMATS } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import {
  countryDefaults, countryOptions, currencyOptions, dateFormatOptions, filterOptions, numberFormatOptions, pickerTimeZone, timeZoneOptions,
  type SearchableOption,
} from "./locale-options.js";

/** ICU versions differ on which space (narrow, no-break, plain) separates groups; compare words. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("format choices", () => {
  it("offers every date format of the contracts, each on an example", () => {
    const options = dateFormatOptions("en-US", (example) => `Default (${example})`);
    expect(options.map((option) => option.value)).toEqual([...DATE_FORMATS]);
    expect(options.map((option) => option.label)).toEqual([
      "Default (Mar 31, 2025)",
      "yyyy-MM-dd (2025-03-31)",
      "dd/MM/yyyy (31/03/2025)",
      "MM/dd/yyyy (03/31/2025)",
      "dd.MM.yyyy (31.03.2025)",
    ]);
  });

  it("offers every number format of the contracts, the language's own shown in that language", () => {
    const options = numberFormatOptions("fr-FR", (example) => `Défaut (${example})`);
    expect(options.map((option) => option.value)).toEqual([...NUMBER_FORMATS]);
    expect(options.map((option) => plain(option.label))).toEqual(["Défaut (1 234 567,89)", "1,234,567.89", "1.234.567,89", "1 234 567,89"]);
  });
});

describe("country, time zone and currency pickers", () => {
  const first = (options: SearchableOption[], search: string) => filterOptions(options, search)[0]?.value;

  it("offer the current ISO 3166-1 countries only, named in the viewer's language", () => {
    const options = countryOptions("fr");
    const codes = options.map((option) => option.value);
    for (const code of ["DD", "SU", "YU", "EU", "UN", "XA", "XB", "XK", "ZZ", "QO", "EZ"]) expect(codes).not.toContain(code);
    expect(codes).toHaveLength(249);
    expect(options.find((option) => option.value === "DE")?.label).toBe("Allemagne (DE)");
    // Sorted in French: "Égypte" among the E's, not after "Zimbabwe".
    const labels = options.map((option) => option.label);
    expect(labels.indexOf("Égypte (EG)")).toBeLessThan(labels.indexOf("Espagne (ES)"));
  });

  it("find a country by the start of its name, in English and in French", () => {
    expect(first(countryOptions("en"), "Germ")).toBe("DE");
    expect(first(countryOptions("fr"), "Allem")).toBe("DE");
    expect(first(countryOptions("fr"), "equateur")).toBe("EC");
    expect(first(countryOptions("en"), "united k")).toBe("GB");
  });

  it("find time zones by their current and former names and by city", () => {
    const options = timeZoneOptions(new Date("2025-01-15T12:00:00Z"));
    expect(first(options, "Kiev")).toBe("Europe/Kyiv");
    expect(first(options, "Kyiv")).toBe("Europe/Kyiv");
    expect(first(options, "Calcutta")).toBe("Asia/Kolkata");
    expect(first(options, "Kolkata")).toBe("Asia/Kolkata");
    expect(first(options, "Saigon")).toBe("Asia/Ho_Chi_Minh");
    expect(first(options, "Ho Chi Minh")).toBe("Asia/Ho_Chi_Minh");
    expect(first(options, "paris")).toBe("Europe/Paris");
    expect(first(options, "sao paulo")).toBe("America/Sao_Paulo");
    const values = options.map((option) => option.value);
    expect(values).not.toContain("Europe/Kiev");
    expect(values).toContain("UTC");
  });

  it("label every zone with its current UTC offset", () => {
    const winter = timeZoneOptions(new Date("2025-01-15T12:00:00Z"));
    const summer = timeZoneOptions(new Date("2025-07-15T12:00:00Z"));
    for (const option of winter) expect(option.label, option.value).toMatch(/^\(UTC[+-]\d{2}:\d{2}\) /);
    const label = (options: SearchableOption[], zone: string) => options.find((option) => option.value === zone)?.label;
    expect(label(winter, "Europe/Paris")).toBe("(UTC+01:00) Europe/Paris");
    expect(label(summer, "Europe/Paris")).toBe("(UTC+02:00) Europe/Paris");
    expect(label(winter, "Asia/Kolkata")).toBe("(UTC+05:30) Asia/Kolkata");
    expect(label(winter, "UTC")).toBe("(UTC+00:00) UTC");
    expect(label(winter, "America/New_York")).toBe("(UTC-05:00) America/New_York");
    expect(winter.find((option) => option.value === "Europe/Kyiv")?.description).toContain("Kiev");
  });

  it("show a zone stored under a former name as the canonical one", () => {
    expect(pickerTimeZone("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(pickerTimeZone("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(pickerTimeZone("Europe/Paris")).toBe("Europe/Paris");
  });

  it("offer active currencies only, named in the viewer's language", () => {
    const options = currencyOptions("fr");
    const codes = options.map((option) => option.value);
    for (const code of ["HRK", "SLL", "VEF", "MRO", "STD", "ZWL", "XAU", "XTS", "XXX", "CHE", "USN"]) expect(codes).not.toContain(code);
    expect(options.find((option) => option.value === "CHF")?.label).toBe("CHF — franc suisse");
    expect(first(options, "franc suisse")).toBe("CHF");
    expect(first(options, "jpy")).toBe("JPY");
  });

  it("propose the country's currency, and its time zone when it has one obvious zone", () => {
    expect(countryDefaults("FR")).toEqual({ currency: "EUR", timeZone: "Europe/Paris" });
    expect(countryDefaults("JP")).toEqual({ currency: "JPY", timeZone: "Asia/Tokyo" });
    expect(countryDefaults("CH")).toEqual({ currency: "CHF", timeZone: "Europe/Zurich" });
    expect(countryDefaults("US")).toEqual({ currency: "USD", timeZone: undefined });
  });
});
