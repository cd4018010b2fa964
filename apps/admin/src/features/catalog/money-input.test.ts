import { describe, expect, it } from "vitest";
import { formatMajor, parseMajor } from "./money-input.js";

describe("prices typed in major units", () => {
  it("are stored as integer minor units with the currency's own digits", () => {
    expect(parseMajor("29.00", "EUR")).toEqual({ ok: true, minor: 2900 });
    expect(parseMajor("29", "EUR")).toEqual({ ok: true, minor: 2900 });
    expect(parseMajor("0.29", "EUR")).toEqual({ ok: true, minor: 29 });
    expect(parseMajor("19,5", "EUR")).toEqual({ ok: true, minor: 1950 });
    expect(parseMajor(" 1 234.56 ", "EUR")).toEqual({ ok: true, minor: 123456 });
    expect(parseMajor("1500", "JPY")).toEqual({ ok: true, minor: 1500 });
    expect(parseMajor("1500.00", "JPY")).toEqual({ ok: true, minor: 1500 });
    expect(parseMajor("1.250", "KWD")).toEqual({ ok: true, minor: 1250 });
    expect(parseMajor("12.345", "KWD")).toEqual({ ok: true, minor: 12345 });
    expect(parseMajor(".5", "EUR")).toEqual({ ok: true, minor: 50 });
  });

  it("refuse negative, zero, too many decimals for the currency, non-numbers and too large amounts", () => {
    expect(parseMajor("-5", "EUR")).toMatchObject({ ok: false, problem: "negative" });
    expect(parseMajor("-0.50", "EUR")).toMatchObject({ ok: false, problem: "negative" });
    expect(parseMajor("12.345", "EUR")).toMatchObject({ ok: false, problem: "tooManyDecimals", digits: 2 });
    expect(parseMajor("10.5", "JPY")).toMatchObject({ ok: false, problem: "tooManyDecimals", digits: 0 });
    expect(parseMajor("1.2345", "KWD")).toMatchObject({ ok: false, problem: "tooManyDecimals", digits: 3 });
    expect(parseMajor("abc", "EUR")).toMatchObject({ ok: false, problem: "notNumber" });
    expect(parseMajor("1e3", "EUR")).toMatchObject({ ok: false, problem: "notNumber" });
    expect(parseMajor("12.3.4", "EUR")).toMatchObject({ ok: false, problem: "notNumber" });
    expect(parseMajor("", "EUR")).toMatchObject({ ok: false, problem: "required" });
    expect(parseMajor("0.00", "EUR")).toMatchObject({ ok: false, problem: "zero" });
    expect(parseMajor("10000000.01", "EUR")).toMatchObject({ ok: false, problem: "tooLarge" });
    expect(parseMajor("99999999999999999999", "JPY")).toMatchObject({ ok: false, problem: "tooLarge" });
  });

  it("minor units are shown back in major units with the currency's digits", () => {
    expect(formatMajor(2900, "EUR")).toBe("29.00");
    expect(formatMajor(5, "EUR")).toBe("0.05");
    expect(formatMajor(1500, "JPY")).toBe("1500");
    expect(formatMajor(1250, "KWD")).toBe("1.250");
    for (const [minor, currency] of [[2900, "EUR"], [7, "KWD"], [1, "JPY"]] as const) {
      expect(parseMajor(formatMajor(minor, currency), currency)).toEqual({ ok: true, minor });
    }
  });
});
