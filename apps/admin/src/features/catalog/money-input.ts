// Prices typed in major units ("29.00", "29,5", "1500") turned into the integer minor units the API stores,
// with the currency's own digits (EUR 2, JPY 0, KWD 3, from Intl through contracts' currencyDigits), and back.
// Parsing is on the digits as text, never through floating point, so "0.29" is exactly 29 cents.
import { currencyDigits, MAX_MINOR_UNITS } from "@tenancy/contracts";

export type PriceProblem = "required" | "notNumber" | "negative" | "zero" | "tooManyDecimals" | "tooLarge";

export type ParsedPrice = { ok: true; minor: number } | { ok: false; problem: PriceProblem; digits: number };

/** "29.00" EUR -> 2900; "1500" JPY -> 1500; "1.250" KWD -> 1250. A comma is read as the decimal separator. */
export function parseMajor(text: string, currency: string): ParsedPrice {
  const digits = currencyDigits(currency);
  const fail = (problem: PriceProblem): ParsedPrice => ({ ok: false, problem, digits });
  const value = text.trim().replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (value === "") return fail("required");
  if (/^-/.test(value) && /^-\d*(\.\d*)?$/.test(value) && /\d/.test(value)) return fail("negative");
  const match = /^(\d+)(?:\.(\d*))?$/.exec(value) ?? /^()\.(\d+)$/.exec(value);
  if (!match) return fail("notNumber");
  const whole = match[1] || "0";
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) return fail("tooManyDecimals");
  const minorText = `${whole}${fraction.padEnd(digits, "0")}`.replace(/^0+(?=\d)/, "");
  if (minorText.length > String(MAX_MINOR_UNITS).length) return fail("tooLarge");
  const minor = Number(minorText);
  if (minor > MAX_MINOR_UNITS) return fail("tooLarge");
  if (minor === 0) return fail("zero");
  return { ok: true, minor };
}

/** 2900 EUR -> "29.00"; 1500 JPY -> "1500"; 1250 KWD -> "1.250" (for an input's initial value). */
export function formatMajor(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${minor < 0 ? "-" : ""}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
