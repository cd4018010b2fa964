// Metered usage per module and metric, against the plan's limits.
import { z } from "zod";
import { Currency } from "./common.js";
import { msg } from "./messages.js";
import { LocalizedText } from "./modules.js";

export const UsageItem = z.object({
  moduleKey: z.string(),
  metric: z.string(),
  name: LocalizedText(80),
  resets: z.enum(["monthly", "never"]),
  /** Start of the month counted (UTC), or null for a metric that never resets. */
  periodStart: z.date().nullable(),
  value: z.number().int(),
  /** null: unlimited. */
  limit: z.number().int().nullable(),
  percent: z.number().int().nullable(),
  /** False while the module is deactivated: its usage is not counted. */
  counting: z.boolean(),
});
export const UsageListOutput = z.object({ items: z.array(UsageItem) });

/** The largest spending cap, in minor units (an Int column; 20,000,000.00 EUR). */
export const SPEND_CAP_MAX = 2_000_000_000;

/**
 * The tenant's spending cap (decision 44): once the month's spend (UTC calendar month: invoices issued in
 * it, not void, plus charges accrued and not invoiced yet) reaches it, metered usage is refused with
 * SPEND_CAP_REACHED.
 */
export const SpendCapOutput = z.object({
  /** null: no cap. Integer minor units of `currency`. */
  cap: z.number().int().nullable(),
  /** The cap's currency: the tenant's subscription currency (the tenant's currency before any subscription). */
  currency: z.string(),
  /** What the month has spent so far in `currency`, in minor units. */
  spend: z.number().int(),
  /** Start of the month counted (UTC). */
  periodStart: z.date(),
});

export const SetSpendCapInput = z.object({
  cap: z
    .number({ message: msg("spendCap.whole") })
    .int(msg("spendCap.whole"))
    .min(0, msg("spendCap.negative"))
    .max(SPEND_CAP_MAX, msg("spendCap.tooLarge"))
    .nullable()
    .describe("The cap in integer minor units of the currency (1900 is 19.00 EUR), or null to remove it."),
  currency: Currency.describe("Must be the workspace's subscription currency (as `usage.spendCap.get` returns it)."),
});
