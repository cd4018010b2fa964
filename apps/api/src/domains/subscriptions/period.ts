// Billing periods, in UTC. A subscription's periods are counted from its billing anchor: period k runs from
// anchor + k intervals to anchor + (k + 1) intervals, each date clamped to the last day of its month. So a
// subscription anchored on Jan 31 renews on Feb 28 (Feb 29 in a leap year), then Mar 31, Apr 30: the day
// comes back instead of drifting; an annual one anchored on Feb 29 renews on Feb 28 and again on Feb 29 in
// the next leap year. The time of day is kept. Periods are shown in the tenant's time zone, never computed in it.
import type { PlanInterval } from "@tenancy/contracts";

export const MONTHS_PER_INTERVAL: Record<PlanInterval, number> = { monthly: 1, annual: 12 };
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface Period {
  start: Date;
  end: Date;
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** `date` plus `months` calendar months in UTC, the day clamped to the target month's length. */
export function addMonths(date: Date, months: number): Date {
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
  return new Date(Date.UTC(year, month, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()));
}

/** Whole calendar months from `from` to `to` by their year and month only (the day is ignored). */
export function monthIndex(from: Date, to: Date): number {
  return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
}

/** The first period of a cycle anchored at `anchor`. */
export function firstPeriod(anchor: Date, interval: PlanInterval): Period {
  return { start: anchor, end: addMonths(anchor, MONTHS_PER_INTERVAL[interval]) };
}

/**
 * The period that follows the one ending at `end` in the cycle anchored at `anchor`. `end` is itself a
 * boundary of the cycle (anchor + k months, clamped), so its month tells k exactly.
 */
export function nextPeriod(anchor: Date, interval: PlanInterval, end: Date): Period {
  return { start: end, end: addMonths(anchor, monthIndex(anchor, end) + MONTHS_PER_INTERVAL[interval]) };
}

/** The end of a trial of `days` days started at `start` (whole 24-hour days, in UTC). */
export function trialEnd(start: Date, days: number): Date {
  return new Date(start.getTime() + days * DAY_MS);
}
