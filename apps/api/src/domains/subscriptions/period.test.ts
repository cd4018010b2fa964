import { describe, expect, it } from "vitest";
import { addMonths, firstPeriod, nextPeriod, trialEnd } from "./period.js";

const d = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

/** The first `count` period ends of a cycle. */
function ends(anchor: string, interval: "monthly" | "annual", count: number): string[] {
  const result: string[] = [];
  let period = firstPeriod(d(anchor), interval);
  for (let i = 0; i < count; i++) {
    result.push(iso(period.end).slice(0, 10));
    period = nextPeriod(d(anchor), interval, period.end);
  }
  return result;
}

describe("addMonths", () => {
  it.each([
    ["2026-01-31T09:30:00.000Z", 1, "2026-02-28T09:30:00.000Z"], // month end clamped
    ["2028-01-31T09:30:00.000Z", 1, "2028-02-29T09:30:00.000Z"], // leap year
    ["2026-03-31T00:00:00.000Z", 1, "2026-04-30T00:00:00.000Z"],
    ["2026-01-30T00:00:00.000Z", 1, "2026-02-28T00:00:00.000Z"],
    ["2026-01-15T12:00:00.000Z", 1, "2026-02-15T12:00:00.000Z"],
    ["2026-12-31T23:59:59.999Z", 1, "2027-01-31T23:59:59.999Z"], // year boundary, time kept
    ["2026-11-30T00:00:00.000Z", 3, "2027-02-28T00:00:00.000Z"],
    ["2028-02-29T00:00:00.000Z", 12, "2029-02-28T00:00:00.000Z"], // annual from a leap day
    ["2028-02-29T00:00:00.000Z", 48, "2032-02-29T00:00:00.000Z"],
    ["2026-05-31T00:00:00.000Z", -3, "2026-02-28T00:00:00.000Z"], // backwards
    ["2026-03-29T01:30:00.000Z", 0, "2026-03-29T01:30:00.000Z"],
  ])("%s + %i months = %s", (from, months, expected) => {
    expect(iso(addMonths(d(from), months))).toBe(expected);
  });
});

describe("billing periods", () => {
  it.each([
    // Anchored on a month's last day: the day comes back after a short month, it does not drift.
    ["2026-01-31T10:00:00.000Z", "monthly", ["2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30"]],
    ["2028-01-31T10:00:00.000Z", "monthly", ["2028-02-29", "2028-03-31", "2028-04-30"]],
    ["2026-01-29T10:00:00.000Z", "monthly", ["2026-02-28", "2026-03-29", "2026-04-29"]],
    ["2026-08-31T10:00:00.000Z", "monthly", ["2026-09-30", "2026-10-31", "2026-11-30", "2026-12-31", "2027-01-31", "2027-02-28"]],
    // Annual renewals on Feb 29: Feb 28 in common years, Feb 29 again in leap years.
    ["2028-02-29T00:00:00.000Z", "annual", ["2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29", "2033-02-28"]],
    ["2026-03-01T00:00:00.000Z", "annual", ["2027-03-01", "2028-03-01"]],
  ] as const)("anchored at %s, %s periods end on %j", (anchor, interval, expected) => {
    expect(ends(anchor, interval, expected.length)).toEqual(expected);
  });

  it("each period starts where the previous one ended and keeps the anchor's time of day in UTC", () => {
    const anchor = d("2026-01-31T23:30:00.000Z"); // already Feb 1 in Europe/Paris: periods are UTC, shown in the zone
    const first = firstPeriod(anchor, "monthly");
    const second = nextPeriod(anchor, "monthly", first.end);
    expect(iso(second.start)).toBe(iso(first.end));
    expect(iso(second.end)).toBe("2026-03-31T23:30:00.000Z");
  });

  it("a trial lasts whole 24-hour days, across a daylight saving change", () => {
    expect(iso(trialEnd(d("2026-03-20T12:00:00.000Z"), 14))).toBe("2026-04-03T12:00:00.000Z");
    expect(iso(trialEnd(d("2028-02-15T00:00:00.000Z"), 14))).toBe("2028-02-29T00:00:00.000Z");
  });
});
