// The tenant's spending cap (decision 44): a ceiling, in the tenant's subscription currency, on what a UTC
// calendar month may cost before metered usage is refused. "Spend" is what the month has been invoiced (not
// void) plus the charges accrued and not invoiced yet; the meter checks it before counting (meter.ts).
import type { SetSpendCapInput } from "@tenancy/contracts";
import type { TenantTx } from "@tenancy/db";
import type { z } from "zod";
import { AppError } from "../../lib/app-error.js";
import { record } from "../../lib/record.js";
import type { TenantScope } from "../../lib/scope.js";
import { isLive } from "../subscriptions/state.js";
import { monthStart } from "./meter.js";

type Reader = Pick<TenantTx, "invoice" | "pendingCharge" | "subscription" | "ownTenant">;

/** Invoices that count as spent: issued and not voided (an uncollectible invoice was still charged). */
const SPENT_STATUSES = ["open", "paid", "uncollectible"] as const;

/** What the month starting at `periodStart` has spent in `currency`, in minor units. */
export async function spendOf(db: Reader, currency: string, periodStart: Date): Promise<number> {
  const [invoiced, accrued] = await Promise.all([
    db.invoice.aggregate({ where: { currency, status: { in: [...SPENT_STATUSES] }, issuedAt: { gte: periodStart } }, _sum: { total: true } }),
    // Prorations and credits made now, invoiced on the billing job's next run. Metered charges would accrue here too.
    db.pendingCharge.aggregate({ where: { subscription: { currency } }, _sum: { amount: true } }),
  ]);
  return (invoiced._sum.total ?? 0) + (accrued._sum.amount ?? 0);
}

/**
 * The cap's currency: the one the tenant's live subscriptions are billed in (fixed when each subscribed),
 * else the tenant's currency setting (what the next subscription will be billed in).
 */
export async function capCurrency(db: Reader): Promise<string> {
  const [subs, tenant] = await Promise.all([db.subscription.findMany({ select: { currency: true, status: true } }), db.ownTenant.get({ currency: true })]);
  const live = new Set(subs.filter((s) => isLive(s.status)).map((s) => s.currency));
  // Subscriptions in several currencies (the tenant changed its currency between them): the newer setting wins.
  return live.size === 1 ? [...live][0]! : tenant.currency;
}

export async function get(scope: TenantScope) {
  const periodStart = monthStart(scope.clock.now());
  const { spendCap, spendCapCurrency } = await scope.db.ownTenant.get({ spendCap: true, spendCapCurrency: true });
  const currency = spendCap !== null && spendCapCurrency ? spendCapCurrency : await capCurrency(scope.db);
  return { cap: spendCap, currency, spend: await spendOf(scope.db, currency, periodStart), periodStart };
}

export async function set(scope: TenantScope, input: z.infer<typeof SetSpendCapInput>) {
  await scope.db.$transaction(async (tx) => {
    // Two admins saving at once: one after the other, each seeing the other's value.
    await tx.ownTenant.lock();
    const currency = await capCurrency(tx);
    if (input.currency !== currency) {
      throw new AppError("SPEND_CAP_CURRENCY", `The spending cap is in the workspace's subscription currency, ${currency}, not ${input.currency}.`, { currency });
    }
    const before = await tx.ownTenant.get({ spendCap: true, spendCapCurrency: true });
    const cap = input.cap;
    if (before.spendCap === cap && (cap === null || before.spendCapCurrency === currency)) {
      throw new AppError("INVALID_STATE", "Nothing to change: the spending cap already has this value.");
    }
    await tx.ownTenant.update({ spendCap: cap, spendCapCurrency: cap === null ? null : currency }, { id: true });
    await record(tx, scope, {
      type: "usage.spend_cap_changed",
      tenantId: scope.tenantId,
      target: { type: "tenant", id: scope.tenantId },
      changes: { spendCap: { from: before.spendCap, to: cap }, currency },
      payload: { cap, currency, previous: before.spendCap },
    });
  });
  return get(scope);
}

/**
 * Refuses metered usage once the month's spend has reached the cap. Today no metric has a price, so an
 * increment adds nothing to the spend; a priced increment will add its charge in the same transaction and be
 * checked after it, as the counters are (decision 44).
 */
export async function checkSpendCap(tx: TenantTx, now: Date, usage: { moduleKey: string; metric: string }): Promise<void> {
  const { spendCap, spendCapCurrency } = await tx.ownTenant.get({ spendCap: true, spendCapCurrency: true });
  if (spendCap === null || !spendCapCurrency) return;
  const periodStart = monthStart(now);
  const spend = await spendOf(tx, spendCapCurrency, periodStart);
  if (spend >= spendCap) {
    throw new AppError(
      "SPEND_CAP_REACHED",
      `The workspace's spending cap of ${spendCap} ${spendCapCurrency} (minor units) is reached: ${spend} spent this month. A tenant admin can raise or remove the cap in Settings, Spending cap.`,
      { ...usage, cap: spendCap, spend, currency: spendCapCurrency, periodStart: periodStart.toISOString() },
    );
  }
}
