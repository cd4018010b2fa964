// Money: integer amounts in a currency's minor unit (cents, yen, fils) plus an ISO 4217 code. How many
// digits a currency's minor unit has comes from Intl (JPY 0, EUR 2, KWD 3), never from a table of ours.
import { z } from "zod";
import { msg } from "./messages.js";

const digitsCache = new Map<string, number>();

/** The number of decimal digits of a currency's minor unit: JPY 0, EUR 2, KWD 3. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** An amount in minor units shown in a locale: formatMinor(123456, "EUR", "fr") is "1 234,56 €". */
export function formatMinor(amount: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    amount / 10 ** digits,
  );
}

/** The largest price or line amount accepted, so sums and products stay exact in a JavaScript number. */
export const MAX_MINOR_UNITS = 1_000_000_000;

/** A price in minor units: a positive whole number (1900 is 19.00 EUR, 1900 JPY, 1.900 KWD). */
export const PriceMinor = z
  .number({ message: msg("price.whole") })
  .int(msg("price.whole"))
  .positive(msg("price.positive"))
  .max(MAX_MINOR_UNITS, msg("price.tooLarge"));

const currencies = new Set(Intl.supportedValuesOf("currency"));

/**
 * Prices per currency, `{ "EUR": 1900, "USD": 2100 }`: at least one, keys ISO 4217 codes in capitals, values
 * positive whole minor units.
 */
export const Prices = z
  .record(z.string(), PriceMinor)
  .superRefine((prices, ctx) => {
    const codes = Object.keys(prices);
    if (codes.length === 0) ctx.addIssue({ code: "custom", message: msg("prices.empty") });
    if (codes.length > 50) ctx.addIssue({ code: "custom", message: msg("prices.tooMany"), params: { maximum: 50 } });
    for (const code of codes) {
      if (!/^[A-Z]{3}$/.test(code) || !currencies.has(code)) {
        ctx.addIssue({ code: "custom", path: [code], message: msg("prices.currency"), params: { code } });
      }
    }
  });
export type Prices = z.infer<typeof Prices>;

export const MoneyOutput = z.object({ amount: z.number().int(), currency: z.string() });
