import { testServerUrl } from "@tenancy/db/testing";
import type { TRPCError } from "@trpc/server";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModule, type TestModule } from "../../../test/catalog.js";
import { createHarness, type Harness } from "../../../test/harness.js";
import { runBilling } from "../../jobs/billing.js";
import { logOnlyGateway, type ChargeRequest, type PaymentGateway } from "./gateway.js";
import { rollupAndRecomputation } from "./platform-rollup.js";

let h: Harness;
let m: TestModule;
let ops: Awaited<ReturnType<Harness["platformAdmin"]>>;
const START = new Date("2026-03-10T12:00:00Z");
const charged: ChargeRequest[] = [];
const gateway: PaymentGateway = {
  ...logOnlyGateway(pino({ level: "silent" })),
  async charge(request) {
    charged.push(request);
    return { status: "pending", reference: null };
  },
};

beforeAll(async () => {
  h = await createHarness();
  m = await makeModule(h);
  ops = await h.platformAdmin();
  // Dunning is tested on its own below; elsewhere unpaid invoices must not move subscriptions to past due.
  await ops.billing.admin.settings.update({ pastDueAfterDays: 365, cancelAfterDays: 365 });
});
afterAll(async () => h?.close());

const run = () => runBilling(h.services, { gateway });
const at = async <T>(iso: string, fn: () => Promise<T>): Promise<T> => {
  h.clock.set(new Date(iso));
  try {
    return await fn();
  } finally {
    h.clock.set(START);
  }
};

const invoicesOf = (tenantId: string) =>
  h.db.prisma.invoice.findMany({ where: { tenantId }, orderBy: [{ createdAt: "asc" }, { sequence: "asc" }], include: { lines: { orderBy: { position: "asc" } } } });
const subscriptionOf = (tenantId: string, moduleKey = m.key) => h.db.prisma.subscription.findFirstOrThrow({ where: { tenantId, moduleKey } });
const eventsOf = async (tenantId: string) => (await h.db.prisma.event.findMany({ where: { tenantId }, orderBy: { position: "asc" } })).map((e) => e.type);

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    return error as TRPCError;
  }
  throw new Error("expected the call to fail");
}

describe("the billing job", () => {
  it("invoices a new subscription's first period once, then renews and invoices at the period's end", async () => {
    const t = await h.makeTenant();
    await t.admin.subscriptions.subscribe({ planId: m.plans.basic });
    charged.length = 0;
    await run();
    await run(); // idempotent: nothing more is due
    let invoices = await invoicesOf(t.tenantId);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ status: "open", currency: "EUR", subtotal: 3000, tax: 0, taxRateBasisPoints: 0, total: 3000, issuedAt: START });
    expect(invoices[0]!.number).toMatch(/^2026-\d{6}$/);
    expect(invoices[0]!.lines).toEqual([
      expect.objectContaining({ kind: "subscription", moduleKey: m.key, quantity: 1, unitAmount: 3000, amount: 3000, periodStart: START, periodEnd: new Date("2026-04-10T12:00:00Z") }),
    ]);
    expect(charged.map((c) => c.invoiceId)).toEqual([invoices[0]!.id]);
    expect(await subscriptionOf(t.tenantId)).toMatchObject({ invoicedPeriodStart: START, nextBillingAt: new Date("2026-04-10T12:00:00Z") });

    await at("2026-04-10T12:00:00Z", run);
    await at("2026-04-10T12:00:00Z", run);
    invoices = await invoicesOf(t.tenantId);
    expect(invoices).toHaveLength(2);
    expect(invoices[1]!.lines[0]).toMatchObject({ periodStart: new Date("2026-04-10T12:00:00Z"), periodEnd: new Date("2026-05-10T12:00:00Z") });
    expect(Number(invoices[1]!.sequence)).toBeGreaterThan(Number(invoices[0]!.sequence));
    expect(await eventsOf(t.tenantId)).toEqual(expect.arrayContaining(["subscription.subscribed", "invoice.issued", "subscription.renewed"]));
    // The tenant sees its invoices; another tenant sees none of them.
    expect((await t.admin.billing.invoices.list({})).items.map((i) => i.id)).toEqual([invoices[1]!.id, invoices[0]!.id]);
    expect(await t.admin.billing.invoices.get({ invoiceId: invoices[0]!.id })).toMatchObject({ total: 3000, lines: [{ kind: "subscription" }] });
    const other = await h.makeTenant();
    expect((await failure(other.admin.billing.invoices.get({ invoiceId: invoices[0]!.id }))).code).toBe("NOT_FOUND");
  });

  it("catches up every missed period in order, month ends clamped (Jan 31 -> Feb 28 -> Mar 31)", async () => {
    const t = await h.makeTenant();
    await at("2026-01-31T08:00:00Z", async () => {
      await t.admin.subscriptions.subscribe({ planId: m.plans.basic });
      await run();
    });
    await at("2026-04-01T00:00:00Z", run);
    const invoices = await invoicesOf(t.tenantId);
    expect(invoices.map((i) => i.lines[0]!.periodStart!.toISOString().slice(0, 10))).toEqual(["2026-01-31", "2026-02-28", "2026-03-31"]);
    const numbers = invoices.map((i) => i.sequence!);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(await subscriptionOf(t.tenantId)).toMatchObject({ currentPeriodEnd: new Date("2026-04-30T08:00:00Z") });
  });

  it("ends a trial: a paid subscription from then when the tenant chose to continue, else expired and closed", async () => {
    const keeps = await h.makeTenant();
    const leaves = await h.makeTenant();
    await keeps.admin.subscriptions.startTrial({ planId: m.plans.pro });
    await keeps.admin.subscriptions.subscribe({ planId: m.plans.basic }); // continue on basic
    await leaves.admin.subscriptions.startTrial({ planId: m.plans.pro });
    await run();
    expect(await invoicesOf(keeps.tenantId)).toEqual([]); // nothing billed during a trial
    await at("2026-03-24T12:00:00Z", run); // 14 days later
    expect(await subscriptionOf(keeps.tenantId)).toMatchObject({
      status: "active",
      planId: m.plans.basic,
      currentPeriodStart: new Date("2026-03-24T12:00:00Z"),
      currentPeriodEnd: new Date("2026-04-24T12:00:00Z"),
    });
    expect((await invoicesOf(keeps.tenantId)).map((i) => i.total)).toEqual([3000]);
    expect(await subscriptionOf(leaves.tenantId)).toMatchObject({ status: "expired", endReason: "trial_ended", nextBillingAt: null, endedAt: new Date("2026-03-24T12:00:00Z") });
    expect(await invoicesOf(leaves.tenantId)).toEqual([]);
    expect(await eventsOf(keeps.tenantId)).toContain("subscription.trial_converted");
    expect(await eventsOf(leaves.tenantId)).toContain("subscription.trial_expired");
    expect((await leaves.admin.subscriptions.list()).items[0]).toMatchObject({ open: false });
  });

  it("invoices an upgrade's prorations right away, exactly as previewed", async () => {
    const t = await h.makeTenant();
    await t.admin.subscriptions.subscribe({ planId: m.plans.basic });
    await run();
    const invoice = await at("2026-03-20T12:00:00Z", async () => {
      const preview = await t.admin.subscriptions.preview({ action: "changePlan", planId: m.plans.pro });
      await t.admin.subscriptions.changePlan({ planId: m.plans.pro });
      await run();
      const invoices = await invoicesOf(t.tenantId);
      expect(invoices).toHaveLength(2);
      expect(invoices[1]!.lines.map((l) => [l.kind, l.amount, l.planId])).toEqual(preview.lines.map((l) => [l.kind, l.amount, l.planId]));
      expect(invoices[1]!.total).toBe(preview.total);
      return invoices[1]!;
    });
    expect(invoice.status).toBe("open");
    expect(await h.db.prisma.pendingCharge.count({ where: { tenantId: t.tenantId } })).toBe(0);
    // The renewal bills the new plan.
    await at("2026-04-10T12:00:00Z", run);
    expect((await invoicesOf(t.tenantId))[2]!.total).toBe(9000);
  });

  it("carries the credit of an immediate downgrade to the next invoice", async () => {
    const immediate = await makeModule(h);
    await ops.modules.plans.newVersion({ planId: immediate.plans.pro, changePolicy: "immediate" });
    const proV2 = (await h.db.prisma.plan.findFirstOrThrow({ where: { moduleKey: immediate.key, code: "pro", interval: "monthly", version: 2 } })).id;
    const t = await h.makeTenant();
    await t.admin.subscriptions.subscribe({ planId: proV2 });
    await run();
    await at("2026-04-05T12:00:00Z", async () => {
      await t.admin.subscriptions.changePlan({ planId: immediate.plans.basic });
      await run();
    });
    const [, credit] = await invoicesOf(t.tenantId);
    expect(credit).toMatchObject({ total: 0, subtotal: 0, status: "paid" });
    const carried = credit!.lines.find((l) => l.kind === "credit")!;
    expect(carried.amount).toBeGreaterThan(0);
    expect(credit!.lines.reduce((s, l) => s + l.amount, 0)).toBe(0);
    await at("2026-04-10T12:00:00Z", run);
    const next = (await invoicesOf(t.tenantId))[2]!;
    expect(next.lines.map((l) => l.kind)).toEqual(["subscription", "credit"]);
    expect(next.total).toBe(3000 - carried.amount);
  });

  it("applies a scheduled downgrade, a cancel and a retirement at the period's end; renews onto a new version", async () => {
    const [down, gone, retired, versioned] = [await h.makeTenant(), await h.makeTenant(), await h.makeTenant(), await h.makeTenant()];
    const retiring = await makeModule(h);
    await down.admin.subscriptions.subscribe({ planId: m.plans.pro });
    await down.admin.subscriptions.changePlan({ planId: m.plans.basic });
    await gone.admin.subscriptions.subscribe({ planId: m.plans.basic });
    await gone.admin.subscriptions.cancel({ moduleKey: m.key });
    await retired.admin.subscriptions.subscribe({ planId: retiring.plans.basic });
    const versionedModule = await makeModule(h);
    await versioned.admin.subscriptions.subscribe({ planId: versionedModule.plans.basic });
    await run();
    await ops.modules.plans.retire({ planId: retiring.plans.basic });
    const v2 = await ops.modules.plans.newVersion({ planId: versionedModule.plans.basic, prices: { EUR: 3300 } });
    await at("2026-04-10T12:00:00Z", run);

    expect(await subscriptionOf(down.tenantId)).toMatchObject({ status: "active", planId: m.plans.basic, pendingPlanId: null });
    expect((await invoicesOf(down.tenantId)).map((i) => i.total)).toEqual([9000, 3000]);
    expect(await subscriptionOf(gone.tenantId)).toMatchObject({ status: "canceled", endReason: "canceled", nextBillingAt: null });
    expect(await invoicesOf(gone.tenantId)).toHaveLength(1);
    expect(await subscriptionOf(retired.tenantId, retiring.key)).toMatchObject({ status: "canceled", endReason: "retired" });
    expect(await subscriptionOf(versioned.tenantId, versionedModule.key)).toMatchObject({ status: "active", planId: v2.id });
    expect((await invoicesOf(versioned.tenantId)).map((i) => i.total)).toEqual([3000, 3300]);
    expect(await eventsOf(gone.tenantId)).toContain("subscription.ended");
  });

  it("bills per-user plans for the users holding the module at each period's start", async () => {
    const seats = await makeModule(h, { pricingModel: "per_user", prices: { basic: 800, pro: 1200 } });
    const t = await h.makeTenant();
    await t.admin.subscriptions.subscribe({ planId: seats.plans.basic });
    await run();
    const role = await t.admin.roles.create({ name: "Staff", permissions: ["users.read"] });
    for (let i = 0; i < 2; i++) await t.admin.users.create({ email: `staff-${i}@example.com`, name: `Staff ${i}`, roleIds: [role.id] });
    await at("2026-04-10T12:00:00Z", run);
    expect((await invoicesOf(t.tenantId)).map((i) => [i.lines[0]!.quantity, i.total])).toEqual([
      [1, 800],
      [3, 2400],
    ]);
  });
});

describe("the job and the tenant at once", () => {
  // Needs a second connection holding a row lock while the API runs: PostgreSQL only (PGlite has one connection).
  it.skipIf(!testServerUrl())("a tenant's change that waited on the job's row lock is refused with CONFLICT, not applied over the job's work", async () => {
    const t = await h.makeTenant();
    const sub = await t.admin.subscriptions.subscribe({ planId: m.plans.basic });
    // As the job does: the row claimed and changed in a transaction that has not committed yet.
    await h.db.sql.exec("BEGIN");
    await h.db.sql.query(`SELECT id FROM subscriptions WHERE id = $1 FOR UPDATE`, [sub.id]);
    await h.db.sql.query(`UPDATE subscriptions SET "lockVersion" = "lockVersion" + 1, "invoicedPeriodStart" = "currentPeriodStart" WHERE id = $1`, [sub.id]);
    const cancel = t.admin.subscriptions.cancel({ moduleKey: m.key }).then(
      () => null,
      (error: unknown) => error as TRPCError,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await h.db.sql.exec("COMMIT");
    const error = await cancel;
    expect(error?.code).toBe("CONFLICT");
    expect(error?.message).toMatch(/changed while you were acting on it/);
    expect(await subscriptionOf(t.tenantId)).toMatchObject({ cancelAtPeriodEnd: false, invoicedPeriodStart: START });
  });
});

describe("numbers", () => {
  it("two billing jobs at once over the same boundary issue no duplicate invoice and no gap in numbers", { timeout: 300_000 }, async () => {
    const modules = [m, await makeModule(h), await makeModule(h)];
    const tenants: Awaited<ReturnType<Harness["makeTenant"]>>[] = [];
    await at("2026-06-01T00:00:00Z", async () => {
      await run(); // settle what earlier tests left due
      for (let i = 0; i < 4; i++) tenants.push(await h.makeTenant());
      for (const t of tenants) for (const mod of modules) await t.admin.subscriptions.subscribe({ planId: mod.plans.basic });
    });
    await at("2026-07-01T00:00:00Z", () => Promise.all([runBilling(h.services, { gateway, batchSize: 3 }), runBilling(h.services, { gateway, batchSize: 3 })]));
    // Each subscription: its first period and its renewal, once each.
    const ours = await h.db.prisma.invoice.findMany({ where: { tenantId: { in: tenants.map((t) => t.tenantId) } }, include: { lines: true } });
    expect(ours).toHaveLength(tenants.length * modules.length * 2);
    const periods = ours.flatMap((i) => i.lines.map((l) => `${i.subscriptionId} ${l.periodStart?.toISOString()}`));
    expect(new Set(periods).size).toBe(periods.length);
    // Every invoice of the year, whoever issued it, numbered 1..n without a gap or a repeat.
    const all = await h.db.prisma.invoice.findMany({ where: { year: 2026 }, orderBy: { sequence: "asc" }, select: { sequence: true, number: true } });
    expect(all.map((i) => i.sequence)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all.map((i) => i.number)).toEqual(all.map((i) => `2026-${String(i.sequence).padStart(6, "0")}`));
  });

  it("restart at 1 each year, and a subscription that fails gives its number back and is retried later", async () => {
    const [t, ok] = await at("2027-01-05T00:00:00Z", async () => [await h.makeTenant(), await h.makeTenant()]);
    await h.db.sql.exec(`
      CREATE FUNCTION billing_test_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW."tenantId" = '${t.tenantId}' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER billing_test_boom BEFORE INSERT ON invoice_lines FOR EACH ROW EXECUTE FUNCTION billing_test_boom();`);
    try {
      await at("2027-01-05T00:00:00Z", async () => {
        await run();
        await t.admin.subscriptions.subscribe({ planId: m.plans.basic });
        await ok.admin.subscriptions.subscribe({ planId: m.plans.basic });
        await run();
      });
    } finally {
      await h.db.sql.exec(`DROP TRIGGER billing_test_boom ON invoice_lines; DROP FUNCTION billing_test_boom();`);
    }
    expect(await invoicesOf(t.tenantId)).toEqual([]);
    expect((await subscriptionOf(t.tenantId)).nextBillingAt).toEqual(new Date("2027-01-05T01:00:00Z"));
    await at("2027-01-05T01:00:00Z", run);
    const year = await h.db.prisma.invoice.findMany({ where: { year: 2027 }, orderBy: { sequence: "asc" }, select: { number: true, tenantId: true } });
    expect(year[0]!.number).toBe("2027-000001");
    expect(year.map((i) => i.number)).toEqual(year.map((_, i) => `2027-${String(i + 1).padStart(6, "0")}`));
    // The failed one was retried and got the next number: none was lost to the failure.
    expect(year.at(-1)!.tenantId).toBe(t.tenantId);
    expect(year.filter((i) => i.tenantId === ok.tenantId)).toHaveLength(1);
  });
});

describe("the analytics rollup (decision 47)", () => {
  /** Every rollup row of the database equals its recomputation from the invoices. */
  const expectExact = async () => {
    const { kept, recomputed } = await rollupAndRecomputation(h.db.prisma);
    expect(kept).toEqual(recomputed);
    return kept;
  };
  const monthRow = async (month: string, currency = "EUR") =>
    (await h.db.sql.query<{ billed: string; voided: string; paid: string; entries: number }>(
      `SELECT billed::text, voided::text, paid::text, entries FROM billing_monthly WHERE month = $1::date AND currency = $2`, [month, currency],
    ))[0] ?? { billed: "0", voided: "0", paid: "0", entries: 0 };
  const liveAt = async (month: string) =>
    (await h.db.sql.query<{ n: number }>(`SELECT "liveAtStart" AS n FROM subscription_monthly WHERE month = $1::date`, [month]))[0]?.n ?? 0;

  it("equals a full recomputation after two billing jobs at once, with payments settled by both, and a catch-up", { timeout: 300_000 }, async () => {
    await at("2026-08-01T00:00:00Z", run); // settle what earlier tests left due
    await expectExact();
    const modules = [m, await makeModule(h)];
    const tenants: Awaited<ReturnType<Harness["makeTenant"]>>[] = [];
    await at("2026-08-01T00:00:00Z", async () => {
      for (let i = 0; i < 4; i++) tenants.push(await h.makeTenant());
      for (const [i, t] of tenants.entries()) for (const mod of modules) await t.admin.subscriptions.subscribe({ planId: i % 2 ? mod.plans.basicAnnual : mod.plans.basic });
    });
    // Half the charges succeed: both workers also settle invoices (paid) while the other issues.
    let n = 0;
    const paying: PaymentGateway = { ...gateway, charge: async () => ({ status: n++ % 2 ? "succeeded" : "pending", reference: null }) };
    const both = () => Promise.all([runBilling(h.services, { gateway: paying, batchSize: 3 }), runBilling(h.services, { gateway: paying, batchSize: 3 })]);
    await at("2026-08-01T00:00:00Z", both);
    await at("2026-09-01T00:00:00Z", both);
    await at("2026-11-15T00:00:00Z", both); // two months caught up per monthly subscription
    const kept = await expectExact();
    const ours = await h.db.prisma.invoice.findMany({ where: { tenantId: { in: tenants.map((t) => t.tenantId) } } });
    expect(ours.length).toBeGreaterThan(tenants.length * modules.length);
    expect(ours.some((i) => i.status === "paid") && ours.some((i) => i.status === "open")).toBe(true);
    expect(kept.money.length).toBeGreaterThan(0);
    expect(kept.live.length).toBeGreaterThan(0);
  });

  it("follows an invoice voided after being marked uncollectible; a paid invoice cannot be voided and leaves it as it is", async () => {
    const t = await h.makeTenant();
    const euro = (await h.db.prisma.tenant.findUniqueOrThrow({ where: { id: t.tenantId } })).currency;
    await t.admin.subscriptions.subscribe({ planId: m.plans.basic });
    const march = await monthRow("2026-03-01", euro);
    const aprilLive = await liveAt("2026-04-01");
    await run();
    const [invoice] = await invoicesOf(t.tenantId);
    const total = invoice!.total;
    expect(total).toBeGreaterThan(0);
    // Issued Mar 10 for Mar 10 - Apr 10: billed in March, live at Apr 1.
    expect(await monthRow("2026-03-01", euro)).toEqual({ ...march, billed: String(BigInt(march.billed) + BigInt(total)), entries: march.entries + 1 });
    expect(await liveAt("2026-04-01")).toBe(aprilLive + 1);
    await ops.billing.admin.invoices.markUncollectible({ invoiceId: invoice!.id });
    expect(await monthRow("2026-03-01", euro)).toEqual({ ...march, billed: String(BigInt(march.billed) + BigInt(total)), entries: march.entries + 1 });
    const may = await monthRow("2026-05-01", euro);
    await at("2026-05-02T00:00:00Z", async () => (await h.platformAdmin()).billing.admin.invoices.markVoid({ invoiceId: invoice!.id }));
    // No longer billed in March, voided in May, and the subscription no longer live at Apr 1 by this invoice.
    expect(await monthRow("2026-03-01", euro)).toEqual(march);
    expect(await monthRow("2026-05-01", euro)).toEqual({ ...may, voided: String(BigInt(may.voided) + BigInt(total)), entries: may.entries + 1 });
    expect(await liveAt("2026-04-01")).toBe(aprilLive);
    await expectExact();

    const p = await h.makeTenant();
    await p.admin.subscriptions.subscribe({ planId: m.plans.basic });
    await run();
    const [paid] = await invoicesOf(p.tenantId);
    await at("2026-04-03T00:00:00Z", async () => (await h.platformAdmin()).billing.admin.invoices.markPaid({ invoiceId: paid!.id }));
    const april = await monthRow("2026-04-01", euro);
    expect(BigInt(april.paid)).toBeGreaterThanOrEqual(BigInt(paid!.total));
    const before = await rollupAndRecomputation(h.db.prisma);
    expect((await failure(ops.billing.admin.invoices.markVoid({ invoiceId: paid!.id }))).code).toBe("CONFLICT");
    expect((await rollupAndRecomputation(h.db.prisma)).kept).toEqual(before.kept);
    await expectExact();
  });
});

describe("dunning and settling invoices", () => {
  beforeAll(async () => {
    await ops.billing.admin.settings.update({ pastDueAfterDays: 7, cancelAfterDays: 14 });
  });

  it("an unpaid invoice makes the subscription past due after the grace period, canceled after the second; each step an event", async () => {
    const t = await h.makeTenant();
    await t.admin.subscriptions.subscribe({ planId: m.plans.basic });
    await run();
    await at("2026-03-17T11:00:00Z", run); // not yet 7 days
    expect((await subscriptionOf(t.tenantId)).status).toBe("active");
    await at("2026-03-17T12:00:00Z", run);
    expect((await subscriptionOf(t.tenantId)).status).toBe("past_due");
    expect((await t.admin.subscriptions.list()).items[0]).toMatchObject({ status: "past_due", open: true });
    await at("2026-03-31T12:00:00Z", run); // 7 + 14 days
    expect(await subscriptionOf(t.tenantId)).toMatchObject({ status: "canceled", endReason: "unpaid", nextBillingAt: null });
    expect(await eventsOf(t.tenantId)).toEqual(expect.arrayContaining(["invoice.overdue", "subscription.past_due", "subscription.ended"]));
    const [invoice] = await invoicesOf(t.tenantId);
    expect(invoice).toMatchObject({ status: "open", dunningStage: 2, nextDunningAt: null });
  });

  it("marking the overdue invoice paid makes the subscription active again; settled invoices refuse other changes", async () => {
    const t = await h.makeTenant();
    await t.admin.subscriptions.subscribe({ planId: m.plans.basic });
    await run();
    await at("2026-03-18T00:00:00Z", run);
    const [invoice] = await invoicesOf(t.tenantId);
    expect((await subscriptionOf(t.tenantId)).status).toBe("past_due");
    expect(await ops.billing.admin.invoices.markPaid({ invoiceId: invoice!.id })).toMatchObject({ status: "paid", paidAt: START });
    expect((await subscriptionOf(t.tenantId)).status).toBe("active");
    expect(await eventsOf(t.tenantId)).toEqual(expect.arrayContaining(["invoice.paid", "subscription.payment_received"]));
    const refused = await failure(ops.billing.admin.invoices.markVoid({ invoiceId: invoice!.id }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/paid cannot be voided/);
    // No dunning on a paid invoice.
    await at("2026-04-01T00:00:00Z", run);
    expect((await subscriptionOf(t.tenantId)).status).toBe("active");
    expect((await failure(ops.billing.admin.invoices.markPaid({ invoiceId: "0190aaaa-0000-7000-8000-000000000000" }))).code).toBe("NOT_FOUND");
  });

  it("uncollectible invoices can still be paid or voided; platform admins list every tenant's invoices and set the grace periods", async () => {
    const t = await h.makeTenant();
    await t.admin.subscriptions.subscribe({ planId: m.plans.basic });
    await run();
    const [invoice] = await invoicesOf(t.tenantId);
    expect(await ops.billing.admin.invoices.markUncollectible({ invoiceId: invoice!.id })).toMatchObject({ status: "uncollectible" });
    expect(await ops.billing.admin.invoices.markVoid({ invoiceId: invoice!.id })).toMatchObject({ status: "void", voidedAt: START });
    expect((await ops.billing.admin.invoices.list({ tenantId: t.tenantId })).items.map((i) => i.id)).toEqual([invoice!.id]);
    expect((await failure(t.admin.billing.admin.invoices.list({}))).code).toBe("FORBIDDEN");

    expect(await ops.billing.admin.settings.get()).toEqual({ pastDueAfterDays: 7, cancelAfterDays: 14 });
    expect(await ops.billing.admin.settings.update({ pastDueAfterDays: 3 })).toEqual({ pastDueAfterDays: 3, cancelAfterDays: 14 });
    expect((await failure(ops.billing.admin.settings.update({ pastDueAfterDays: 0 }))).code).toBe("BAD_REQUEST");
    const late = await h.makeTenant();
    await late.admin.subscriptions.subscribe({ planId: m.plans.basic });
    await run();
    await at("2026-03-13T12:00:00Z", run);
    expect((await subscriptionOf(late.tenantId)).status).toBe("past_due");
    await ops.billing.admin.settings.update({ pastDueAfterDays: 7 });
  });
});
