// How the billing pages word prices and invoice lines in the reader's language: a plan's price per interval
// (per user on per-user plans), its daily price for comparing monthly with annual plans, and each charge line
// described from its kind, plan and period (the server's `description` is English, for logs and API users).
import type { PlanInterval } from "@tenancy/contracts";
import type { Formatters } from "../../app/i18n/format.js";
import type { Translate } from "../../app/i18n/translate.js";

type PricingModel = "flat" | "per_user";
type Money = Pick<Formatters, "money">;

export function priceText(t: Translate, fmt: Money, price: { amount: number; currency: string; interval: PlanInterval; pricingModel: PricingModel }): string {
  const formatted = fmt.money(price.amount, price.currency);
  if (price.pricingModel === "per_user") return t(price.interval === "monthly" ? "price.perUserPerMonth" : "price.perUserPerYear", { price: formatted });
  return t(price.interval === "monthly" ? "price.perMonth" : "price.perYear", { price: formatted });
}

/** The daily price (in minor units, possibly fractional) rounded to the currency's minor unit by Intl. */
export function dailyPriceText(t: Translate, fmt: Money, daily: { amount: number; currency: string; pricingModel: PricingModel }): string {
  const formatted = fmt.money(daily.amount, daily.currency);
  return t(daily.pricingModel === "per_user" ? "price.perUserPerDay" : "price.perDay", { price: formatted });
}

/** What a line needs to be described: the fields shared by a previewed charge and an invoice line. */
export interface LineFacts {
  kind: "subscription" | "proration" | "credit";
  planId: string | null;
  quantity: number;
  amount: number;
  periodStart: Date | null;
  periodEnd: Date | null;
  description: string;
}

export interface PlanFacts {
  name: string;
  interval: PlanInterval;
  pricingModel: PricingModel;
}

/**
 * A line in the reader's language. A period: "Pro, monthly, Mar 1 to Apr 1" (with "7 users" on per-user
 * plans); a proration: the credit of the unused time (negative) or the charge of the remaining time; a
 * credit: carried to the next invoice (positive: it settles this one at zero) or from a previous one. A line
 * whose plan is unknown to the page falls back to the server's description.
 */
export function lineText(t: Translate, fmt: Pick<Formatters, "date">, line: LineFacts, planOf: (planId: string) => PlanFacts | null): string {
  if (line.kind === "credit") return t(line.amount > 0 ? "line.creditOut" : "line.creditIn");
  const plan = line.planId ? planOf(line.planId) : null;
  if (!plan || !line.periodStart || !line.periodEnd) return line.description;
  const vars = { plan: plan.name, interval: t(`interval.${plan.interval}`).toLowerCase(), start: fmt.date(line.periodStart), end: fmt.date(line.periodEnd) };
  const text = line.kind === "subscription" ? t("line.period", vars) : t(line.amount < 0 ? "line.unused" : "line.remaining", vars);
  return plan.pricingModel === "per_user" ? `${text} · ${t("line.users", { count: line.quantity })}` : text;
}
