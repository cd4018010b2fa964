// The tenant's usage: for each open module, each metric it declares, the current period's value against the
// plan's limit.
import { moduleMetrics, planLimits } from "../modules/catalog.js";
import type { TenantScope } from "../../lib/scope.js";
import { isLive } from "../subscriptions/state.js";
import { monthStart, NO_PERIOD } from "./meter.js";

export async function list(scope: TenantScope) {
  const subs = (await scope.db.subscription.findMany({ select: { moduleKey: true, planId: true, status: true, moduleActive: true }, orderBy: { moduleKey: "asc" } })).filter(
    (s) => isLive(s.status),
  );
  const [modules, plans, counters] = await Promise.all([
    scope.db.catalog.module.findMany({ where: { key: { in: subs.map((s) => s.moduleKey) } }, select: { key: true, metrics: true } }),
    scope.db.catalog.plan.findMany({ where: { id: { in: subs.map((s) => s.planId) } }, select: { id: true, limits: true } }),
    scope.db.usageCounter.findMany({ where: { moduleKey: { in: subs.map((s) => s.moduleKey) }, periodStart: { in: [monthStart(scope.clock.now()), NO_PERIOD] } } }),
  ]);
  const items = subs.flatMap((sub) => {
    const metrics = moduleMetrics(modules.find((m) => m.key === sub.moduleKey)!);
    const limits = planLimits(plans.find((p) => p.id === sub.planId)!);
    return metrics.map((metric) => {
      const periodStart = metric.resets === "monthly" ? monthStart(scope.clock.now()) : NO_PERIOD;
      const value = counters.find((c) => c.moduleKey === sub.moduleKey && c.metric === metric.key && c.periodStart.getTime() === periodStart.getTime())?.value ?? 0;
      const limit = limits[metric.key] ?? null;
      return {
        moduleKey: sub.moduleKey,
        metric: metric.key,
        name: metric.name,
        resets: metric.resets,
        periodStart: metric.resets === "monthly" ? periodStart : null,
        value,
        limit,
        percent: limit ? Math.min(100, Math.floor((value * 100) / limit)) : null,
        counting: sub.moduleActive,
      };
    });
  });
  return { items };
}
