// A tenant's subscriptions to modules: trials, subscribing, plan and interval changes with a preview of
// their cost, cancel and resume, and activating or deactivating a subscribed module.
import { z } from "zod";
import { Id } from "./common.js";
import { LocalizedText, ModuleKey, PlanInterval, PricingModel } from "./modules.js";

export const SubscriptionStatus = z.enum(["trialing", "active", "past_due", "canceled", "expired"]);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;
export const ChargeKind = z.enum(["subscription", "proration", "credit"]);

export const StartTrialInput = z.object({
  planId: Id.describe("The plan the trial is of (its module's newest active version); its trial days set the trial's length."),
  continueAfterTrial: z.boolean().default(false).describe("Become a paid subscription when the trial ends; otherwise the trial just ends."),
});

export const SubscribeInput = z.object({
  planId: Id.describe("During the module's trial: the plan to continue on when the trial ends."),
});

export const ChangePlanInput = z.object({ planId: Id });
export const SubscriptionModuleInput = z.object({ moduleKey: ModuleKey });

export const PreviewInput = z.discriminatedUnion("action", [
  z.object({ action: z.literal("subscribe"), planId: Id }),
  z.object({ action: z.literal("changePlan"), planId: Id }),
  z.object({ action: z.literal("switchInterval"), moduleKey: ModuleKey }),
]);

export const ChargeLine = z.object({
  kind: ChargeKind,
  description: z.string(),
  planId: z.string().nullable(),
  quantity: z.number().int(),
  unitAmount: z.number().int(),
  amount: z.number().int(),
  periodStart: z.date().nullable(),
  periodEnd: z.date().nullable(),
});
export type ChargeLine = z.infer<typeof ChargeLine>;

export const PreviewOutput = z.object({
  action: z.enum(["subscribe", "changePlan", "switchInterval"]),
  moduleKey: z.string(),
  planId: z.string(),
  /** When the change takes effect: now, or at the end of the current period (or trial). */
  timing: z.enum(["now", "period_end"]),
  effectiveAt: z.date(),
  /** When the lines below are invoiced: now for changes made now, else at the period's (or trial's) end. */
  invoiceAt: z.date(),
  currency: z.string(),
  lines: z.array(ChargeLine),
  total: z.number().int(),
});

const PlanSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: LocalizedText(60),
  interval: PlanInterval,
  version: z.number().int(),
  pricingModel: PricingModel,
  /** Price per interval in the subscription's currency (per user on per-user plans). */
  price: z.number().int().nullable(),
});

export const SubscriptionOutput = z.object({
  id: z.string(),
  moduleKey: z.string(),
  moduleName: LocalizedText(80),
  status: SubscriptionStatus,
  plan: PlanSummary,
  /** A plan change that applies at the period's end. */
  pendingPlan: PlanSummary.nullable(),
  currency: z.string(),
  quantity: z.number().int(),
  currentPeriodStart: z.date(),
  currentPeriodEnd: z.date(),
  trialStart: z.date().nullable(),
  trialEnd: z.date().nullable(),
  continueAfterTrial: z.boolean(),
  cancelAtPeriodEnd: z.boolean(),
  moduleActive: z.boolean(),
  /** True when the module is open to the tenant's users: a live subscription, activated. */
  open: z.boolean(),
  endedAt: z.date().nullable(),
  endReason: z.string().nullable(),
  createdAt: z.date(),
});
export type SubscriptionDto = z.infer<typeof SubscriptionOutput>;

export const SubscriptionListOutput = z.object({ items: z.array(SubscriptionOutput) });

/** Why a module is closed to the workspace; null when it is open. */
export const ModuleClosedReason = z.enum(["not_subscribed", "canceled", "trial_expired", "deactivated"]);
export type ModuleClosedReason = z.infer<typeof ModuleClosedReason>;

const LIVE: readonly SubscriptionStatus[] = ["trialing", "active", "past_due"];

/**
 * Whether a module is open to the workspace, from its subscription (null: none): open while trialing, active
 * or past due and activated. The API's module gate and the admin app's navigation both decide with this.
 */
export function moduleAccess(sub: { status: SubscriptionStatus; moduleActive: boolean } | null): { open: boolean; reason: ModuleClosedReason | null } {
  if (!sub) return { open: false, reason: "not_subscribed" };
  if (!LIVE.includes(sub.status)) return { open: false, reason: sub.status === "expired" ? "trial_expired" : "canceled" };
  if (!sub.moduleActive) return { open: false, reason: "deactivated" };
  return { open: true, reason: null };
}

/** The product modules (those with pages and procedures) and whether each is open to the workspace. */
export const ModuleAccessOutput = z.object({
  items: z.array(z.object({ moduleKey: z.string(), open: z.boolean(), reason: ModuleClosedReason.nullable() })),
});
export type ModuleAccessDto = z.infer<typeof ModuleAccessOutput>;
