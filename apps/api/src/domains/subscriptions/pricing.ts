// What a subscription costs, and what a plan change does, as pure functions of plan terms, seats and time:
// the billing job and the tenant's preview use the same ones, so a preview is what gets invoiced.
// Amounts are integer minor units of the subscription's currency.
import type { ChargeLine, PlanInterval } from "@tenancy/contracts";
import { prorate, sum, times } from "../billing/money.js";
import { annualized } from "../modules/catalog.js";
import { firstPeriod, type Period } from "./period.js";

export interface PlanTerms {
  id: string;
  code: string;
  name: { en: string };
  interval: PlanInterval;
  version: number;
  pricingModel: "flat" | "per_user";
  changePolicy: "standard" | "immediate";
  /** Price per interval in the subscription's currency (per user on per-user plans). */
  unitPrice: number;
}

/** Units billed: the seats on a per-user plan, else one. */
export const quantityFor = (plan: Pick<PlanTerms, "pricingModel">, seats: number) => (plan.pricingModel === "per_user" ? seats : 1);

/** A period's price: the unit price times the units. */
export const periodAmount = (plan: PlanTerms, quantity: number) => times(plan.unitPrice, quantity);

const day = (date: Date) => date.toISOString().slice(0, 10);
const label = (plan: PlanTerms) => `${plan.name.en} (${plan.interval})`;

/** The line of one period of a plan. */
export function periodLine(plan: PlanTerms, quantity: number, period: Period): ChargeLine {
  const perUser = plan.pricingModel === "per_user" ? `, ${quantity} user${quantity === 1 ? "" : "s"}` : "";
  return {
    kind: "subscription",
    description: `${label(plan)}${perUser}, ${day(period.start)} to ${day(period.end)}`,
    planId: plan.id,
    quantity,
    unitAmount: plan.unitPrice,
    amount: periodAmount(plan, quantity),
    periodStart: period.start,
    periodEnd: period.end,
  };
}

export type ChangeDirection = "upgrade" | "downgrade" | "annual_to_monthly";

/**
 * Plans are compared by daily price at the same seat count (annualized amounts compare daily prices exactly);
 * annual -> monthly is its own case, whatever the prices.
 */
export function changeDirection(current: PlanTerms, target: PlanTerms, seats: number): ChangeDirection {
  if (current.interval === "annual" && target.interval === "monthly") return "annual_to_monthly";
  const now = annualized(periodAmount(current, quantityFor(current, seats)), current.interval);
  const next = annualized(periodAmount(target, quantityFor(target, seats)), target.interval);
  return next > now ? "upgrade" : "downgrade";
}

export interface ChangeInput {
  current: PlanTerms;
  /** Units billed for the current period (what the credit gives back). */
  currentQuantity: number;
  target: PlanTerms;
  /** Users holding the module now. */
  seats: number;
  period: Period;
  now: Date;
  trialing: boolean;
}

export interface PlanChange {
  direction: ChangeDirection;
  timing: "now" | "period_end";
  effectiveAt: Date;
  /** Prorations to put on the next invoice now (changes made now, within a paid period). */
  prorations: ChargeLine[];
  /** Set when the change starts a new billing cycle now (the interval changes now): anchored at `now`. */
  newPeriod: Period | null;
  /** Units of the target plan. */
  quantity: number;
  /** What the change adds to the invoice it causes (now, or at the period's end), for the preview. */
  lines: ChargeLine[];
  invoiceAt: Date;
}

/**
 * The `standard` policy (of the plan being left) applies upgrades now, prorated, and downgrades and
 * annual -> monthly at the period's end; `immediate` applies every change now, prorated. In a trial the
 * plan is simply swapped: nothing is billed before the trial ends.
 */
export function planChange({ current, currentQuantity, target, seats, period, now, trialing }: ChangeInput): PlanChange {
  const direction = changeDirection(current, target, seats);
  const quantity = quantityFor(target, seats);
  if (trialing) {
    const first = firstPeriod(period.end, target.interval);
    return { direction, timing: "now", effectiveAt: now, prorations: [], newPeriod: null, quantity, lines: [periodLine(target, quantity, first)], invoiceAt: period.end };
  }
  const now_ = current.changePolicy === "immediate" || direction === "upgrade";
  if (!now_) {
    const next = firstPeriod(period.end, target.interval);
    return { direction, timing: "period_end", effectiveAt: period.end, prorations: [], newPeriod: null, quantity, lines: [periodLine(target, quantity, next)], invoiceAt: period.end };
  }
  const whole = period.end.getTime() - period.start.getTime();
  const remaining = Math.max(0, Math.min(whole, period.end.getTime() - now.getTime()));
  const credit: ChargeLine = {
    kind: "proration",
    description: `Unused time on ${label(current)} from ${day(now)} to ${day(period.end)}`,
    planId: current.id,
    quantity: currentQuantity,
    unitAmount: current.unitPrice,
    amount: -prorate(periodAmount(current, currentQuantity), remaining, whole),
    periodStart: now,
    periodEnd: period.end,
  };
  if (target.interval === current.interval) {
    const charge: ChargeLine = {
      kind: "proration",
      description: `Remaining time on ${label(target)} from ${day(now)} to ${day(period.end)}`,
      planId: target.id,
      quantity,
      unitAmount: target.unitPrice,
      amount: prorate(periodAmount(target, quantity), remaining, whole),
      periodStart: now,
      periodEnd: period.end,
    };
    return { direction, timing: "now", effectiveAt: now, prorations: [credit, charge], newPeriod: null, quantity, lines: [credit, charge], invoiceAt: now };
  }
  // A new interval starts a new cycle now: the unused time is credited and the new period billed in full.
  const newPeriod = firstPeriod(now, target.interval);
  return {
    direction,
    timing: "now",
    effectiveAt: now,
    prorations: [credit],
    newPeriod,
    quantity,
    lines: [credit, periodLine(target, quantity, newPeriod)],
    invoiceAt: now,
  };
}

export const total = (lines: readonly Pick<ChargeLine, "amount">[]) => sum(lines.map((l) => l.amount));
