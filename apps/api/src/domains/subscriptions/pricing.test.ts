import { describe, expect, it } from "vitest";
import { firstPeriod } from "./period.js";
import { changeDirection, periodLine, planChange, total, type PlanTerms } from "./pricing.js";

const plan = (id: string, unitPrice: number, overrides: Partial<PlanTerms> = {}): PlanTerms => ({
  id,
  code: id,
  name: { en: id[0]!.toUpperCase() + id.slice(1) },
  interval: "monthly",
  version: 1,
  pricingModel: "flat",
  changePolicy: "standard",
  unitPrice,
  ...overrides,
});

const basic = plan("basic", 3000);
const pro = plan("pro", 9000);
const basicAnnual = plan("basic", 30_000, { interval: "annual" });
const proAnnual = plan("pro", 90_000, { interval: "annual" });
const seat = plan("seat", 800, { pricingModel: "per_user" });
const seatPlus = plan("seatplus", 1200, { pricingModel: "per_user" });

// A 30-day period (April 2026), changed exactly a third of the way in.
const april = { start: new Date("2026-04-01T00:00:00Z"), end: new Date("2026-05-01T00:00:00Z") };
const tenthOfApril = new Date("2026-04-11T00:00:00Z");

describe("comparing plans by daily price", () => {
  it.each([
    [basic, pro, 1, "upgrade"],
    [pro, basic, 1, "downgrade"],
    [basic, basic, 1, "downgrade"], // same daily price: not an upgrade
    [basic, basicAnnual, 1, "downgrade"], // 300/year is cheaper per day than 30 x 12
    [basic, proAnnual, 1, "upgrade"],
    [basicAnnual, pro, 1, "annual_to_monthly"],
    [basicAnnual, basic, 1, "annual_to_monthly"],
    [seat, basic, 3, "upgrade"], // 3 x 8 = 24 < 30
    [seat, basic, 4, "downgrade"], // 4 x 8 = 32 > 30
    [seat, seatPlus, 10, "upgrade"],
  ] as const)("%o -> %o with %i seats is a %s", (from, to, seats, expected) => {
    expect(changeDirection(from, to, seats)).toBe(expected);
  });
});

describe("plan changes", () => {
  it("an upgrade applies now: unused time credited, remaining time on the new plan charged", () => {
    const change = planChange({ current: basic, currentQuantity: 1, target: pro, seats: 1, period: april, now: tenthOfApril, trialing: false });
    expect(change).toMatchObject({ direction: "upgrade", timing: "now", effectiveAt: tenthOfApril, invoiceAt: tenthOfApril, newPeriod: null });
    expect(change.prorations.map((l) => [l.kind, l.planId, l.amount])).toEqual([
      ["proration", "basic", -2000], // 20 of 30 days of 30.00
      ["proration", "pro", 6000], // 20 of 30 days of 90.00
    ]);
    expect(total(change.lines)).toBe(4000);
  });

  it("a downgrade and annual -> monthly wait for the period's end, and show the first period on the new plan", () => {
    const down = planChange({ current: pro, currentQuantity: 1, target: basic, seats: 1, period: april, now: tenthOfApril, trialing: false });
    expect(down).toMatchObject({ timing: "period_end", effectiveAt: april.end, invoiceAt: april.end, prorations: [] });
    expect(down.lines).toEqual([periodLine(basic, 1, firstPeriod(april.end, "monthly"))]);
    const year = { start: new Date("2026-01-15T00:00:00Z"), end: new Date("2027-01-15T00:00:00Z") };
    const toMonthly = planChange({ current: basicAnnual, currentQuantity: 1, target: pro, seats: 1, period: year, now: tenthOfApril, trialing: false });
    expect(toMonthly).toMatchObject({ direction: "annual_to_monthly", timing: "period_end", effectiveAt: year.end });
  });

  it("the immediate policy applies a downgrade now, its credit exceeding its charge", () => {
    const change = planChange({ current: { ...pro, changePolicy: "immediate" }, currentQuantity: 1, target: basic, seats: 1, period: april, now: tenthOfApril, trialing: false });
    expect(change.timing).toBe("now");
    expect(change.prorations.map((l) => l.amount)).toEqual([-6000, 2000]);
    expect(total(change.lines)).toBe(-4000);
  });

  it("a change of interval made now starts a new cycle: the unused time credited, the new period billed in full", () => {
    const change = planChange({ current: basic, currentQuantity: 1, target: proAnnual, seats: 1, period: april, now: tenthOfApril, trialing: false });
    expect(change.newPeriod).toEqual({ start: tenthOfApril, end: new Date("2027-04-11T00:00:00Z") });
    expect(change.lines.map((l) => [l.kind, l.amount])).toEqual([
      ["proration", -2000],
      ["subscription", 90_000],
    ]);
    expect(change.prorations).toHaveLength(1);
  });

  it("per-user plans credit the users billed and charge the users holding the module now", () => {
    const change = planChange({ current: seat, currentQuantity: 5, target: seatPlus, seats: 7, period: april, now: tenthOfApril, trialing: false });
    expect(change.quantity).toBe(7);
    expect(change.prorations.map((l) => [l.quantity, l.unitAmount, l.amount])).toEqual([
      [5, 800, -2667], // 5 x 8.00 x 2/3 = 26.666...
      [7, 1200, 5600], // 7 x 12.00 x 2/3
    ]);
  });

  it("rounds each proration to a whole minor unit, half away from zero", () => {
    const odd = { start: new Date("2026-04-01T00:00:00Z"), end: new Date("2026-04-04T00:00:00Z") }; // 3 days
    const change = planChange({ current: plan("a", 1000), currentQuantity: 1, target: plan("b", 1001), seats: 1, period: odd, now: new Date("2026-04-02T00:00:00Z"), trialing: false });
    expect(change.prorations.map((l) => l.amount)).toEqual([-667, 667]); // 666.67 and 667.33
  });

  it("in a trial the plan is swapped and nothing is billed before the trial ends", () => {
    const trial = { start: new Date("2026-04-01T00:00:00Z"), end: new Date("2026-04-15T00:00:00Z") };
    const change = planChange({ current: basic, currentQuantity: 1, target: proAnnual, seats: 1, period: trial, now: tenthOfApril, trialing: true });
    expect(change).toMatchObject({ timing: "now", prorations: [], newPeriod: null, invoiceAt: trial.end });
    expect(change.lines).toEqual([periodLine(proAnnual, 1, { start: trial.end, end: new Date("2027-04-15T00:00:00Z") })]);
  });
});
