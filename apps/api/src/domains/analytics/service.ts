// A tenant's own billing analytics, through the tenant-scoped client only: its subscriptions with what each
// period costs, the renewals and trial conversions of the next 90 days with their amounts, usage against the
// plans' limits this period, and its invoices by status. Definitions: docs/decisions/0042-analytics-metrics.md.
import type { TenantAnalytics } from "@tenancy/contracts";
import { PLAN_SELECT, planPrices } from "../modules/catalog.js";
import type { TenantScope } from "../../lib/scope.js";
import { list as usageList } from "../usage/service.js";

const DAY = 86_400_000;

export async function summary(scope: TenantScope): Promise<TenantAnalytics> {
  const now = scope.clock.now();
  const [subs, invoiceGroups, usage] = await Promise.all([
    scope.db.subscription.findMany({
      select: {
        moduleKey: true, planId: true, pendingPlanId: true, status: true, currency: true, quantity: true, currentPeriodEnd: true, trialEnd: true,
        continueAfterTrial: true, cancelAtPeriodEnd: true,
      },
      orderBy: { moduleKey: "asc" },
    }),
    scope.db.invoice.groupBy({ by: ["status", "currency"], _count: { _all: true }, _sum: { total: true } }),
    usageList(scope),
  ]);
  const planIds = [...new Set(subs.flatMap((s) => [s.planId, ...(s.pendingPlanId ? [s.pendingPlanId] : [])]))];
  const [plans, modules] = await Promise.all([
    scope.db.catalog.plan.findMany({ where: { id: { in: planIds } }, select: PLAN_SELECT }),
    scope.db.catalog.module.findMany({ where: { key: { in: subs.map((s) => s.moduleKey) } }, select: { key: true, name: true } }),
  ]);
  const moduleName = (key: string) => (modules.find((m) => m.key === key)?.name ?? {}) as Record<string, string>;
  const plan = (id: string) => plans.find((p) => p.id === id)!;
  const price = (planId: string, currency: string) => planPrices(plan(planId))[currency] ?? 0;

  const counts = new Map<string, number>();
  for (const s of subs) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);

  const horizon = now.getTime() + 90 * DAY;
  const renewals: TenantAnalytics["renewals"] = [];
  for (const s of subs) {
    const at = s.currentPeriodEnd;
    if (at.getTime() <= now.getTime() || at.getTime() > horizon) continue;
    const continues = s.status === "trialing" ? s.continueAfterTrial : (s.status === "active" || s.status === "past_due") && !s.cancelAtPeriodEnd;
    if (!continues) continue;
    const next = s.pendingPlanId ?? s.planId;
    renewals.push({
      moduleKey: s.moduleKey,
      moduleName: moduleName(s.moduleKey),
      at,
      kind: s.status === "trialing" ? "trial_conversion" : "renewal",
      currency: s.currency,
      amount: price(next, s.currency) * s.quantity,
    });
  }
  renewals.sort((a, b) => a.at.getTime() - b.at.getTime() || a.moduleKey.localeCompare(b.moduleKey));
  const totals = new Map<string, { currency: string; next30Days: number; next90Days: number }>();
  for (const r of renewals) {
    const t = totals.get(r.currency) ?? { currency: r.currency, next30Days: 0, next90Days: 0 };
    t.next90Days += r.amount;
    if (r.at.getTime() <= now.getTime() + 30 * DAY) t.next30Days += r.amount;
    totals.set(r.currency, t);
  }

  const open = new Map<string, number>();
  const statusCounts = new Map<string, number>();
  for (const g of invoiceGroups) {
    statusCounts.set(g.status, (statusCounts.get(g.status) ?? 0) + g._count._all);
    if (g.status === "open" || g.status === "uncollectible") open.set(g.currency, (open.get(g.currency) ?? 0) + (g._sum.total ?? 0));
  }

  return {
    asOf: now,
    counts: [...counts].map(([status, count]) => ({ status: status as TenantAnalytics["counts"][number]["status"], count })),
    subscriptions: subs.map((s) => {
      const p = plan(s.planId);
      return {
        moduleKey: s.moduleKey,
        moduleName: moduleName(s.moduleKey),
        status: s.status,
        planName: p.name as Record<string, string>,
        interval: p.interval,
        pricingModel: p.pricingModel,
        currency: s.currency,
        quantity: s.quantity,
        periodAmount: price(s.planId, s.currency) * s.quantity,
        currentPeriodEnd: s.currentPeriodEnd,
        trialEnd: s.trialEnd,
        cancelAtPeriodEnd: s.cancelAtPeriodEnd,
      };
    }),
    renewals,
    renewalTotals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    usage: usage.items,
    invoices: {
      open: [...open].map(([currency, amount]) => ({ currency, amount })).sort((a, b) => a.currency.localeCompare(b.currency)),
      statuses: [...statusCounts].map(([status, count]) => ({ status: status as TenantAnalytics["invoices"]["statuses"][number]["status"], count })),
    },
  };
}
