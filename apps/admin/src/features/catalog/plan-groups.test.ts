import { describe, expect, it } from "vitest";
import { groupPlans } from "./plan-groups.js";

const plan = (code: string, interval: "monthly" | "annual", version: number, status: "active" | "retired" = "active") => ({ code, interval, version, status });

describe("a module's plans grouped by code", () => {
  it("one group per code and interval, versions newest first, codes in order and monthly before annual", () => {
    const groups = groupPlans([plan("pro", "annual", 1), plan("starter", "monthly", 1), plan("pro", "monthly", 1), plan("pro", "monthly", 3), plan("pro", "monthly", 2)]);
    expect(groups.map((g) => `${g.code}/${g.interval}`)).toEqual(["pro/monthly", "pro/annual", "starter/monthly"]);
    expect(groups[0]!.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(groups[0]!.newest.version).toBe(3);
  });

  it("a group is retired when its newest version is", () => {
    const [group] = groupPlans([plan("pro", "monthly", 1, "retired"), plan("pro", "monthly", 2, "retired")]);
    expect(group!.retired).toBe(true);
    expect(groupPlans([plan("pro", "monthly", 1)])[0]!.retired).toBe(false);
    expect(groupPlans([])).toEqual([]);
  });
});
