// Subscriptions, for the tenant: start a trial, subscribe, preview and make plan or interval changes, cancel
// at the period's end, resume, activate and deactivate. Statuses change only through state.ts; money through
// pricing.ts. Every change runs in one transaction that first locks the tenant's row (so two requests of a
// tenant never both pass a check) and writes the row only if its lockVersion is the one read (so a change and
// the billing job never both win). Invoices are issued by the billing job, never here: a change that costs
// something now leaves pending charges and asks the job to invoice them at once (nextBillingAt = now).
import type { ChargeLine, ChangePlanInput, PreviewInput, StartTrialInput, SubscribeInput, SubscriptionDto } from "@tenancy/contracts";
import { moduleAccess, PRODUCT_MODULES } from "@tenancy/contracts";
import { uuidv7, type Prisma, type TenantTx } from "@tenancy/db";
import type { z } from "zod";
import { AppError, isUniqueViolation } from "../../lib/app-error.js";
import { record } from "../../lib/record.js";
import type { TenantScope } from "../../lib/scope.js";
import { PLAN_SELECT, planPrices } from "../modules/catalog.js";
import { findPlan, newestVersion, offeredPlan, termsOf, type Offer } from "./offer.js";
import { firstPeriod, trialEnd as endOfTrial, type Period } from "./period.js";
import { periodLine, planChange, quantityFor, total, type PlanChange, type PlanTerms } from "./pricing.js";
import { seatHoldersWhere } from "./seats.js";
import { isLive, transition, type SubscriptionEvent } from "./state.js";

export const SUBSCRIPTION_SELECT = {
  id: true, moduleKey: true, planId: true, status: true, currency: true, quantity: true, billingAnchor: true, currentPeriodStart: true,
  currentPeriodEnd: true, trialStart: true, trialEnd: true, continueAfterTrial: true, cancelAtPeriodEnd: true, moduleActive: true,
  pendingPlanId: true, invoicedPeriodStart: true, nextBillingAt: true, endedAt: true, endReason: true, lockVersion: true, createdAt: true,
} as const satisfies Prisma.SubscriptionSelect;
export type SubscriptionRow = Prisma.SubscriptionGetPayload<{ select: typeof SUBSCRIPTION_SELECT }>;

const iso = (date: Date) => date.toISOString();
const ref = (sub: Pick<SubscriptionRow, "id" | "moduleKey" | "planId">) => ({ subscriptionId: sub.id, moduleKey: sub.moduleKey, planId: sub.planId });
const target = (sub: Pick<SubscriptionRow, "id" | "moduleKey">) => ({ type: "subscription" as const, id: sub.id, name: sub.moduleKey });

// ---- Reading ------------------------------------------------------------------------------------------

async function toDtos(db: TenantTx, rows: SubscriptionRow[]): Promise<SubscriptionDto[]> {
  const planIds = [...new Set(rows.flatMap((r) => [r.planId, ...(r.pendingPlanId ? [r.pendingPlanId] : [])]))];
  const [plans, modules] = await Promise.all([
    db.catalog.plan.findMany({ where: { id: { in: planIds } }, select: PLAN_SELECT }),
    db.catalog.module.findMany({ where: { key: { in: rows.map((r) => r.moduleKey) } }, select: { key: true, name: true } }),
  ]);
  const summary = (planId: string, currency: string) => {
    const p = plans.find((plan) => plan.id === planId)!;
    const { id, code, interval, version, pricingModel } = p;
    return { id, code, name: p.name as SubscriptionDto["plan"]["name"], interval, version, pricingModel, price: planPrices(p)[currency] ?? null };
  };
  return rows.map((r) => ({
    id: r.id,
    moduleKey: r.moduleKey,
    moduleName: modules.find((m) => m.key === r.moduleKey)!.name as SubscriptionDto["moduleName"],
    status: r.status,
    plan: summary(r.planId, r.currency),
    pendingPlan: r.pendingPlanId ? summary(r.pendingPlanId, r.currency) : null,
    currency: r.currency,
    quantity: r.quantity,
    currentPeriodStart: r.currentPeriodStart,
    currentPeriodEnd: r.currentPeriodEnd,
    trialStart: r.trialStart,
    trialEnd: r.trialEnd,
    continueAfterTrial: r.continueAfterTrial,
    cancelAtPeriodEnd: r.cancelAtPeriodEnd,
    moduleActive: r.moduleActive,
    open: isLive(r.status) && r.moduleActive,
    endedAt: r.endedAt,
    endReason: r.endReason,
    createdAt: r.createdAt,
  }));
}

export async function list(scope: TenantScope) {
  const rows = await scope.db.subscription.findMany({ orderBy: { moduleKey: "asc" }, select: SUBSCRIPTION_SELECT });
  return { items: await toDtos(scope.db, rows) };
}

/** Whether each product module is open to the workspace: one indexed read, for the app's navigation. */
export async function moduleAccessList(scope: TenantScope) {
  const rows = await scope.db.subscription.findMany({ where: { moduleKey: { in: [...PRODUCT_MODULES] } }, select: { moduleKey: true, status: true, moduleActive: true } });
  return {
    items: PRODUCT_MODULES.map((moduleKey) => ({ moduleKey, ...moduleAccess(rows.find((row) => row.moduleKey === moduleKey) ?? null) })),
  };
}

const findByModule = (db: TenantTx, moduleKey: string) => db.subscription.findFirst({ where: { moduleKey }, select: SUBSCRIPTION_SELECT });

async function requireByModule(db: TenantTx, moduleKey: string): Promise<SubscriptionRow> {
  const sub = await findByModule(db, moduleKey);
  if (!sub) throw new AppError("SUBSCRIPTION_NOT_FOUND", `The workspace has no subscription to the module "${moduleKey}".`, { moduleKey });
  return sub;
}

const seats = (db: TenantTx, moduleKey: string) => db.user.count({ where: seatHoldersWhere(moduleKey) });
const tenantCurrency = async (db: TenantTx) => (await db.ownTenant.get({ currency: true })).currency;

/** The terms of the version a subscription is on (its currency was offered when it subscribed). */
async function currentTerms(db: TenantTx, sub: SubscriptionRow): Promise<PlanTerms> {
  const terms = termsOf(await findPlan(db.catalog, sub.planId), sub.currency);
  if (!terms) throw new AppError("INTERNAL", `Plan ${sub.planId} has no price in ${sub.currency}.`);
  return terms;
}

// ---- Writing ------------------------------------------------------------------------------------------

/** One transaction per change, after the tenant's row lock: checks inside see every change committed before. */
function inTransaction<T>(scope: TenantScope, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return scope.db.$transaction(async (tx) => {
    await tx.ownTenant.lock();
    return fn(tx);
  });
}

/** Writes the row if nobody else (the billing job) changed it since it was read. */
async function save(tx: TenantTx, sub: SubscriptionRow, data: Prisma.SubscriptionUncheckedUpdateManyInput): Promise<void> {
  const { count } = await tx.subscription.updateMany({ where: { id: sub.id, lockVersion: sub.lockVersion }, data: { ...data, lockVersion: { increment: 1 } } });
  if (count !== 1) {
    throw new AppError("CONFLICT", "This subscription changed while you were acting on it (it may just have been renewed); reload it and try again.");
  }
}

async function addCharges(tx: TenantTx, sub: SubscriptionRow, lines: ChargeLine[], now: Date) {
  if (lines.length === 0) return;
  await tx.pendingCharge.createMany({
    data: lines.map((line, i) => ({
      id: uuidv7(now.getTime() + i),
      tenantId: tx.tenantId,
      subscriptionId: sub.id,
      kind: line.kind,
      planId: line.planId,
      description: line.description,
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      amount: line.amount,
      periodStart: line.periodStart,
      periodEnd: line.periodEnd,
      createdAt: now,
    })),
  });
}

async function reload(tx: TenantTx, id: string): Promise<SubscriptionDto> {
  const row = await tx.subscription.findUniqueOrThrow({ where: { id }, select: SUBSCRIPTION_SELECT });
  return (await toDtos(tx, [row]))[0]!;
}

const alreadySubscribed = (moduleKey: string) =>
  new AppError("ALREADY_SUBSCRIBED", `The workspace already subscribes to "${moduleKey}"; change its plan instead of subscribing again.`, { moduleKey });

/** A second request that lost the race on the (tenant, module) key gets the same answer as a later one. */
function raceLost(error: unknown, moduleKey: string): never {
  if (isUniqueViolation(error)) {
    throw new AppError("ALREADY_SUBSCRIBED", `The workspace already has a trial or subscription of "${moduleKey}".`, { moduleKey });
  }
  throw error;
}

// ---- Trial ---------------------------------------------------------------------------------------------

export async function startTrial(scope: TenantScope, input: z.infer<typeof StartTrialInput>): Promise<SubscriptionDto> {
  const now = scope.clock.now();
  let moduleKey = "";
  try {
    return await inTransaction(scope, async (tx) => {
      const offer = await offeredPlan(tx.catalog, input.planId, await tenantCurrency(tx));
      moduleKey = offer.plan.moduleKey;
      if (offer.plan.trialDays === 0) throw new AppError("INVALID_STATE", "This plan has no free trial; subscribe to it instead.", { planId: input.planId });
      const existing = await findByModule(tx, moduleKey);
      if (existing?.trialStart) {
        throw new AppError("TRIAL_ALREADY_USED", `The workspace already had its free trial of "${offer.moduleName.en}"; a module has one trial per workspace. Subscribe instead.`, {
          moduleKey,
        });
      }
      if (existing && isLive(existing.status)) throw alreadySubscribed(moduleKey);
      if (existing) {
        throw new AppError("TRIAL_ALREADY_USED", `A free trial is for workspaces new to "${offer.moduleName.en}"; subscribe to it again instead.`, { moduleKey });
      }
      const status = transition("none", "start_trial");
      const currency = await tenantCurrency(tx);
      const end = endOfTrial(now, offer.plan.trialDays);
      const id = uuidv7(now.getTime());
      await tx.subscription.create({
        data: {
          id,
          tenantId: tx.tenantId,
          moduleKey,
          planId: offer.plan.id,
          status,
          currency,
          quantity: quantityFor(offer.terms, await seats(tx, moduleKey)),
          billingAnchor: end,
          currentPeriodStart: now,
          currentPeriodEnd: end,
          trialStart: now,
          trialEnd: end,
          continueAfterTrial: input.continueAfterTrial,
          nextBillingAt: end,
          createdAt: now,
        },
      });
      await record(tx, scope, {
        type: "subscription.trial_started",
        tenantId: tx.tenantId,
        target: { type: "subscription", id, name: moduleKey },
        changes: { status, planId: offer.plan.id, trialEnd: iso(end), continueAfterTrial: input.continueAfterTrial },
        payload: { subscriptionId: id, moduleKey, planId: offer.plan.id, trialEnd: iso(end), continueAfterTrial: input.continueAfterTrial },
      });
      return reload(tx, id);
    });
  } catch (error) {
    raceLost(error, moduleKey);
  }
}

// ---- Subscribe -----------------------------------------------------------------------------------------

interface SubscribePlan {
  offer: Offer;
  existing: SubscriptionRow | null;
  event: SubscriptionEvent;
  quantity: number;
  /** The first period (now), or for a trial the first period after it. */
  period: Period;
  lines: ChargeLine[];
  invoiceAt: Date;
  currency: string;
}

async function planSubscribe(tx: TenantTx, planId: string, now: Date): Promise<SubscribePlan> {
  const currency = await tenantCurrency(tx);
  const offer = await offeredPlan(tx.catalog, planId, currency);
  const moduleKey = offer.plan.moduleKey;
  const existing = await findByModule(tx, moduleKey);
  if (existing?.status === "trialing" && existing.currency !== currency) {
    throw new AppError("INVALID_STATE", `The trial was started in ${existing.currency}; the workspace's currency is now ${currency}. Let the trial end, then subscribe.`);
  }
  const quantity = quantityFor(offer.terms, await seats(tx, moduleKey));
  if (existing?.status === "trialing") {
    // Subscribing during the trial: continue on this plan when the trial ends; nothing is billed before.
    transition(existing.status, "set_continue_after_trial");
    const period = firstPeriod(existing.currentPeriodEnd, offer.terms.interval);
    return {
      offer,
      existing,
      event: "set_continue_after_trial",
      quantity,
      period,
      lines: [periodLine(offer.terms, quantity, period)],
      invoiceAt: existing.currentPeriodEnd,
      currency,
    };
  }
  if (existing && isLive(existing.status)) throw alreadySubscribed(moduleKey);
  transition(existing?.status ?? "none", "subscribe");
  const period = firstPeriod(now, offer.terms.interval);
  return { offer, existing, event: "subscribe", quantity, period, lines: [periodLine(offer.terms, quantity, period)], invoiceAt: now, currency };
}

export async function subscribe(scope: TenantScope, input: z.infer<typeof SubscribeInput>): Promise<SubscriptionDto> {
  const now = scope.clock.now();
  let moduleKey = "";
  try {
    return await inTransaction(scope, async (tx) => {
      const p = await planSubscribe(tx, input.planId, now);
      moduleKey = p.offer.plan.moduleKey;
      const planId = p.offer.plan.id;
      if (p.existing?.status === "trialing") {
        if (p.existing.continueAfterTrial && p.existing.planId === planId) {
          throw new AppError("INVALID_STATE", "The trial already continues on this plan when it ends.");
        }
        await save(tx, p.existing, { planId, continueAfterTrial: true, pendingPlanId: null, quantity: p.quantity });
        await record(tx, scope, {
          type: "subscription.subscribed",
          tenantId: tx.tenantId,
          target: target(p.existing),
          changes: { planId: { from: p.existing.planId, to: planId }, continueAfterTrial: { from: p.existing.continueAfterTrial, to: true } },
          payload: { ...ref({ ...p.existing, planId }), afterTrial: true },
        });
        return reload(tx, p.existing.id);
      }
      const status = transition(p.existing?.status ?? "none", "subscribe");
      const fields = {
        planId,
        status,
        currency: p.currency,
        quantity: p.quantity,
        billingAnchor: p.period.start,
        currentPeriodStart: p.period.start,
        currentPeriodEnd: p.period.end,
        continueAfterTrial: false,
        cancelAtPeriodEnd: false,
        moduleActive: true,
        pendingPlanId: null,
        invoicedPeriodStart: null,
        // The billing job invoices the first period right away.
        nextBillingAt: now,
        endedAt: null,
        endReason: null,
      };
      let id: string;
      if (p.existing) {
        id = p.existing.id;
        await save(tx, p.existing, fields);
      } else {
        id = uuidv7(now.getTime());
        await tx.subscription.create({ data: { id, tenantId: tx.tenantId, moduleKey, ...fields, createdAt: now } });
      }
      await record(tx, scope, {
        type: "subscription.subscribed",
        tenantId: tx.tenantId,
        target: { type: "subscription", id, name: moduleKey },
        changes: { status: { from: p.existing?.status ?? null, to: status }, planId, quantity: p.quantity },
        payload: { subscriptionId: id, moduleKey, planId, afterTrial: false },
      });
      return reload(tx, id);
    });
  } catch (error) {
    raceLost(error, moduleKey);
  }
}

// ---- Plan and interval changes -------------------------------------------------------------------------

interface ChangePlan {
  sub: SubscriptionRow;
  offer: Offer;
  change: PlanChange;
}

async function planPlanChange(tx: TenantTx, sub: SubscriptionRow, planId: string, now: Date): Promise<ChangePlan> {
  transition(sub.status, "change_plan");
  const offer = await offeredPlan(tx.catalog, planId, sub.currency);
  if (offer.plan.moduleKey !== sub.moduleKey) {
    throw new AppError("BAD_INPUT", `This plan belongs to another module ("${offer.plan.moduleKey}"), not to "${sub.moduleKey}".`, { field: "planId" });
  }
  const current = await findPlan(tx.catalog, sub.planId);
  if (current.code === offer.plan.code && current.interval === offer.plan.interval) {
    throw new AppError("INVALID_STATE", "The subscription is already on this plan (it moves to the newest version when it renews).");
  }
  if (sub.cancelAtPeriodEnd) throw new AppError("INVALID_STATE", "This subscription ends at the end of its period; resume it before changing its plan.");
  const change = planChange({
    current: await currentTerms(tx, sub),
    currentQuantity: sub.quantity,
    target: offer.terms,
    seats: await seats(tx, sub.moduleKey),
    period: { start: sub.currentPeriodStart, end: sub.currentPeriodEnd },
    now,
    trialing: sub.status === "trialing",
  });
  return { sub, offer, change };
}

/** The plan of the module's other interval, of the same code (newest active version). */
async function otherIntervalPlanId(tx: TenantTx, sub: SubscriptionRow): Promise<string> {
  const current = await findPlan(tx.catalog, sub.planId);
  const interval = current.interval === "monthly" ? "annual" : "monthly";
  const other = await tx.catalog.plan.findFirst({
    where: { moduleKey: current.moduleKey, code: current.code, interval },
    orderBy: { version: "desc" },
    select: { id: true },
  });
  if (!other) {
    throw new AppError("PLAN_NOT_FOUND", `The plan "${(current.name as { en: string }).en}" has no ${interval} version; choose another plan instead.`, {
      moduleKey: sub.moduleKey,
    });
  }
  return other.id;
}

async function applyPlanChange(scope: TenantScope, tx: TenantTx, { sub, offer, change }: ChangePlan, now: Date): Promise<SubscriptionDto> {
  const planId = offer.plan.id;
  if (change.timing === "period_end") {
    await save(tx, sub, { pendingPlanId: planId });
    await record(tx, scope, {
      type: "subscription.plan_change_scheduled",
      tenantId: tx.tenantId,
      target: target(sub),
      changes: { pendingPlanId: { from: sub.pendingPlanId, to: planId }, effectiveAt: iso(change.effectiveAt) },
      payload: { ...ref(sub), toPlanId: planId, effectiveAt: iso(change.effectiveAt) },
    });
    return reload(tx, sub.id);
  }
  const period = change.newPeriod;
  await save(tx, sub, {
    planId,
    pendingPlanId: null,
    quantity: change.quantity,
    ...(period ? { billingAnchor: period.start, currentPeriodStart: period.start, currentPeriodEnd: period.end } : {}),
    // Prorations and a new period are invoiced by the billing job right away; in a trial, at its end.
    ...(sub.status === "trialing" ? {} : { nextBillingAt: now }),
  });
  await addCharges(tx, sub, change.prorations, now);
  await record(tx, scope, {
    type: "subscription.plan_changed",
    tenantId: tx.tenantId,
    target: target(sub),
    changes: {
      planId: { from: sub.planId, to: planId },
      ...(period ? { currentPeriodEnd: { from: iso(sub.currentPeriodEnd), to: iso(period.end) } } : {}),
      prorations: change.prorations.map((l) => l.amount),
    },
    payload: { ...ref({ ...sub, planId }), fromPlanId: sub.planId },
  });
  return reload(tx, sub.id);
}

export async function changePlan(scope: TenantScope, input: z.infer<typeof ChangePlanInput>): Promise<SubscriptionDto> {
  const now = scope.clock.now();
  return inTransaction(scope, async (tx) => {
    const plan = await findPlan(tx.catalog, input.planId);
    const sub = await requireByModule(tx, plan.moduleKey);
    return applyPlanChange(scope, tx, await planPlanChange(tx, sub, input.planId, now), now);
  });
}

export async function switchInterval(scope: TenantScope, moduleKey: string): Promise<SubscriptionDto> {
  const now = scope.clock.now();
  return inTransaction(scope, async (tx) => {
    const sub = await requireByModule(tx, moduleKey);
    transition(sub.status, "change_plan");
    return applyPlanChange(scope, tx, await planPlanChange(tx, sub, await otherIntervalPlanId(tx, sub), now), now);
  });
}

// ---- Preview -------------------------------------------------------------------------------------------

/** What an action would do and cost, checked exactly as the action itself checks it; nothing is written. */
export async function preview(scope: TenantScope, input: z.infer<typeof PreviewInput>) {
  const now = scope.clock.now();
  return scope.db.$transaction(async (tx) => {
    if (input.action === "subscribe") {
      const p = await planSubscribe(tx, input.planId, now);
      const trial = p.existing?.status === "trialing";
      return {
        action: input.action,
        moduleKey: p.offer.plan.moduleKey,
        planId: p.offer.plan.id,
        timing: trial ? ("period_end" as const) : ("now" as const),
        effectiveAt: trial ? p.existing!.currentPeriodEnd : now,
        invoiceAt: p.invoiceAt,
        currency: p.currency,
        lines: p.lines,
        total: total(p.lines),
      };
    }
    const sub =
      input.action === "changePlan" ? await requireByModule(tx, (await findPlan(tx.catalog, input.planId)).moduleKey) : await requireByModule(tx, input.moduleKey);
    transition(sub.status, "change_plan");
    const planId = input.action === "changePlan" ? input.planId : await otherIntervalPlanId(tx, sub);
    const { change, offer } = await planPlanChange(tx, sub, planId, now);
    return {
      action: input.action,
      moduleKey: sub.moduleKey,
      planId: offer.plan.id,
      timing: change.timing,
      effectiveAt: change.effectiveAt,
      invoiceAt: change.invoiceAt,
      currency: sub.currency,
      lines: change.lines,
      total: total(change.lines),
    };
  });
}

// ---- Cancel, resume, activate, deactivate ----------------------------------------------------------------

export async function cancel(scope: TenantScope, moduleKey: string): Promise<SubscriptionDto> {
  return inTransaction(scope, async (tx) => {
    const sub = await requireByModule(tx, moduleKey);
    if (sub.status === "trialing") return setContinueAfterTrial(scope, tx, sub, false);
    transition(sub.status, "schedule_cancel");
    if (sub.cancelAtPeriodEnd) throw new AppError("INVALID_STATE", "This subscription is already canceled; it ends at the end of its period.");
    await save(tx, sub, { cancelAtPeriodEnd: true, pendingPlanId: null });
    await record(tx, scope, {
      type: "subscription.cancel_scheduled",
      tenantId: tx.tenantId,
      target: target(sub),
      changes: { cancelAtPeriodEnd: { from: false, to: true }, ...(sub.pendingPlanId ? { pendingPlanId: { from: sub.pendingPlanId, to: null } } : {}) },
      payload: { ...ref(sub), endsAt: iso(sub.currentPeriodEnd) },
    });
    return reload(tx, sub.id);
  });
}

export async function resume(scope: TenantScope, moduleKey: string): Promise<SubscriptionDto> {
  return inTransaction(scope, async (tx) => {
    const sub = await requireByModule(tx, moduleKey);
    if (sub.status === "trialing") return setContinueAfterTrial(scope, tx, sub, true);
    transition(sub.status, "resume");
    if (!sub.cancelAtPeriodEnd) throw new AppError("INVALID_STATE", "This subscription is not canceled; there is nothing to resume.");
    await save(tx, sub, { cancelAtPeriodEnd: false });
    await record(tx, scope, {
      type: "subscription.resumed",
      tenantId: tx.tenantId,
      target: target(sub),
      changes: { cancelAtPeriodEnd: { from: true, to: false } },
      payload: ref(sub),
    });
    return reload(tx, sub.id);
  });
}

/** In a trial, cancel and resume choose whether it becomes a paid subscription when it ends. */
async function setContinueAfterTrial(scope: TenantScope, tx: TenantTx, sub: SubscriptionRow, continueAfterTrial: boolean): Promise<SubscriptionDto> {
  transition(sub.status, "set_continue_after_trial");
  if (sub.continueAfterTrial === continueAfterTrial) {
    throw new AppError(
      "INVALID_STATE",
      continueAfterTrial ? "The trial already becomes a subscription when it ends." : "The trial already ends without becoming a subscription.",
    );
  }
  if (continueAfterTrial) {
    // The plan must still be sold (in the subscription's currency) for the trial to continue on it.
    await offeredPlan(tx.catalog, (await newestVersion(tx.catalog, await findPlan(tx.catalog, sub.planId))).id, sub.currency);
  }
  await save(tx, sub, { continueAfterTrial });
  await record(tx, scope, {
    type: "subscription.trial_choice_changed",
    tenantId: tx.tenantId,
    target: target(sub),
    changes: { continueAfterTrial: { from: !continueAfterTrial, to: continueAfterTrial } },
    payload: { ...ref(sub), continueAfterTrial, trialEnd: iso(sub.currentPeriodEnd) },
  });
  return reload(tx, sub.id);
}

export async function setModuleActive(scope: TenantScope, moduleKey: string, active: boolean): Promise<SubscriptionDto> {
  return inTransaction(scope, async (tx) => {
    const sub = await requireByModule(tx, moduleKey);
    transition(sub.status, active ? "activate" : "deactivate");
    if (sub.moduleActive === active) throw new AppError("INVALID_STATE", active ? "This module is already active." : "This module is already deactivated.");
    await save(tx, sub, { moduleActive: active });
    await record(tx, scope, {
      type: active ? "subscription.activated" : "subscription.deactivated",
      tenantId: tx.tenantId,
      target: target(sub),
      changes: { moduleActive: { from: !active, to: active } },
      payload: ref(sub),
    });
    return reload(tx, sub.id);
  });
}
