// Analytics on a small, realistic data set whose figures are computed by hand below: tenants in EUR and USD,
// monthly, annual and per-user plans, a trial running, one converted and one expired, a churned subscription,
// paid, open, void and uncollectible invoices. The clock stands at 2026-03-10 12:00 UTC.
import { PERMISSION_NAMES } from "@tenancy/contracts";
import { uuidv7 } from "@tenancy/db";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../test/harness.js";
import { rebuildRollup } from "../billing/platform-rollup.js";

let h: Harness;
type Tenant = Awaited<ReturnType<Harness["makeTenant"]>>;
const text = (en: string) => ({ en, fr: `${en} (fr)` });
const crm = text("CRM");
const seats = text("Seats");
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const plans = { crmMonthly: "", crmAnnual: "", seats: "" };
const tenants: Record<"A" | "B" | "C" | "D" | "E" | "F" | "G", Tenant> = {} as never;

interface SubSpec {
  moduleKey: string;
  planId: string;
  status: "trialing" | "active" | "past_due" | "canceled" | "expired";
  currency: string;
  quantity?: number;
  start: string;
  end: string;
  trial?: [string, string];
  continueAfterTrial?: boolean;
  cancelAtPeriodEnd?: boolean;
  endedAt?: string;
}
async function subscription(t: Tenant, s: SubSpec) {
  const id = uuidv7();
  await h.db.prisma.subscription.create({
    data: {
      id, tenantId: t.tenantId, moduleKey: s.moduleKey, planId: s.planId, status: s.status, currency: s.currency, quantity: s.quantity ?? 1,
      billingAnchor: d(s.start), currentPeriodStart: d(s.start), currentPeriodEnd: d(s.end),
      trialStart: s.trial ? d(s.trial[0]) : null, trialEnd: s.trial ? d(s.trial[1]) : null, continueAfterTrial: s.continueAfterTrial ?? false,
      cancelAtPeriodEnd: s.cancelAtPeriodEnd ?? false, endedAt: s.endedAt ? d(s.endedAt) : null,
    },
  });
  return id;
}
let sequence = 0;
/** An invoice of one period line; `settled` is when it was paid or voided (by status). */
async function invoice(t: Tenant, subscriptionId: string, moduleKey: string, o: { currency: string; total: number; start: string; end: string; status: "open" | "paid" | "void" | "uncollectible"; settled?: string }) {
  const id = uuidv7();
  sequence += 1;
  await h.db.prisma.invoice.create({
    data: {
      id, tenantId: t.tenantId, subscriptionId, number: `2099-${String(sequence).padStart(6, "0")}`, year: 2099, sequence, status: o.status, currency: o.currency,
      subtotal: o.total, tax: 0, total: o.total, issuedAt: d(o.start), dueAt: d(o.start),
      paidAt: o.status === "paid" ? d(o.settled!) : null, voidedAt: o.status === "void" ? d(o.settled!) : null, uncollectibleAt: o.status === "uncollectible" ? d(o.start) : null,
    },
  });
  await h.db.prisma.invoiceLine.create({
    data: {
      id: uuidv7(), tenantId: t.tenantId, invoiceId: id, position: 1, kind: "subscription", moduleKey, description: "period", quantity: 1, unitAmount: o.total, amount: o.total,
      periodStart: d(o.start), periodEnd: d(o.end), periodKey: `${subscriptionId}/${d(o.start).toISOString()}`,
    },
  });
}

beforeAll(async () => {
  h = await createHarness();
  const ops = await h.platformAdmin();
  await ops.modules.create({ key: "crm", name: text("CRM"), description: text("Contacts."), category: "integrations", icon: "plug", metrics: [{ key: "contacts", name: text("Contacts"), resets: "never" }] });
  await ops.modules.create({ key: "seats", name: text("Seats"), description: text("Per user."), category: "integrations", icon: "plug", metrics: [] });
  plans.crmMonthly = (await ops.modules.plans.create({ moduleKey: "crm", code: "std", name: text("Standard"), interval: "monthly", prices: { EUR: 1000, USD: 1200 }, limits: { contacts: 100 } })).id;
  plans.crmAnnual = (await ops.modules.plans.create({ moduleKey: "crm", code: "std", name: text("Standard"), interval: "annual", prices: { EUR: 10000, USD: 12010 } })).id;
  plans.seats = (await ops.modules.plans.create({ moduleKey: "seats", code: "team", name: text("Team"), interval: "monthly", prices: { EUR: 500, USD: 600 }, pricingModel: "per_user" })).id;
  for (const key of ["A", "B", "C", "D", "E", "F", "G"] as const) tenants[key] = await h.makeTenant();
  const { A, B, C, D, E, F, G } = tenants;
  await h.db.prisma.tenant.updateMany({ where: { id: { in: [B.tenantId, E.tenantId] } }, data: { currency: "USD" } });
  await h.db.prisma.tenant.update({ where: { id: G.tenantId }, data: { status: "suspended", suspendedAt: d("2026-03-01") } });

  // A (EUR): CRM monthly since Jan 1; Seats per user x3 from Mar 1, its invoice voided, cancels at period end.
  const aCrm = await subscription(A, { moduleKey: "crm", planId: plans.crmMonthly, status: "active", currency: "EUR", start: "2026-03-01", end: "2026-04-01" });
  await invoice(A, aCrm, "crm", { currency: "EUR", total: 1000, start: "2026-01-01", end: "2026-02-01", status: "paid", settled: "2026-01-03" });
  await invoice(A, aCrm, "crm", { currency: "EUR", total: 1000, start: "2026-02-01", end: "2026-03-01", status: "paid", settled: "2026-02-02" });
  await invoice(A, aCrm, "crm", { currency: "EUR", total: 1000, start: "2026-03-01", end: "2026-04-01", status: "open" });
  const aSeats = await subscription(A, { moduleKey: "seats", planId: plans.seats, status: "active", currency: "EUR", quantity: 3, start: "2026-03-01", end: "2026-04-01", cancelAtPeriodEnd: true });
  await invoice(A, aSeats, "seats", { currency: "EUR", total: 1500, start: "2026-03-01", end: "2026-04-01", status: "void", settled: "2026-03-05" });
  await h.db.prisma.usageCounter.create({ data: { tenantId: A.tenantId, moduleKey: "crm", metric: "contacts", periodStart: new Date(0), value: 40 } });
  // B (USD): CRM annual since 2025-06-15 (paid); Seats per user x2, past due on an uncollectible invoice.
  const bCrm = await subscription(B, { moduleKey: "crm", planId: plans.crmAnnual, status: "active", currency: "USD", start: "2025-06-15", end: "2026-06-15" });
  await invoice(B, bCrm, "crm", { currency: "USD", total: 12010, start: "2025-06-15", end: "2026-06-15", status: "paid", settled: "2025-06-16" });
  const bSeats = await subscription(B, { moduleKey: "seats", planId: plans.seats, status: "past_due", currency: "USD", quantity: 2, start: "2026-02-15", end: "2026-03-15" });
  await invoice(B, bSeats, "seats", { currency: "USD", total: 1200, start: "2026-02-15", end: "2026-03-15", status: "uncollectible" });
  // C (EUR): a CRM trial until Mar 15, to continue.
  await subscription(C, { moduleKey: "crm", planId: plans.crmMonthly, status: "trialing", currency: "EUR", start: "2026-03-01", end: "2026-03-15", trial: ["2026-03-01", "2026-03-15"], continueAfterTrial: true });
  // D (EUR): CRM monthly from Dec 10, canceled at its period's end on Feb 10.
  const dCrm = await subscription(D, { moduleKey: "crm", planId: plans.crmMonthly, status: "canceled", currency: "EUR", start: "2026-01-10", end: "2026-02-10", endedAt: "2026-02-10" });
  await invoice(D, dCrm, "crm", { currency: "EUR", total: 1000, start: "2025-12-10", end: "2026-01-10", status: "paid", settled: "2025-12-11" });
  await invoice(D, dCrm, "crm", { currency: "EUR", total: 1000, start: "2026-01-10", end: "2026-02-10", status: "paid", settled: "2026-01-11" });
  // E (USD): a CRM trial that expired on Feb 5.
  await subscription(E, { moduleKey: "crm", planId: plans.crmMonthly, status: "expired", currency: "USD", start: "2026-01-22", end: "2026-02-05", trial: ["2026-01-22", "2026-02-05"], endedAt: "2026-02-05" });
  // F (EUR): a CRM trial converted on Feb 20, its first period paid.
  const fCrm = await subscription(F, { moduleKey: "crm", planId: plans.crmMonthly, status: "active", currency: "EUR", start: "2026-02-20", end: "2026-03-20", trial: ["2026-02-06", "2026-02-20"] });
  await invoice(F, fCrm, "crm", { currency: "EUR", total: 1000, start: "2026-02-20", end: "2026-03-20", status: "paid", settled: "2026-02-21" });
  // The invoices above are written around the billing engine, like rows that predate the rollup: the
  // migration's backfill brings them in (decision 47).
  await rebuildRollup(h.db.prisma);
});
afterAll(async () => h?.close());

describe("platform analytics", () => {
  it("computes MRR, ARR, trials, conversion, churn, revenue and tenants exactly, never across currencies", async () => {
    const ops = await h.platformAdmin();
    const a = await ops.analytics.platform({ from: "2026-01-01", to: "2026-03-31" });
    expect(a.from).toBe("2026-01");
    expect(a.to).toBe("2026-03");
    expect(a.mrr).toEqual([
      // A 1000 + F 1000 monthly
      { moduleKey: "crm", moduleName: crm, currency: "EUR", subscriptions: 2, mrr: 2000, arr: 24000 },
      // B annual 12010: a twelfth is 1000.83, rounded once
      { moduleKey: "crm", moduleName: crm, currency: "USD", subscriptions: 1, mrr: 1001, arr: 12010 },
      // A: 3 users x 500
      { moduleKey: "seats", moduleName: seats, currency: "EUR", subscriptions: 1, mrr: 1500, arr: 18000 },
      // B past due: 2 users x 600
      { moduleKey: "seats", moduleName: seats, currency: "USD", subscriptions: 1, mrr: 1200, arr: 14400 },
    ]);
    expect(a.mrrByCurrency).toEqual([
      { currency: "EUR", subscriptions: 3, mrr: 3500, arr: 42000 },
      { currency: "USD", subscriptions: 2, mrr: 2201, arr: 26410 },
    ]);
    expect(a.activeTrials).toEqual([{ moduleKey: "crm", moduleName: crm, count: 1 }]);
    // C's trial ends on Mar 15, after now: not counted yet.
    expect(a.trials).toEqual([
      { month: "2026-01", ended: 0, converted: 0, rateBasisPoints: null },
      { month: "2026-02", ended: 2, converted: 1, rateBasisPoints: 5000 },
      { month: "2026-03", ended: 0, converted: 0, rateBasisPoints: null },
    ]);
    // Live at Jan 1: A, B crm, D; at Feb 1: the same; at Mar 1: A crm, B crm, B seats, F (A seats' invoice is void, D ended).
    expect(a.churn).toEqual([
      { month: "2026-01", liveAtStart: 3, ended: 0, rateBasisPoints: 0 },
      { month: "2026-02", liveAtStart: 3, ended: 1, rateBasisPoints: 3333 },
      { month: "2026-03", liveAtStart: 4, ended: 0, rateBasisPoints: 0 },
    ]);
    expect(a.revenue).toEqual([
      { month: "2026-01", currency: "EUR", billed: 2000, voided: 0, paid: 2000 },
      { month: "2026-01", currency: "USD", billed: 0, voided: 0, paid: 0 },
      { month: "2026-02", currency: "EUR", billed: 2000, voided: 0, paid: 2000 },
      { month: "2026-02", currency: "USD", billed: 1200, voided: 0, paid: 0 },
      { month: "2026-03", currency: "EUR", billed: 1000, voided: 1500, paid: 0 },
      { month: "2026-03", currency: "USD", billed: 0, voided: 0, paid: 0 },
    ]);
    expect(a.tenants).toEqual({
      byStatus: [{ status: "active", count: 6 }, { status: "suspended", count: 1 }],
      byBilling: [{ state: "paying", count: 2 }, { state: "past_due", count: 1 }, { state: "trialing", count: 1 }, { state: "none", count: 3 }],
    });
  });

  it("gives one point per month over a long range, and refuses a reversed or too long range with clear keys", async () => {
    const ops = await h.platformAdmin();
    const a = await ops.analytics.platform({ from: "2023-04-15", to: "2026-03-02" });
    expect(a.churn).toHaveLength(36);
    expect(a.revenue).toHaveLength(72);
    const refused = async (input: { from: string; to: string }) =>
      (await ops.analytics.platform(input).then(() => null, (e: unknown) => e)) as TRPCError | null;
    expect((await refused({ from: "2026-03-01", to: "2026-02-28" }))?.message).toMatch(/dateRange\.endBeforeStart/);
    const tooLong = await refused({ from: "2023-03-31", to: "2026-03-01" });
    expect(tooLong?.code).toBe("BAD_REQUEST");
    expect(tooLong?.message).toMatch(/analytics\.rangeTooLong/);
  });
});

describe("tenant analytics", () => {
  it("summarises the tenant's subscriptions, renewals in 30 and 90 days with amounts, usage and open invoices", async () => {
    const a = await tenants.A.admin.analytics.tenant();
    expect(a.subscriptions.map((s) => [s.moduleKey, s.status, s.interval, s.pricingModel, s.quantity, s.periodAmount, s.currency])).toEqual([
      ["crm", "active", "monthly", "flat", 1, 1000, "EUR"],
      ["seats", "active", "monthly", "per_user", 3, 1500, "EUR"],
    ]);
    // Seats ends at its period's end: no renewal.
    expect(a.renewals).toEqual([{ moduleKey: "crm", moduleName: crm, at: d("2026-04-01"), kind: "renewal", currency: "EUR", amount: 1000 }]);
    expect(a.renewalTotals).toEqual([{ currency: "EUR", next30Days: 1000, next90Days: 1000 }]);
    expect(a.usage).toEqual([expect.objectContaining({ moduleKey: "crm", metric: "contacts", value: 40, limit: 100, percent: 40 })]);
    expect(a.invoices.open).toEqual([{ currency: "EUR", amount: 1000 }]);

    const b = await tenants.B.admin.analytics.tenant();
    // CRM renews on Jun 15, beyond 90 days; Seats (past due) on Mar 15 at 2 x 600.
    expect(b.renewals).toEqual([{ moduleKey: "seats", moduleName: seats, at: d("2026-03-15"), kind: "renewal", currency: "USD", amount: 1200 }]);
    expect(b.renewalTotals).toEqual([{ currency: "USD", next30Days: 1200, next90Days: 1200 }]);
    expect(b.invoices.open).toEqual([{ currency: "USD", amount: 1200 }]);

    const c = await tenants.C.admin.analytics.tenant();
    expect(c.renewals).toEqual([{ moduleKey: "crm", moduleName: crm, at: d("2026-03-15"), kind: "trial_conversion", currency: "EUR", amount: 1000 }]);
    expect(c.counts).toEqual([{ status: "trialing", count: 1 }]);
  });

  it("shows a tenant only its own figures", async () => {
    const g = await tenants.G.admin.analytics.tenant().catch((e: unknown) => e);
    // G is suspended: its users cannot act at all.
    expect((g as TRPCError).code).toBe("FORBIDDEN");
    const e = await tenants.E.admin.analytics.tenant();
    expect(e.subscriptions.map((s) => s.moduleKey)).toEqual(["crm"]);
    expect(e.renewals).toEqual([]);
    expect(e.usage).toEqual([]);
    expect(e.invoices).toEqual({ open: [], statuses: [] });
  });

  it("is refused with FORBIDDEN to a tenant user without billing.read, and platform analytics to every tenant user", async () => {
    const t = tenants.F;
    const role = await t.admin.roles.create({ name: "No billing", permissions: PERMISSION_NAMES.filter((p) => p !== "billing.read") });
    const { generatedPassword } = await t.admin.users.create({ email: "nobilling@example.com", name: "No billing", roleIds: [role.id] });
    const user = h.caller();
    await user.auth.login({ email: "nobilling@example.com", password: generatedPassword!, workspace: t.slug });
    await user.auth.changePassword({ currentPassword: generatedPassword!, newPassword: "no billing for this user" });
    const denied = (await user.analytics.tenant().catch((e: unknown) => e)) as TRPCError;
    expect(denied.code).toBe("FORBIDDEN");
    expect(denied.message).toMatch(/billing\.read/);
    const platform = (await t.admin.analytics.platform({ from: "2026-01-01", to: "2026-03-31" }).catch((e: unknown) => e)) as TRPCError;
    expect(platform.code).toBe("FORBIDDEN");
  });
});
