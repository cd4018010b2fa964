import { currencyDigits, formatMinor } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import { prorate, sum, taxOf, times } from "./money.js";

describe("money in minor units", () => {
  it("knows each currency's minor unit from Intl", () => {
    expect([currencyDigits("JPY"), currencyDigits("EUR"), currencyDigits("USD"), currencyDigits("KWD"), currencyDigits("BHD")]).toEqual([0, 2, 2, 3, 3]);
    expect(formatMinor(123_456, "EUR", "en")).toBe("€1,234.56");
    expect(formatMinor(123_456, "JPY", "en")).toBe("¥123,456");
    expect(formatMinor(123_456, "KWD", "en").replace(/\s/g, " ")).toBe("KWD 123.456");
  });

  it.each([
    // amount, part, whole, expected
    [2900, 15, 30, 1450],
    [1999, 1, 2, 1000], // 999.5 -> 1000 (half away from zero)
    [-1999, 1, 2, -1000],
    [1001, 1, 3, 334], // 333.67
    [1000, 1, 3, 333], // 333.33
    [1, 1, 2, 1], // half a yen rounds to a whole yen
    [1, 1, 3, 0],
    [100, 0, 30, 0],
    [100, 30, 30, 100],
    // Milliseconds of a 31-day month: large products stay exact.
    [999_999_999, 1_234_567_890, 2_678_400_000, 460_934_845],
  ])("prorate(%i, %i, %i) = %i", (amount, part, whole, expected) => {
    expect(prorate(amount, part, whole)).toBe(expected);
  });

  it("refuses what cannot be prorated", () => {
    expect(() => prorate(100.5, 1, 2)).toThrow();
    expect(() => prorate(100, 3, 2)).toThrow();
    expect(() => prorate(100, 1, 0)).toThrow();
  });

  it("multiplies, taxes and sums exactly", () => {
    expect(times(800, 7)).toBe(5600);
    expect(taxOf(10_000, 0)).toBe(0);
    expect(taxOf(1999, 2000)).toBe(400); // 20% of 19.99 = 3.998
    expect(taxOf(-1999, 2000)).toBe(-400);
    expect(sum([1450, -967, 0])).toBe(483);
    expect(() => times(Number.MAX_SAFE_INTEGER, 2)).toThrow();
  });
});
