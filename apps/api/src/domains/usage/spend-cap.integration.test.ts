import { PERMISSION_NAMES } from "@tenancy/contracts";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../test/harness.js";
import { runBilling } from "../../jobs/billing.js";
import { record } from "../../lib/record.js";
import { SYSTEM_ACTOR, tenantScope, type TenantScope } from "../../lib/scope.js";
import { logOnlyGateway } from "../billing/gateway.js";
import { incrementUsage } from "./meter.js";

let h: Harness;
let planId: string;
const MODULE = "spend_probe";
const text = (en: string) => ({ en, fr: `${en} (fr)` });
const gateway = logOnlyGateway(pino({ level: "silent" }));

beforeAll(async () => {
  h = await createHarness();
  const ops = await h.platformAdmin();
  await ops.modules.create({
    key: MODULE,
    name: text("Spend Probe"),
    description: text("Counts things."),
    category: "integrations",
    icon: "plug",
    metrics: [{ key: "exports", name: text("Exports"), resets: "monthly" }],
  });
  planId = (await ops.modules.plans.create({ moduleKey: MODULE, code: "small", name: text("Small"), interval: "monthly", prices: { EUR: 1000 } })).id;
  await ops.modules.publish({ key: MODULE });
  await ops.billing.admin.settings.update({ pastDueAfterDays: 365, cancelAfterDays: 365 });
});
afterAll(async () => h?.close());

/** A tenant whose first period (10.00 EUR) is invoiced: this month's spend is 1000. */
async function invoiced() {
  const t = await h.makeTenant();
  await t.admin.subscriptions.subscribe({ planId });
  await runBilling(h.services, { gateway });
  const scope = tenantScope(h.services, { tenantId: t.tenantId, timeZone: "Europe/Paris", actor: SYSTEM_ACTOR, permissions: PERMISSION_NAMES }, { ip: null, userAgent: null, requestId: null });
  return { t, scope };
}

function countedAction(scope: TenantScope) {
  return scope.db.$transaction(async (tx) => {
    await record(tx, scope, { type: "tenant.settings_updated", tenantId: scope.tenantId, target: { type: "tenant", id: scope.tenantId }, payload: { tenantId: scope.tenantId, fields: ["probe"] } });
    return incrementUsage(tx, scope, { moduleKey: MODULE, metric: "exports" });
  }, { maxWait: 30_000, timeout: 30_000 });
}

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a failure"); }, (e: unknown) => e as { code?: string; message: string; cause?: unknown });
const issuesOf = (error: unknown) => ((error as { cause?: { issues?: { message: string }[] } }).cause?.issues ?? []).map((i) => i.message);

describe("the spending cap", () => {
  it("is off by default, in the subscription currency, with the month's invoiced spend", async () => {
    const { t } = await invoiced();
    expect(await t.admin.usage.spendCap.get()).toEqual({ cap: null, currency: "EUR", spend: 1000, periodStart: new Date("2026-03-01T00:00:00Z") });
  });

  it("is set by a tenant admin, audited, and refuses bad amounts and another currency with clear errors", async () => {
    const { t } = await invoiced();
    expect(issuesOf(await failure(t.admin.usage.spendCap.set({ cap: -1, currency: "EUR" })))).toEqual(["spendCap.negative"]);
    expect(issuesOf(await failure(t.admin.usage.spendCap.set({ cap: 10.5, currency: "EUR" })))).toEqual(["spendCap.whole"]);
    expect(issuesOf(await failure(t.admin.usage.spendCap.set({ cap: 3_000_000_000, currency: "EUR" })))).toEqual(["spendCap.tooLarge"]);
    const wrong = await failure(t.admin.usage.spendCap.set({ cap: 5000, currency: "USD" }));
    expect(wrong).toMatchObject({ code: "BAD_REQUEST", cause: { code: "SPEND_CAP_CURRENCY", details: { currency: "EUR" } } });

    expect(await t.admin.usage.spendCap.set({ cap: 5000, currency: "eur" })).toMatchObject({ cap: 5000, currency: "EUR", spend: 1000 });
    expect((await (await h.platformAdmin()).platform.tenants.get({ tenantId: t.tenantId })).spendCap).toEqual({ cap: 5000, currency: "EUR" });
    expect(await failure(t.admin.usage.spendCap.set({ cap: 5000, currency: "EUR" }))).toMatchObject({ cause: { code: "INVALID_STATE" } });
    expect(await t.admin.usage.spendCap.set({ cap: null, currency: "EUR" })).toMatchObject({ cap: null });
    const audit = await h.db.prisma.auditEntry.findMany({ where: { tenantId: t.tenantId, action: "usage.spend_cap_changed" }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.changes)).toEqual([
      { spendCap: { from: null, to: 5000 }, currency: "EUR" },
      { spendCap: { from: 5000, to: null }, currency: "EUR" },
    ]);
  });

  it("refuses metered usage once the month's spend reaches it, with what was spent and nothing written", async () => {
    const { t, scope } = await invoiced();
    await t.admin.usage.spendCap.set({ cap: 1000, currency: "EUR" });
    const audit = await h.db.prisma.auditEntry.count({ where: { tenantId: t.tenantId } });
    const error = await failure(countedAction(scope));
    expect(error).toMatchObject({ code: "SPEND_CAP_REACHED", details: { cap: 1000, spend: 1000, currency: "EUR", moduleKey: MODULE, metric: "exports", periodStart: "2026-03-01T00:00:00.000Z" } });
    expect(error.message).toMatch(/A tenant admin can raise or remove the cap in Settings/);
    expect(await h.db.prisma.auditEntry.count({ where: { tenantId: t.tenantId } })).toBe(audit);
    expect(await h.db.prisma.usageCounter.count({ where: { tenantId: t.tenantId } })).toBe(0);

    // Next month nothing is spent yet (the period's invoice came in March): usage counts again.
    h.clock.set(new Date("2026-04-02T00:00:00Z"));
    try {
      expect(await countedAction(scope)).toMatchObject({ counted: true, value: 1 });
    } finally {
      h.clock.set(new Date("2026-03-10T12:00:00Z"));
    }
  });

  it("40 concurrent increments at the edge of the cap: below it all count (usage has no price yet), at it none", async () => {
    const { t, scope } = await invoiced();
    await t.admin.usage.spendCap.set({ cap: 1001, currency: "EUR" });
    const below = await Promise.allSettled(Array.from({ length: 40 }, () => countedAction(scope)));
    expect(below.filter((r) => r.status === "fulfilled")).toHaveLength(40);
    expect((await t.admin.usage.spendCap.get()).spend).toBe(1000);

    await t.admin.usage.spendCap.set({ cap: 1000, currency: "EUR" });
    const at = await Promise.allSettled(Array.from({ length: 40 }, () => countedAction(scope)));
    expect(at.filter((r) => r.status === "fulfilled")).toHaveLength(0);
    for (const r of at) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "SPEND_CAP_REACHED" });
    const [counter] = await h.db.prisma.usageCounter.findMany({ where: { tenantId: t.tenantId } });
    expect(counter!.value).toBe(40);
  });

  it("counts a voided invoice as not spent", async () => {
    const { t, scope } = await invoiced();
    await t.admin.usage.spendCap.set({ cap: 1000, currency: "EUR" });
    const ops = await h.platformAdmin();
    const invoice = await h.db.prisma.invoice.findFirstOrThrow({ where: { tenantId: t.tenantId } });
    await ops.billing.admin.invoices.markVoid({ invoiceId: invoice.id });
    expect((await t.admin.usage.spendCap.get()).spend).toBe(0);
    expect(await countedAction(scope)).toMatchObject({ counted: true });
  });
});
