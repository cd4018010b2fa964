// Plan facts the billing pages look up by id (for wording lines): the marketplace's offered plans and the
// subscriptions' current and pending plans, in the reader's language.
import type { PlanFacts } from "./billing-text.js";

type Named = { id: string; name: { en: string; fr: string }; interval: "monthly" | "annual"; pricingModel: "flat" | "per_user" };

export function planLookup(language: string, ...lists: readonly (readonly Named[])[]): (planId: string) => PlanFacts | null {
  const byId = new Map<string, PlanFacts>();
  const lang = language.startsWith("fr") ? "fr" : "en";
  for (const list of lists) for (const plan of list) byId.set(plan.id, { name: plan.name[lang], interval: plan.interval, pricingModel: plan.pricingModel });
  return (planId) => byId.get(planId) ?? null;
}

/** A localized text of the catalog ({ en, fr }) in the reader's language. */
export function localized(text: { en: string; fr: string }, language: string): string {
  return language.startsWith("fr") ? text.fr : text.en;
}

/**
 * Whether the subscription's plan or billing interval can change now: in a trial or active, not with an
 * overdue invoice (the API's state table refuses it; the page offers no action the API always refuses).
 */
export const canChangePlan = (status: string): boolean => status === "trialing" || status === "active";
