// The tenant's marketplace: published modules with the newest active version of each plan, priced in the
// tenant's currency, read through the scoped client's read-only catalog helper.
import { currencyDigits } from "@tenancy/contracts";
import type { TenantScope } from "../../lib/scope.js";
import { dailyPrice, latestVersionIds, MODULE_SELECT, moduleMetrics, PLAN_SELECT, planLimits, planPrices, toModuleDto } from "./catalog.js";

export async function marketplace(scope: TenantScope) {
  const tenant = await scope.db.ownTenant.get({ currency: true, language: true });
  const modules = await scope.db.catalog.module.findMany({ where: { status: "published" }, orderBy: { key: "asc" }, select: MODULE_SELECT });
  const plans = await scope.db.catalog.plan.findMany({
    where: { moduleKey: { in: modules.map((m) => m.key) } },
    orderBy: [{ code: "asc" }, { interval: "asc" }],
    select: PLAN_SELECT,
  });
  const known = new Set((await scope.db.subscription.findMany({ select: { moduleKey: true } })).map((s) => s.moduleKey));
  const latest = latestVersionIds(plans);
  const offered = plans.filter((p) => latest.has(p.id) && p.status === "active");
  return {
    currency: tenant.currency,
    currencyDigits: currencyDigits(tenant.currency),
    language: tenant.language,
    items: modules.map((row) => {
      const { key, name, description, category, icon } = toModuleDto(row);
      return {
        key,
        name,
        description,
        category,
        icon,
        metrics: moduleMetrics(row),
        plans: offered
          .filter((p) => p.moduleKey === key)
          .map((p) => {
            const price = planPrices(p)[tenant.currency] ?? null;
            return {
              id: p.id,
              code: p.code,
              name: p.name as { en: string; fr: string },
              interval: p.interval,
              version: p.version,
              price,
              dailyPrice: price === null ? null : dailyPrice(price, p.interval),
              trialDays: p.trialDays,
              limits: planLimits(p),
              pricingModel: p.pricingModel,
            };
          }),
        trialAvailable: !known.has(key),
      };
    }),
  };
}
