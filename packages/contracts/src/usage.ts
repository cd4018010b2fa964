// Metered usage per module and metric, against the plan's limits.
import { z } from "zod";
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
