// What the catalog offers a subscription: a plan version that can be subscribed to now, in a currency, and
// the terms of any version (for running subscriptions). Read through a catalog reader: the tenant-scoped
// client's read-only helper in tenant code, the unscoped delegates in the billing job.
import type { TenantCatalog } from "@tenancy/db";
import { AppError } from "../../lib/app-error.js";
import { PLAN_SELECT, planPrices, type PlanRow } from "../modules/catalog.js";
import type { PlanTerms } from "./pricing.js";

export type CatalogReader = TenantCatalog;

/** The terms of a plan version in a currency, or null when the version has no price in it. */
export function termsOf(plan: PlanRow, currency: string): PlanTerms | null {
  const unitPrice = planPrices(plan)[currency];
  if (unitPrice === undefined) return null;
  return {
    id: plan.id,
    code: plan.code,
    name: plan.name as { en: string },
    interval: plan.interval,
    version: plan.version,
    pricingModel: plan.pricingModel,
    changePolicy: plan.changePolicy,
    unitPrice,
  };
}

export async function findPlan(catalog: CatalogReader, planId: string): Promise<PlanRow> {
  const plan = await catalog.plan.findUnique({ where: { id: planId }, select: PLAN_SELECT });
  if (!plan) throw new AppError("PLAN_NOT_FOUND", "This plan does not exist; reload the marketplace and choose a plan from it.", { planId });
  return plan;
}

/** The newest version of a plan (itself when it is the newest). */
export async function newestVersion(catalog: CatalogReader, plan: Pick<PlanRow, "moduleKey" | "code" | "interval">): Promise<PlanRow> {
  const newest = await catalog.plan.findFirst({
    where: { moduleKey: plan.moduleKey, code: plan.code, interval: plan.interval },
    orderBy: { version: "desc" },
    select: PLAN_SELECT,
  });
  return newest!;
}

export interface Offer {
  plan: PlanRow;
  terms: PlanTerms;
  moduleName: { en: string };
}

/**
 * A plan a subscription can start on or move to now: of a published module, active, its newest version,
 * priced in `currency`. Anything else is refused with the reason and what to do.
 */
export async function offeredPlan(catalog: CatalogReader, planId: string, currency: string): Promise<Offer> {
  const plan = await findPlan(catalog, planId);
  const module = await catalog.module.findUnique({ where: { key: plan.moduleKey }, select: { status: true, name: true } });
  const moduleName = module!.name as { en: string };
  if (module!.status !== "published") {
    throw new AppError("PLAN_UNAVAILABLE", `The module "${moduleName.en}" is not offered in the marketplace; it takes no new subscriptions.`, { planId });
  }
  if (plan.status === "retired") {
    throw new AppError("PLAN_UNAVAILABLE", "This plan was retired and takes no new subscriptions; choose another plan of the module.", { planId });
  }
  const newest = await newestVersion(catalog, plan);
  if (newest.id !== plan.id) {
    throw new AppError("PLAN_UNAVAILABLE", "This plan has a newer version with other terms; reload the marketplace and choose it.", { planId, newestPlanId: newest.id });
  }
  const terms = termsOf(plan, currency);
  if (!terms) {
    const offered = Object.keys(planPrices(plan)).sort();
    throw new AppError(
      "CURRENCY_NOT_OFFERED",
      `This plan has no price in ${currency}, the workspace's currency (it is sold in ${offered.join(", ")}); choose a plan offered in ${currency}.`,
      { currency, offered },
    );
  }
  return { plan, terms, moduleName };
}
