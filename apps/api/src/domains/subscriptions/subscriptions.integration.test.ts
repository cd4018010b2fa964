import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModule, type TestModule } from "../../../test/catalog.js";
import { createHarness, type Harness } from "../../../test/harness.js";

let h: Harness;
let m: TestModule;
beforeAll(async () => {
  h = await createHarness();
  m = await makeModule(h);
});
afterAll(async () => h?.close());

type Tenant = Awaited<ReturnType<Harness["makeTenant"]>>;

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    return error as TRPCError;
  }
  throw new Error("expected the call to fail");
}

/** Everything a refused call must leave as it was: the tenant's subscriptions, charges, audit entries and events. */
async function snapshot(t: Tenant) {
  const where = { tenantId: t.tenantId };
  const p = h.db.prisma;
  return JSON.stringify(
    await Promise.all([
      p.subscription.findMany({ where, orderBy: { id: "asc" } }),
      p.pendingCharge.findMany({ where, orderBy: { id: "asc" } }),
      p.auditEntry.count({ where }),
      p.event.count({ where }),
    ]),
  );
}

/** `call` is a thunk, so it starts only once the snapshot is taken. */
async function refusedWithNothingChanged(t: Tenant, call: () => Promise<unknown>, code: string, message: RegExp) {
  const before = await snapshot(t);
  const error = await failure(call());
  expect(error.code, error.message).toBe(code);
  expect(error.message).toMatch(message);
  expect(await snapshot(t)).toBe(before);
}

describe("trials", () => {
  it("starts a trial of a plan's trial days, without payment details, and only once per module", async () => {
    const t = await h.makeTenant();
    const sub = await t.admin.subscriptions.startTrial({ planId: m.plans.pro });
    const now = h.clock.now();
    expect(sub).toMatchObject({
      status: "trialing",
      moduleKey: m.key,
      plan: { id: m.plans.pro, price: 9000 },
      currency: "EUR",
      trialStart: now,
      trialEnd: new Date(now.getTime() + 14 * 86_400_000),
      currentPeriodEnd: new Date(now.getTime() + 14 * 86_400_000),
      continueAfterTrial: false,
      moduleActive: true,
      open: true,
    });
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.startTrial({ planId: m.plans.basic }), "CONFLICT", /already had its free trial/);
    expect((await t.admin.modules.marketplace()).items.find((i) => i.key === m.key)!.trialAvailable).toBe(false);
  });

  it("subscribing during the trial continues on the chosen plan when it ends, billing nothing now", async () => {
    const t = await h.makeTenant();
    await t.admin.subscriptions.startTrial({ planId: m.plans.pro });
    const preview = await t.admin.subscriptions.preview({ action: "subscribe", planId: m.plans.basic });
    expect(preview).toMatchObject({ timing: "period_end", total: 3000, lines: [{ kind: "subscription", amount: 3000 }] });
    const sub = await t.admin.subscriptions.subscribe({ planId: m.plans.basic });
    expect(sub).toMatchObject({ status: "trialing", continueAfterTrial: true, plan: { id: m.plans.basic } });
    expect(preview.invoiceAt).toEqual(sub.trialEnd);
    // In a trial, cancel and resume choose whether it continues.
    expect(await t.admin.subscriptions.cancel({ moduleKey: m.key })).toMatchObject({ status: "trialing", continueAfterTrial: false });
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.cancel({ moduleKey: m.key }), "CONFLICT", /already ends without/);
    expect(await t.admin.subscriptions.resume({ moduleKey: m.key })).toMatchObject({ continueAfterTrial: true });
    expect(await h.db.prisma.pendingCharge.count({ where: { tenantId: t.tenantId } })).toBe(0);
  });

  it("refuses a trial of a plan that has none", async () => {
    const noTrial = await makeModule(h, { trialDays: 0 });
    const t = await h.makeTenant();
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.startTrial({ planId: noTrial.plans.basic }), "CONFLICT", /no free trial/);
  });
});

describe("subscribing", () => {
  it("subscribes for a first period from now, invoiced by the billing job right away; a second subscribe is refused", async () => {
    const t = await h.makeTenant();
    const preview = await t.admin.subscriptions.preview({ action: "subscribe", planId: m.plans.basic });
    expect(preview).toMatchObject({ timing: "now", invoiceAt: h.clock.now(), currency: "EUR", total: 3000 });
    expect(preview.lines).toEqual([
      expect.objectContaining({ kind: "subscription", quantity: 1, unitAmount: 3000, amount: 3000, periodStart: h.clock.now(), periodEnd: new Date("2026-04-10T12:00:00Z") }),
    ]);
    const sub = await t.admin.subscriptions.subscribe({ planId: m.plans.basic });
    expect(sub).toMatchObject({ status: "active", currentPeriodStart: h.clock.now(), currentPeriodEnd: new Date("2026-04-10T12:00:00Z"), open: true });
    const row = await h.db.prisma.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect(row).toMatchObject({ nextBillingAt: h.clock.now(), invoicedPeriodStart: null, billingAnchor: h.clock.now() });
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.subscribe({ planId: m.plans.pro }), "CONFLICT", /already subscribes/);
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.startTrial({ planId: m.plans.pro }), "CONFLICT", /already subscribes|trial is for workspaces new/);
    expect((await t.admin.subscriptions.list()).items).toHaveLength(1);
  });

  it("refuses an unknown, retired, superseded or unpublished plan, and a currency the plan lacks, changing nothing", async () => {
    const t = await h.makeTenant();
    const ops = await h.platformAdmin();
    const other = await makeModule(h);
    await ops.modules.plans.retire({ planId: other.plans.pro });
    const v2 = await ops.modules.plans.newVersion({ planId: other.plans.basic, prices: { EUR: 3500 } });
    const draft = await makeModule(h, { publish: false });
    const yen = await makeModule(h);
    const yenOnly = await ops.modules.plans.create({ moduleKey: yen.key, code: "yen", name: { en: "Yen", fr: "Yen" }, interval: "monthly", prices: { JPY: 3000 } });

    await refusedWithNothingChanged(t, () => t.admin.subscriptions.subscribe({ planId: "0190aaaa-0000-7000-8000-000000000000" }), "NOT_FOUND", /does not exist/);
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.subscribe({ planId: other.plans.pro }), "CONFLICT", /retired/);
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.subscribe({ planId: other.plans.basic }), "CONFLICT", /newer version/);
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.subscribe({ planId: draft.plans.basic }), "CONFLICT", /not offered/);
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.subscribe({ planId: yenOnly.id }), "CONFLICT", /no price in EUR.*sold in JPY/);
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.startTrial({ planId: yenOnly.id }), "CONFLICT", /no price in EUR/);
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.preview({ action: "subscribe", planId: yenOnly.id }), "CONFLICT", /no price in EUR/);
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.subscribe({ planId: "not-a-uuid" } as never), "BAD_REQUEST", /id\.invalid/);
    expect(await t.admin.subscriptions.subscribe({ planId: v2.id })).toMatchObject({ status: "active", plan: { version: 2, price: 3500 } });
  });

  it("40 concurrent subscribe and startTrial calls create exactly one subscription, the others refused cleanly", async () => {
    const t = await h.makeTenant();
    const calls = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0 ? t.admin.subscriptions.subscribe({ planId: m.plans.basic }) : t.admin.subscriptions.startTrial({ planId: m.plans.basic }),
    );
    const results = await Promise.allSettled(calls);
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as TRPCError).code).toBe("CONFLICT");
    expect(await h.db.prisma.subscription.count({ where: { tenantId: t.tenantId } })).toBe(1);
    const events = await h.db.prisma.event.count({ where: { tenantId: t.tenantId, type: { in: ["subscription.subscribed", "subscription.trial_started"] } } });
    expect(events).toBe(1);
  });

  it("subscribes again after the subscription ended, on the same row", async () => {
    const t = await h.makeTenant();
    const first = await t.admin.subscriptions.subscribe({ planId: m.plans.basic });
    await h.db.prisma.subscription.update({ where: { id: first.id }, data: { status: "canceled", endedAt: h.clock.now(), nextBillingAt: null } });
    expect((await t.admin.subscriptions.list()).items[0]).toMatchObject({ status: "canceled", open: false });
    const again = await t.admin.subscriptions.subscribe({ planId: m.plans.pro });
    expect(again).toMatchObject({ id: first.id, status: "active", plan: { id: m.plans.pro }, endedAt: null, open: true });
  });
});

describe("plan changes", () => {
  async function subscribed(planId = m.plans.basic) {
    const t = await h.makeTenant();
    await t.admin.subscriptions.subscribe({ planId });
    return t;
  }

  it("an upgrade previews its prorations, and changing plan leaves exactly those for the next invoice", async () => {
    const t = await subscribed();
    h.clock.advance(10 * 86_400_000); // 10 of the 31 days from Mar 10 to Apr 10
    try {
      const preview = await t.admin.subscriptions.preview({ action: "changePlan", planId: m.plans.pro });
      expect(preview).toMatchObject({ timing: "now", effectiveAt: h.clock.now(), invoiceAt: h.clock.now() });
      expect(preview.lines.map((l) => [l.kind, l.amount])).toEqual([
        ["proration", -Math.round((3000 * 21) / 31)],
        ["proration", Math.round((9000 * 21) / 31)],
      ]);
      const sub = await t.admin.subscriptions.changePlan({ planId: m.plans.pro });
      expect(sub).toMatchObject({ plan: { id: m.plans.pro }, pendingPlan: null, currentPeriodEnd: new Date("2026-04-10T12:00:00Z") });
      const charges = await h.db.prisma.pendingCharge.findMany({ where: { tenantId: t.tenantId }, orderBy: { amount: "asc" } });
      expect(charges.map((c) => c.amount)).toEqual(preview.lines.map((l) => l.amount));
      expect((await h.db.prisma.subscription.findUniqueOrThrow({ where: { id: sub.id } })).nextBillingAt).toEqual(h.clock.now());
    } finally {
      h.clock.advance(-10 * 86_400_000);
    }
  });

  it("a downgrade and annual -> monthly wait for the period's end; a cancel drops the scheduled change", async () => {
    const t = await subscribed(m.plans.pro);
    const preview = await t.admin.subscriptions.preview({ action: "changePlan", planId: m.plans.basic });
    expect(preview).toMatchObject({ timing: "period_end", effectiveAt: new Date("2026-04-10T12:00:00Z"), total: 3000 });
    const sub = await t.admin.subscriptions.changePlan({ planId: m.plans.basic });
    expect(sub).toMatchObject({ plan: { id: m.plans.pro }, pendingPlan: { id: m.plans.basic } });
    expect(await h.db.prisma.pendingCharge.count({ where: { tenantId: t.tenantId } })).toBe(0);
    expect(await t.admin.subscriptions.cancel({ moduleKey: m.key })).toMatchObject({ cancelAtPeriodEnd: true, pendingPlan: null });

    const annual = await subscribed(m.plans.proAnnual);
    expect(await annual.admin.subscriptions.preview({ action: "switchInterval", moduleKey: m.key })).toMatchObject({ timing: "period_end", planId: m.plans.pro });
    expect(await annual.admin.subscriptions.switchInterval({ moduleKey: m.key })).toMatchObject({ pendingPlan: { id: m.plans.pro } });
  });

  it("monthly -> annual at a lower daily price waits for the period's end; at a higher one it starts a new annual cycle now", async () => {
    const t = await subscribed(m.plans.basic);
    expect(await t.admin.subscriptions.switchInterval({ moduleKey: m.key })).toMatchObject({ pendingPlan: { id: m.plans.basicAnnual } });
    const up = await subscribed(m.plans.basic);
    const preview = await up.admin.subscriptions.preview({ action: "changePlan", planId: m.plans.proAnnual });
    expect(preview.lines.map((l) => [l.kind, l.amount])).toEqual([
      ["proration", -3000], // nothing of the period used yet
      ["subscription", 90_000],
    ]);
    const sub = await up.admin.subscriptions.changePlan({ planId: m.plans.proAnnual });
    expect(sub).toMatchObject({ currentPeriodStart: h.clock.now(), currentPeriodEnd: new Date("2027-03-10T12:00:00Z"), plan: { interval: "annual" } });
  });

  it("refuses a change to the current plan, to another module's plan, or while canceled, changing nothing", async () => {
    const t = await subscribed();
    const other = await makeModule(h);
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.changePlan({ planId: m.plans.basic }), "CONFLICT", /already on this plan/);
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.changePlan({ planId: other.plans.pro }), "NOT_FOUND", /no subscription to the module/);
    await t.admin.subscriptions.cancel({ moduleKey: m.key });
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.changePlan({ planId: m.plans.pro }), "CONFLICT", /resume it before/);
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.cancel({ moduleKey: m.key }), "CONFLICT", /already canceled/);
    expect(await t.admin.subscriptions.resume({ moduleKey: m.key })).toMatchObject({ cancelAtPeriodEnd: false });
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.resume({ moduleKey: m.key }), "CONFLICT", /nothing to resume/);
  });
});

describe("per-user plans", () => {
  it("bill the active users holding the module, and per-user prorations", async () => {
    const seats = await makeModule(h, { pricingModel: "per_user", prices: { basic: 800, pro: 1200 } });
    const t = await h.makeTenant();
    const role = await t.admin.roles.create({ name: "Readers", permissions: ["users.read"] });
    for (let i = 0; i < 3; i++) await t.admin.users.create({ email: `seat-${i}@example.com`, name: `Seat ${i}`, roleIds: [role.id] });
    const deactivated = await t.admin.users.create({ email: "gone@example.com", name: "Gone", roleIds: [role.id] });
    await t.admin.users.deactivate({ userId: deactivated.user.id });
    // A module that declares no permission is every active user's: the admin and the three readers.
    const preview = await t.admin.subscriptions.preview({ action: "subscribe", planId: seats.plans.basic });
    expect(preview.lines).toEqual([expect.objectContaining({ quantity: 4, unitAmount: 800, amount: 3200 })]);
    expect(await t.admin.subscriptions.subscribe({ planId: seats.plans.basic })).toMatchObject({ quantity: 4 });
    const change = await t.admin.subscriptions.preview({ action: "changePlan", planId: seats.plans.pro });
    expect(change.lines.map((l) => [l.quantity, l.amount])).toEqual([
      [4, -3200],
      [4, 4800],
    ]);
  });
});

describe("activation", () => {
  it("deactivates and activates a subscribed module, keeping the subscription", async () => {
    const t = await h.makeTenant();
    await t.admin.subscriptions.subscribe({ planId: m.plans.basic });
    expect(await t.admin.subscriptions.deactivate({ moduleKey: m.key })).toMatchObject({ status: "active", moduleActive: false, open: false });
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.deactivate({ moduleKey: m.key }), "CONFLICT", /already deactivated/);
    expect(await t.admin.subscriptions.activate({ moduleKey: m.key })).toMatchObject({ moduleActive: true, open: true });
    await refusedWithNothingChanged(t, () => t.admin.subscriptions.activate({ moduleKey: "no_such_module" }), "NOT_FOUND", /no subscription/);
  });
});

describe("new plan versions", () => {
  it("tell every subscriber on an older version, before it renews onto the new one", async () => {
    const versioned = await makeModule(h);
    const t = await h.makeTenant();
    const sub = await t.admin.subscriptions.subscribe({ planId: versioned.plans.basic });
    const ops = await h.platformAdmin();
    const v2 = await ops.modules.plans.newVersion({ planId: versioned.plans.basic, prices: { EUR: 3300, USD: 3400 } });
    const events = await h.db.prisma.event.findMany({ where: { tenantId: t.tenantId, type: "subscription.renewal_terms_changed" } });
    expect(events.map((e) => e.payload)).toEqual([
      { subscriptionId: sub.id, moduleKey: versioned.key, planId: versioned.plans.basic, newPlanId: v2.id, effectiveAt: "2026-04-10T12:00:00.000Z" },
    ]);
    expect((await t.admin.subscriptions.list()).items[0]!.plan).toMatchObject({ id: versioned.plans.basic, price: 3000 });
  });
});
