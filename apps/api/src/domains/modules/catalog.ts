// Pure helpers over catalog rows: their DTOs, the newest version of each plan, and price comparison.
import type { LocalizedText, ModuleDto, ModuleMetric, PlanDto, PlanInterval } from "@tenancy/contracts";

export interface ModuleRow {
  key: string;
  name: unknown;
  description: unknown;
  category: string;
  icon: string;
  status: ModuleDto["status"];
  metrics: unknown;
  publishedAt: Date | null;
  retiredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PlanRow {
  id: string;
  moduleKey: string;
  code: string;
  name: unknown;
  interval: PlanInterval;
  version: number;
  prices: unknown;
  trialDays: number;
  limits: unknown;
  pricingModel: PlanDto["pricingModel"];
  changePolicy: PlanDto["changePolicy"];
  status: PlanDto["status"];
  retiredAt: Date | null;
  createdAt: Date;
}

export const MODULE_SELECT = {
  key: true, name: true, description: true, category: true, icon: true, status: true, metrics: true, publishedAt: true, retiredAt: true,
  createdAt: true, updatedAt: true,
} as const;

export const PLAN_SELECT = {
  id: true, moduleKey: true, code: true, name: true, interval: true, version: true, prices: true, trialDays: true, limits: true,
  pricingModel: true, changePolicy: true, status: true, retiredAt: true, createdAt: true,
} as const;

export const moduleMetrics = (row: Pick<ModuleRow, "metrics">) => row.metrics as ModuleMetric[];
export const planPrices = (row: Pick<PlanRow, "prices">) => row.prices as Record<string, number>;
export const planLimits = (row: Pick<PlanRow, "limits">) => row.limits as Record<string, number>;

export function toModuleDto(row: ModuleRow): ModuleDto {
  return {
    ...row,
    name: row.name as LocalizedText,
    description: row.description as LocalizedText,
    category: row.category as ModuleDto["category"],
    metrics: moduleMetrics(row),
  };
}

export function toPlanDto(row: PlanRow, latest: boolean): PlanDto {
  return { ...row, name: row.name as LocalizedText, prices: planPrices(row), limits: planLimits(row), latest };
}

/** A plan's identity across its versions. */
export const familyKey = (plan: Pick<PlanRow, "moduleKey" | "code" | "interval">) => `${plan.moduleKey}/${plan.code}/${plan.interval}`;

/** The ids of the newest version of every plan among `plans`. */
export function latestVersionIds(plans: ReadonlyArray<Pick<PlanRow, "id" | "moduleKey" | "code" | "interval" | "version">>): Set<string> {
  const newest = new Map<string, { id: string; version: number }>();
  for (const plan of plans) {
    const key = familyKey(plan);
    const current = newest.get(key);
    if (!current || plan.version > current.version) newest.set(key, { id: plan.id, version: plan.version });
  }
  return new Set([...newest.values()].map((p) => p.id));
}

/** Periods per year: how plans of both intervals are compared (by their price per day, 365 days a year). */
export const PERIODS_PER_YEAR: Record<PlanInterval, number> = { monthly: 12, annual: 1 };

/** The yearly amount of a price per interval: comparing these compares daily prices exactly, in integers. */
export const annualized = (amount: number, interval: PlanInterval) => amount * PERIODS_PER_YEAR[interval];

/** Price per day (365 days a year), for display. */
export const dailyPrice = (amount: number, interval: PlanInterval) => annualized(amount, interval) / 365;
