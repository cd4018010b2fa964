// The usage increment other domains call where usage happens, inside their own transaction: it counts one
// metric of a module for the current period and enforces the plan's limit, so an action over the limit is
// refused with everything it wrote (the increment included). Events at 80% and 100% of a limit. Usage of a
// module that is not open (not subscribed, ended or deactivated) is not counted. Once the month's spend
// reaches the tenant's spending cap, counted usage is refused too (spend-cap.ts).
import type { TenantTx } from "@tenancy/db";
import { AppError } from "../../lib/app-error.js";
import { record } from "../../lib/record.js";
import type { Acting } from "../../lib/scope.js";
import { moduleMetrics, planLimits } from "../modules/catalog.js";
import { isLive } from "../subscriptions/state.js";
import { checkSpendCap } from "./spend-cap.js";

export const THRESHOLDS = [80, 100] as const;
/** The period of metrics that never reset. */
export const NO_PERIOD = new Date(0);

/** The start of `now`'s calendar month in UTC: monthly metrics count from there. */
export const monthStart = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

export interface UsageResult {
  counted: boolean;
  value: number;
  limit: number | null;
}

export async function incrementUsage(tx: TenantTx, scope: Acting, input: { moduleKey: string; metric: string; by?: number }): Promise<UsageResult> {
  const { moduleKey, metric, by = 1 } = input;
  if (!Number.isSafeInteger(by) || by < 1) throw new AppError("INTERNAL", `Usage increments are whole numbers from 1, not ${by}.`);
  const sub = await tx.subscription.findFirst({ where: { moduleKey }, select: { status: true, moduleActive: true, planId: true } });
  if (!sub || !isLive(sub.status) || !sub.moduleActive) return { counted: false, value: 0, limit: null };
  const [module, plan] = await Promise.all([
    tx.catalog.module.findUnique({ where: { key: moduleKey }, select: { metrics: true, name: true } }),
    tx.catalog.plan.findUnique({ where: { id: sub.planId }, select: { limits: true, name: true } }),
  ]);
  // Both exist: a subscription's module and plan are foreign keys that cannot be deleted.
  if (!module || !plan) throw new AppError("INTERNAL", `The catalog lost the module "${moduleKey}" or its plan.`);
  const declared = moduleMetrics(module).find((m) => m.key === metric);
  if (!declared) throw new AppError("INTERNAL", `The module "${moduleKey}" declares no metric "${metric}".`);
  const periodStart = declared.resets === "monthly" ? monthStart(scope.clock.now()) : NO_PERIOD;
  const limit = planLimits(plan)[metric] ?? null;
  await checkSpendCap(tx, scope.clock.now(), { moduleKey, metric });

  const value = await add(tx, { moduleKey, metric, periodStart }, by);
  const before = value - by;
  if (limit !== null && value > limit) {
    const per = declared.resets === "monthly" ? " this month" : "";
    throw new AppError(
      "USAGE_LIMIT_REACHED",
      `The ${(plan.name as { en: string }).en} plan of "${(module.name as { en: string }).en}" allows ${limit} ${declared.name.en.toLowerCase()}${per}; the workspace has used ${before}. A tenant admin can change to a plan with a higher limit.`,
      { moduleKey, metric, limit, current: before, periodStart: periodStart.toISOString() },
    );
  }
  if (limit !== null && limit > 0) {
    for (const percent of THRESHOLDS) {
      const threshold = Math.ceil((limit * percent) / 100);
      if (before < threshold && value >= threshold) {
        await record(tx, scope, {
          type: "usage.threshold_reached",
          tenantId: tx.tenantId,
          target: { type: "usage", id: null, name: `${moduleKey}/${metric}` },
          changes: { value, limit, percent },
          payload: { moduleKey, metric, percent, value, limit, periodStart: periodStart.toISOString() },
        });
      }
    }
  }
  return { counted: true, value, limit };
}

/** Adds to the counter, creating it if needed: one UPDATE in the steady state, safe under concurrency. */
async function add(tx: TenantTx, key: { moduleKey: string; metric: string; periodStart: Date }, by: number): Promise<number> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const [row] = await tx.usageCounter.updateManyAndReturn({ where: key, data: { value: { increment: by } }, select: { value: true } });
    if (row) return row.value;
    const { count } = await tx.usageCounter.createMany({ data: [{ ...key, tenantId: tx.tenantId, value: by }], skipDuplicates: true });
    if (count === 1) return by;
    // Created by a concurrent increment meanwhile: add to it.
  }
  throw new AppError("CONFLICT", "The usage counter changed too often at once; try again.");
}
