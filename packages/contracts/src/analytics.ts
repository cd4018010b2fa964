// Analytics: the platform's revenue and subscription metrics over time, and a tenant's own billing summary.
// How each figure is computed, and from which rows: docs/decisions/0042-analytics-metrics.md.
import { z } from "zod";
import { CalendarDate } from "./common.js";
import { msg } from "./messages.js";
import { InvoiceStatus } from "./billing.js";
import { SubscriptionStatus } from "./subscriptions.js";
import { UsageItem } from "./usage.js";

/** The longest range a series covers, in calendar months (both ends included). */
export const ANALYTICS_MAX_MONTHS = 36;

/** Whole UTC calendar months from `from`'s month to `to`'s month, both included. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export const AnalyticsRangeInput = z
  .object({
    from: CalendarDate.describe("A day of the first month of the series (YYYY-MM-DD, UTC months)."),
    to: CalendarDate.describe("A day of the last month of the series (YYYY-MM-DD, UTC months)."),
  })
  .refine((r) => r.from <= r.to, { path: ["to"], message: msg("dateRange.endBeforeStart") })
  .refine((r) => r.from > r.to || monthsBetween(r.from, r.to) <= ANALYTICS_MAX_MONTHS, {
    path: ["to"],
    message: msg("analytics.rangeTooLong"),
    params: { maximum: ANALYTICS_MAX_MONTHS },
  });

export const MoneyByCurrency = z.object({ currency: z.string(), amount: z.number().int() });

/** A module's name per UI language ({ en, fr }). */
const ModuleName = z.record(z.string(), z.string());

export const MrrRow = z.object({
  moduleKey: z.string(),
  moduleName: ModuleName,
  currency: z.string(),
  /** Paying subscriptions (active or past due) counted. */
  subscriptions: z.number().int(),
  /** Monthly recurring revenue in minor units: monthly plans at price x quantity, annual plans at a twelfth. */
  mrr: z.number().int(),
  /** Annual recurring revenue: monthly plans x 12, annual plans at price x quantity (exact). */
  arr: z.number().int(),
});

export const MonthPoint = z.object({ month: z.string().describe("YYYY-MM (UTC).") });

export const TrialMonth = MonthPoint.extend({
  ended: z.number().int().describe("Trials whose end fell in the month (and has passed)."),
  converted: z.number().int().describe("... of which became paid (their first paid period was invoiced)."),
  /** converted / ended in basis points (10000 = 100%), null when no trial ended. */
  rateBasisPoints: z.number().int().nullable(),
});

export const ChurnMonth = MonthPoint.extend({
  liveAtStart: z.number().int().describe("Paid subscriptions whose invoiced period covered the month's first instant."),
  ended: z.number().int().describe("Paid subscriptions that ended (canceled, at period end or unpaid) in the month."),
  /** ended / liveAtStart in basis points, null when nothing was live at the start. */
  rateBasisPoints: z.number().int().nullable(),
});

export const RevenueMonth = MonthPoint.extend({
  currency: z.string(),
  /** Total of the invoices issued in the month that are not void. */
  billed: z.number().int(),
  /** Total of the invoices voided in the month. */
  voided: z.number().int(),
  /** Net revenue: total of the invoices paid in the month (no refunds are recorded). */
  paid: z.number().int(),
});

export const PlatformAnalyticsOutput = z.object({
  asOf: z.date(),
  from: z.string().describe("First month, YYYY-MM."),
  to: z.string().describe("Last month, YYYY-MM."),
  mrr: z.array(MrrRow),
  /** Per currency: the sums of `mrr` rows (never across currencies). */
  mrrByCurrency: z.array(z.object({ currency: z.string(), subscriptions: z.number().int(), mrr: z.number().int(), arr: z.number().int() })),
  activeTrials: z.array(z.object({ moduleKey: z.string(), moduleName: ModuleName, count: z.number().int() })),
  trials: z.array(TrialMonth),
  churn: z.array(ChurnMonth),
  revenue: z.array(RevenueMonth),
  tenants: z.object({
    byStatus: z.array(z.object({ status: z.enum(["active", "suspended"]), count: z.number().int() })),
    byBilling: z.array(z.object({ state: z.enum(["paying", "past_due", "trialing", "none"]), count: z.number().int() })),
  }),
});
export type PlatformAnalytics = z.infer<typeof PlatformAnalyticsOutput>;

export const TenantSubscriptionSummary = z.object({
  moduleKey: z.string(),
  moduleName: ModuleName,
  status: SubscriptionStatus,
  planName: z.record(z.string(), z.string()),
  interval: z.enum(["monthly", "annual"]),
  pricingModel: z.enum(["flat", "per_user"]),
  currency: z.string(),
  quantity: z.number().int(),
  /** What the current period costs (price x quantity), in minor units. */
  periodAmount: z.number().int(),
  currentPeriodEnd: z.date(),
  trialEnd: z.date().nullable(),
  cancelAtPeriodEnd: z.boolean(),
});

export const UpcomingRenewal = z.object({
  moduleKey: z.string(),
  moduleName: ModuleName,
  at: z.date(),
  kind: z.enum(["renewal", "trial_conversion"]),
  currency: z.string(),
  /** Estimated: the plan it continues on at today's quantity (per-user plans are recounted then). */
  amount: z.number().int(),
});

export const TenantAnalyticsOutput = z.object({
  asOf: z.date(),
  counts: z.array(z.object({ status: SubscriptionStatus, count: z.number().int() })),
  subscriptions: z.array(TenantSubscriptionSummary),
  renewals: z.array(UpcomingRenewal).describe("Renewals and trial conversions in the next 90 days, soonest first."),
  renewalTotals: z.array(z.object({ currency: z.string(), next30Days: z.number().int(), next90Days: z.number().int() })),
  usage: z.array(UsageItem),
  invoices: z.object({ open: z.array(MoneyByCurrency), statuses: z.array(z.object({ status: InvoiceStatus, count: z.number().int() })) }),
});
export type TenantAnalytics = z.infer<typeof TenantAnalyticsOutput>;
