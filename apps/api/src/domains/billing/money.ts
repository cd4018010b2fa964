// Money arithmetic on integer minor units. Amounts are whole minor units of their currency (whatever its
// number of digits: JPY 0, EUR 2, KWD 3), so rounding to a whole minor unit is rounding to what the currency
// can express. Products and ratios go through BigInt, so nothing is lost to floating point.
import { AppError } from "../../lib/app-error.js";

/** a / b rounded to the nearest integer, halves away from zero (b > 0). */
function divideRounded(a: bigint, b: bigint): bigint {
  const negative = a < 0n;
  const magnitude = negative ? -a : a;
  const quotient = (magnitude * 2n + b) / (b * 2n);
  return negative ? -quotient : quotient;
}

const toNumber = (value: bigint): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new AppError("INTERNAL", "An amount is too large to compute exactly.");
  }
  return Number(value);
};

/** `amount x part / whole` in whole minor units, halves away from zero: the prorated share of an amount. */
export function prorate(amount: number, part: number, whole: number): number {
  if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(part) || !Number.isSafeInteger(whole) || whole <= 0 || part < 0 || part > whole) {
    throw new AppError("INTERNAL", `Cannot prorate ${amount} for ${part} of ${whole}.`);
  }
  return toNumber(divideRounded(BigInt(amount) * BigInt(part), BigInt(whole)));
}

/** `unit x quantity`, checked to stay exact. */
export function times(unit: number, quantity: number): number {
  return toNumber(BigInt(unit) * BigInt(quantity));
}

/** Tax on an amount at a rate in basis points (1/100 of a percent), rounded like every amount. */
export function taxOf(amount: number, rateBasisPoints: number): number {
  return toNumber(divideRounded(BigInt(amount) * BigInt(rateBasisPoints), 10_000n));
}

export const sum = (amounts: readonly number[]) => toNumber(amounts.reduce((total, a) => total + BigInt(a), 0n));
