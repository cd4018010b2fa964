// Reference data for a tenant's country, time zone and currency, from maintained packages rather than
// from the runtime's Intl (which lists withdrawn codes and CLDR's frozen zone names such as Europe/Kiev):
// - countries: ISO 3166-1 alpha-2 from i18n-iso-countries, less the user-assigned codes;
// - time zones: IANA's canonical zones and their former names (backward links) from countries-and-timezones;
// - currencies: ISO 4217's current list from currency-codes, each country's currency from country-to-currency.
// Names are not here: the admin app names codes in the viewer's language with Intl.DisplayNames.
// See docs/decisions/0024-reference-data.md.
import ct from "countries-and-timezones";
import countryToCurrency from "country-to-currency";
import currencyCodes from "currency-codes";
// The package's browser entry: the code table only, without the ~80 name catalogs its Node entry loads.
import isoCountries from "i18n-iso-countries/index.js";

// ---- Countries -------------------------------------------------------------------------------------

/** ISO 3166-1 leaves AA, QM-QZ, XA-XZ and ZZ to users: never a country (packages use XK for Kosovo). */
const USER_ASSIGNED = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

/** The current ISO 3166-1 alpha-2 codes, sorted. */
export const COUNTRY_CODES: readonly string[] = Object.keys(isoCountries.getAlpha2Codes())
  .filter((code) => !USER_ASSIGNED.test(code))
  .sort();
const countrySet = new Set(COUNTRY_CODES);

export const isCountryCode = (code: string): boolean => countrySet.has(code);

// ---- Time zones ------------------------------------------------------------------------------------

/** The one Etc zone offered, under the name everyone writes (IANA's Etc/UTC, which Intl also calls UTC). */
export const UTC_ZONE = "UTC";

const allZones = ct.getAllTimezones({ deprecated: true });

/**
 * IANA's canonical zones (its `Zone` entries), with UTC first. Left out: "Factory" (no real place) and the
 * Etc/GMT±N zones, whose signs read backwards (Etc/GMT+5 is UTC-5) and which no place uses by law.
 */
export const TIME_ZONES: readonly string[] = [
  UTC_ZONE,
  ...Object.values(allZones)
    .filter((zone) => !zone.deprecated && zone.name !== "Factory" && !zone.name.startsWith("Etc/"))
    .map((zone) => zone.name)
    .sort(),
];
const zoneSet = new Set(TIME_ZONES);

/** Every name IANA knows -> the canonical zone it stands for (former names follow their backward link). */
const canonicalZones = new Map<string, string>();
for (const zone of TIME_ZONES) canonicalZones.set(zone, zone);
const UTC_NAMES = new Set(["Etc/UTC", "Etc/GMT"]);
for (const zone of Object.values(allZones)) {
  if (canonicalZones.has(zone.name)) continue;
  const target = UTC_NAMES.has(zone.name) || UTC_NAMES.has(zone.aliasOf ?? "") ? UTC_ZONE : zone.aliasOf;
  if (target && zoneSet.has(target)) canonicalZones.set(zone.name, target);
}

/** The canonical zone for an IANA name, current or former (Europe/Kiev -> Europe/Kyiv); undefined if unknown. */
export function canonicalTimeZone(name: string): string | undefined {
  return canonicalZones.get(name);
}

/** The former names and other links that lead to a canonical zone (Europe/Kyiv -> Europe/Kiev, ...). */
export function timeZoneAliases(zone: string): string[] {
  return [...canonicalZones].filter(([name, target]) => target === zone && name !== zone).map(([name]) => name);
}

/** The canonical zones used in a country (zone1970.tab), e.g. ["Europe/Paris"] for FR. */
export function timeZonesOfCountry(country: string): string[] {
  return (ct.getCountry(country as never)?.timezones ?? []).filter((zone) => zoneSet.has(zone));
}

/**
 * The zone to propose for a country, when there is one obvious choice: its only zone whose first country
 * it is (Germany: Europe/Berlin, not Europe/Zurich, which also covers Büsingen), else its only zone
 * (the Netherlands: Europe/Brussels). Countries with several zones (US, Russia, Brazil) get none.
 */
export function suggestedTimeZone(country: string): string | undefined {
  const zones = timeZonesOfCountry(country);
  const own = zones.filter((zone) => allZones[zone as keyof typeof allZones]?.countries[0] === country);
  if (own.length === 1) return own[0];
  return own.length === 0 && zones.length === 1 ? zones[0] : undefined;
}

// ---- Currencies ------------------------------------------------------------------------------------

/** Codes ISO 4217 marks as funds (IsFund): units of account, not a currency to bill or report in. */
const FUND_CODES = new Set(["BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI"]);

const tenderOfCountries = new Set(COUNTRY_CODES.map((code) => countryToCurrency[code as keyof typeof countryToCurrency]).filter(Boolean) as string[]);

/**
 * The active ISO 4217 currencies a business can use, sorted: ISO's current list plus any currency a
 * country has adopted since that list was published (from the country map, e.g. XCG for Curaçao), less
 * funds and the X-codes that are no country's money (gold, SDR, bond units, test and "no currency").
 */
export const CURRENCY_CODES: readonly string[] = [...new Set([...currencyCodes.codes(), ...tenderOfCountries])]
  .filter((code) => /^[A-Z]{3}$/.test(code) && !FUND_CODES.has(code) && (!code.startsWith("X") || tenderOfCountries.has(code)))
  .sort();
const currencySet = new Set(CURRENCY_CODES);

export const isCurrencyCode = (code: string): boolean => currencySet.has(code);

/** The currency a country uses (FR -> EUR, CH -> CHF), or undefined when none is known. */
export function currencyOfCountry(country: string): string | undefined {
  const code = countryToCurrency[country as keyof typeof countryToCurrency] as string | undefined;
  return code && isCountryCode(country) && currencySet.has(code) ? code : undefined;
}
