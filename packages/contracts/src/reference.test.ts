import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { Country, Currency, TimeZone } from "./common.js";
import { UpdateSettingsInput } from "./settings.js";
import {
  canonicalTimeZone, COUNTRY_CODES, CURRENCY_CODES, currencyOfCountry, suggestedTimeZone, TIME_ZONES, timeZoneAliases, timeZonesOfCountry,
} from "./reference.js";

const WITHDRAWN_OR_RESERVED = ["DD", "SU", "YU", "CS", "AN", "TP", "ZR", "EU", "EZ", "UN", "XA", "XB", "XK", "QO", "ZZ", "AA"];

describe("countries", () => {
  it("are the current ISO 3166-1 alpha-2 codes only", () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    for (const code of ["DE", "FR", "US", "JP", "BV", "SS", "CW", "SX", "BQ"]) expect(COUNTRY_CODES).toContain(code);
    for (const code of WITHDRAWN_OR_RESERVED) expect(COUNTRY_CODES).not.toContain(code);
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it("validate as the list says: lowercase is accepted, withdrawn and reserved codes are refused with the schema's message", () => {
    expect(Country.parse(" de ")).toBe("DE");
    for (const code of ["DD", "SU", "YU", "EU", "UN", "XA", "XK", "ZZ"]) {
      const result = Country.safeParse(code);
      expect(result.success, code).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("country.invalid");
    }
  });
});

describe("time zones", () => {
  it("are IANA's canonical zones, UTC first, without former names, Factory or Etc/GMT±N", () => {
    expect(TIME_ZONES[0]).toBe("UTC");
    for (const zone of ["Europe/Kyiv", "Asia/Kolkata", "Asia/Ho_Chi_Minh", "America/Nuuk", "Pacific/Kanton", "Europe/Paris"]) expect(TIME_ZONES).toContain(zone);
    for (const zone of ["Europe/Kiev", "Asia/Calcutta", "Asia/Saigon", "America/Godthab", "US/Eastern", "Factory", "Etc/GMT+5", "Etc/UTC"]) expect(TIME_ZONES).not.toContain(zone);
    expect(new Set(TIME_ZONES).size).toBe(TIME_ZONES.length);
  });

  it("map former names to the canonical zone", () => {
    expect(canonicalTimeZone("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(canonicalTimeZone("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(canonicalTimeZone("Asia/Saigon")).toBe("Asia/Ho_Chi_Minh");
    expect(canonicalTimeZone("US/Eastern")).toBe("America/New_York");
    for (const utc of ["UTC", "Etc/UTC", "Etc/GMT", "GMT", "Zulu"]) expect(canonicalTimeZone(utc)).toBe("UTC");
    expect(canonicalTimeZone("Europe/Kyiv")).toBe("Europe/Kyiv");
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeUndefined();
    expect(timeZoneAliases("Europe/Kyiv")).toContain("Europe/Kiev");
    expect(timeZoneAliases("Asia/Kolkata")).toEqual(["Asia/Calcutta"]);
  });

  it("validate current and former names, storing the canonical one", () => {
    expect(TimeZone.parse("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(TimeZone.parse("Asia/Saigon")).toBe("Asia/Ho_Chi_Minh");
    expect(TimeZone.parse("UTC")).toBe("UTC");
    expect(UpdateSettingsInput.parse({ localization: { timeZone: "Asia/Calcutta" } }).localization?.timeZone).toBe("Asia/Kolkata");
    const refused = TimeZone.safeParse("Mars/Olympus_Mons");
    expect(refused.error?.issues[0]?.message).toBe("timeZone.invalid");
  });

  it("can all be used by this runtime's Intl, so the server formats dates in any zone it accepts", () => {
    for (const zone of TIME_ZONES) expect(() => new Intl.DateTimeFormat("en", { timeZone: zone }), zone).not.toThrow();
  });

  it("propose a country's zone only when it has one obvious zone", () => {
    expect(suggestedTimeZone("FR")).toBe("Europe/Paris");
    expect(suggestedTimeZone("DE")).toBe("Europe/Berlin");
    expect(suggestedTimeZone("JP")).toBe("Asia/Tokyo");
    expect(suggestedTimeZone("UA")).toBe("Europe/Kyiv");
    expect(suggestedTimeZone("IN")).toBe("Asia/Kolkata");
    expect(suggestedTimeZone("US")).toBeUndefined();
    expect(timeZonesOfCountry("US")).toContain("America/New_York");
    for (const country of COUNTRY_CODES) {
      const zone = suggestedTimeZone(country);
      if (zone) expect(TIME_ZONES).toContain(zone);
    }
  });
});

describe("currencies", () => {
  it("are active ISO 4217 codes: no withdrawn currency, fund or X-unit", () => {
    for (const code of ["EUR", "USD", "JPY", "CHF", "GBP", "XAF", "XOF", "XCD", "XPF", "SLE", "VES", "ZWG"]) expect(CURRENCY_CODES).toContain(code);
    const withdrawn = ["HRK", "SLL", "VEF", "MRO", "STD", "ZWL", "LTL", "LVL", "EEK", "BYR", "DEM", "FRF"];
    const funds = ["BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI"];
    const units = ["XAU", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA", "XTS", "XXX"];
    for (const code of [...withdrawn, ...funds, ...units]) expect(CURRENCY_CODES, code).not.toContain(code);
  });

  it("leave out every code ISO's own list (as shipped with currency-codes) marks as a fund", () => {
    const xml = readFileSync(createRequire(import.meta.url).resolve("currency-codes/iso-4217-list-one.xml"), "utf8");
    const funds = [...xml.matchAll(/<CcyNtry>((?:(?!<\/CcyNtry>)[\s\S])*)<\/CcyNtry>/g)]
      .filter(([entry]) => /IsFund="true"/.test(entry))
      .map(([entry]) => /<Ccy>([A-Z]{3})<\/Ccy>/.exec(entry)?.[1]);
    expect(funds.length).toBeGreaterThan(5);
    for (const code of funds) expect(CURRENCY_CODES).not.toContain(code);
  });

  it("follow the country", () => {
    expect(currencyOfCountry("FR")).toBe("EUR");
    expect(currencyOfCountry("JP")).toBe("JPY");
    expect(currencyOfCountry("CH")).toBe("CHF");
    expect(currencyOfCountry("CW")).toBe("XCG");
    expect(currencyOfCountry("DD")).toBeUndefined();
    for (const country of COUNTRY_CODES) expect(CURRENCY_CODES, country).toContain(currencyOfCountry(country));
  });

  it("validate against the active list", () => {
    expect(Currency.parse("chf")).toBe("CHF");
    for (const code of ["HRK", "SLL", "XAU", "CHE"]) {
      expect(Currency.safeParse(code).error?.issues[0]?.message, code).toBe("currency.invalid");
    }
  });
});
