// The module catalog: modules (what the platform sells), their plan versions, and the tenant-facing
// marketplace. Platform admins write it; tenants read the published part, priced in their currency.
import { z } from "zod";
import { Id, SUPPORTED_LANGUAGES } from "./common.js";
import { msg } from "./messages.js";
import { Prices } from "./money.js";

/**
 * Modules that have code in the product: their procedures carry `meta.module` with this key and are closed
 * to a tenant without an active subscription to it. Other modules are catalog data only.
 */
export const PRODUCT_MODULES = ["integrations"] as const;
export type ProductModuleKey = (typeof PRODUCT_MODULES)[number];

export const ModuleKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, msg("module.keyFormat"));

export const MetricKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,59}$/, msg("metric.keyFormat"));

export const PlanCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, msg("plan.codeFormat"));

type Language = (typeof SUPPORTED_LANGUAGES)[number];

/** A text in every UI language ({ en, fr }): the catalog is shown in the viewer's language. */
export const LocalizedText = (max: number) =>
  z.object(
    Object.fromEntries(
      SUPPORTED_LANGUAGES.map((language) => [
        language,
        z
          .string({ message: msg("text.everyLanguage") })
          .trim()
          .min(1, msg("text.everyLanguage"))
          .max(max, msg("text.tooLong")),
      ]),
    ) as Record<Language, z.ZodString>,
  );
export type LocalizedText = Record<Language, string>;

export const MODULE_CATEGORIES = ["productivity", "communication", "integrations", "analytics", "security", "finance"] as const;
export const ModuleCategory = z.enum(MODULE_CATEGORIES, { message: msg("module.category") });
export const ModuleStatus = z.enum(["draft", "published", "retired"]);
export const PlanInterval = z.enum(["monthly", "annual"]);
export type PlanInterval = z.infer<typeof PlanInterval>;
export const PricingModel = z.enum(["flat", "per_user"]);
export const PlanChangePolicy = z.enum(["standard", "immediate"]);
export const PlanStatus = z.enum(["active", "retired"]);

/** A name of an icon of the admin app's icon set (Tabler), like "plug" or "chart-bar". */
export const IconName = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, msg("module.iconFormat"))
  .max(40);

/** A usage metric a module declares; plans set limits on it. `monthly` metrics restart at every month. */
export const ModuleMetric = z.object({
  key: MetricKey,
  name: LocalizedText(80),
  resets: z.enum(["monthly", "never"]),
});
export type ModuleMetric = z.infer<typeof ModuleMetric>;

const Metrics = z
  .array(ModuleMetric)
  .max(20, msg("metrics.tooMany"))
  .refine((metrics) => new Set(metrics.map((m) => m.key)).size === metrics.length, msg("metrics.duplicate"));

export const CreateModuleInput = z.object({
  key: ModuleKey,
  name: LocalizedText(80),
  description: LocalizedText(1000),
  category: ModuleCategory,
  icon: IconName,
  metrics: Metrics.default([]),
});

export const UpdateModuleInput = z.object({
  key: ModuleKey,
  name: LocalizedText(80).optional(),
  description: LocalizedText(1000).optional(),
  category: ModuleCategory.optional(),
  icon: IconName.optional(),
  metrics: Metrics.optional().describe("Metrics can be added; one a plan sets a limit on cannot be removed."),
});

export const ModuleKeyInput = z.object({ key: ModuleKey });

/** Limits per metric: a whole number >= 0 for each limited metric; a metric left out is unlimited. */
export const PlanLimits = z.record(
  MetricKey,
  z.number({ message: msg("limit.whole") }).int(msg("limit.whole")).min(0, msg("limit.negative")).max(2_000_000_000, msg("limit.tooLarge")),
);

const TrialDays = z.number({ message: msg("trialDays.whole") }).int(msg("trialDays.whole")).min(0, msg("trialDays.negative")).max(365, msg("trialDays.tooLong"));

export const CreatePlanInput = z.object({
  moduleKey: ModuleKey,
  code: PlanCode,
  name: LocalizedText(60),
  interval: PlanInterval,
  prices: Prices,
  trialDays: TrialDays.default(0),
  limits: PlanLimits.default({}),
  pricingModel: PricingModel.default("flat"),
  changePolicy: PlanChangePolicy.default("standard"),
});

/** A new version of a plan: what changes; the rest is copied from the newest version. */
export const NewPlanVersionInput = z
  .object({
    planId: Id,
    name: LocalizedText(60).optional(),
    prices: Prices.optional(),
    trialDays: TrialDays.optional(),
    limits: PlanLimits.optional(),
    pricingModel: PricingModel.optional(),
    changePolicy: PlanChangePolicy.optional(),
  })
  .refine((v) => Object.keys(v).some((key) => key !== "planId" && v[key as keyof typeof v] !== undefined), msg("planVersion.empty"));

export const PlanIdInput = z.object({ planId: Id });

export const PlanOutput = z.object({
  id: z.string(),
  moduleKey: z.string(),
  code: z.string(),
  name: LocalizedText(60),
  interval: PlanInterval,
  version: z.number().int(),
  /** True for the newest version of (module, code, interval): the one new subscriptions and renewals get. */
  latest: z.boolean(),
  prices: z.record(z.string(), z.number().int()),
  trialDays: z.number().int(),
  limits: z.record(z.string(), z.number().int()),
  pricingModel: PricingModel,
  changePolicy: PlanChangePolicy,
  status: PlanStatus,
  retiredAt: z.date().nullable(),
  createdAt: z.date(),
});
export type PlanDto = z.infer<typeof PlanOutput>;

export const ModuleOutput = z.object({
  key: z.string(),
  name: LocalizedText(80),
  description: LocalizedText(1000),
  category: ModuleCategory,
  icon: z.string(),
  status: ModuleStatus,
  metrics: z.array(ModuleMetric),
  publishedAt: z.date().nullable(),
  retiredAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ModuleDto = z.infer<typeof ModuleOutput>;

export const ModuleWithPlansOutput = ModuleOutput.extend({ plans: z.array(PlanOutput) });

export const ListModulesInput = z
  .object({ status: ModuleStatus.optional(), includeOldVersions: z.boolean().default(false) })
  .default({ includeOldVersions: false });
export const ModuleListOutput = z.object({ items: z.array(ModuleWithPlansOutput) });

/** A plan as the marketplace offers it: the newest active version, priced in the tenant's currency. */
export const MarketplacePlan = z.object({
  id: z.string(),
  code: z.string(),
  name: LocalizedText(60),
  interval: PlanInterval,
  version: z.number().int(),
  /** Price per interval in the tenant's currency (per user on per-user plans); null: not sold in it. */
  price: z.number().int().nullable(),
  /** Price per day, for comparing plans of both intervals (null when not sold in the currency). */
  dailyPrice: z.number().nullable(),
  trialDays: z.number().int(),
  limits: z.record(z.string(), z.number().int()),
  pricingModel: PricingModel,
});

export const MarketplaceModule = z.object({
  key: z.string(),
  name: LocalizedText(80),
  description: LocalizedText(1000),
  category: ModuleCategory,
  icon: z.string(),
  metrics: z.array(ModuleMetric),
  plans: z.array(MarketplacePlan),
  /** True while the workspace never had this module (a trial is for workspaces new to a module). */
  trialAvailable: z.boolean(),
});

export const MarketplaceOutput = z.object({
  currency: z.string(),
  /** Decimal digits of the currency's minor unit (EUR 2, JPY 0, KWD 3), for showing prices. */
  currencyDigits: z.number().int(),
  language: z.string(),
  items: z.array(MarketplaceModule),
});
