// The arithmetic of the platform figures that is done in TypeScript: MRR from ARR, and the months of a range.
import { AnalyticsRangeInput, monthsBetween } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import { monthList, monthRange, mrrOf, nextMonth } from "./platform-service.js";

describe("platform analytics arithmetic", () => {
  it("MRR is a twelfth of ARR rounded once, halves away from zero", () => {
    expect(mrrOf(0n)).toBe(0);
    expect(mrrOf(6n)).toBe(1); // 0.5
    expect(mrrOf(5n)).toBe(0); // 0.4166
    expect(mrrOf(18n)).toBe(2); // 1.5
    expect(mrrOf(12010n)).toBe(1001); // 1000.83
    expect(mrrOf(12_000_000_000_006n)).toBe(1_000_000_000_001);
  });

  it("lists the UTC months of a range, both ends included, across years and month ends", () => {
    expect(monthRange({ from: "2025-11-30", to: "2026-02-01" })).toEqual({ first: "2025-11-01", last: "2026-02-01" });
    expect(monthList("2025-11-01", "2026-02-01")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(nextMonth("2026-12-01")).toBe("2027-01-01");
    expect(monthsBetween("2023-04-15", "2026-03-02")).toBe(36);
  });

  it("accepts 36 months and refuses 37 or a reversed range, with message keys", () => {
    expect(AnalyticsRangeInput.safeParse({ from: "2023-04-30", to: "2026-03-01" }).success).toBe(true);
    const long = AnalyticsRangeInput.safeParse({ from: "2023-03-31", to: "2026-03-01" });
    expect(long.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["to", "analytics.rangeTooLong"]]);
    const reversed = AnalyticsRangeInput.safeParse({ from: "2026-03-02", to: "2026-03-01" });
    expect(reversed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["to", "dateRange.endBeforeStart"]]);
  });
});
