import { PERMISSION_NAMES } from "@tenancy/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../test/harness.js";
import { AppError } from "../../lib/app-error.js";
import { record } from "../../lib/record.js";
import { SYSTEM_ACTOR, tenantScope, type TenantScope } from "../../lib/scope.js";
import { incrementUsage } from "./meter.js";

let h: Harness;
let planId: string;
const MODULE = "usage_probe";
const text = (en: string) => ({ en, fr: `${en} (fr)` });

beforeAll(async () => {
  h = await createHarness();
  const ops = await h.platformAdmin();
  await ops.modules.create({
    key: MODULE,
    name: text("Usage Probe"),
    description: text("Counts things."),
    category: "integrations",
    icon: "plug",
    metrics: [
      { key: "api_calls", name: text("API calls"), resets: "monthly" },
      { key: "contacts", name: text("Contacts"), resets: "never" },
      { key: "exports", name: text("Exports"), resets: "monthly" },
    ],
  });
  planId = (
    await ops.modules.plans.create({ moduleKey: MODULE, code: "small", name: text("Small"), interval: "monthly", prices: { EUR: 1000 }, limits: { api_calls: 10, contacts: 5 } })
  ).id;
  await ops.modules.publish({ key: MODULE });
});
afterAll(async () => h?.close());

/** A tenant subscribed to the probe module, and a scope of its own as a service of another domain would get. */
async function subscribed() {
  const t = await h.makeTenant();
  await t.admin.subscriptions.subscribe({ planId });
  const scope = tenantScope(h.services, { tenantId: t.tenantId, timeZone: "Europe/Paris", actor: SYSTEM_ACTOR, permissions: PERMISSION_NAMES }, {
    ip: null,
    userAgent: null,
    requestId: null,
  });
  return { t, scope };
}

/** What a domain does: its own write and the usage increment in one transaction. */
function countedAction(scope: TenantScope, metric: string, by = 1) {
  return scope.db.$transaction(async (tx) => {
    await record(tx, scope, { type: "tenant.settings_updated", tenantId: scope.tenantId, target: { type: "tenant", id: scope.tenantId }, payload: { tenantId: scope.tenantId, fields: ["probe"] } });
    return incrementUsage(tx, scope, { moduleKey: MODULE, metric, by });
    // 40 of these queue on one counter row: on a loaded machine the wait for a pooled connection passes Prisma's 2 s default.
  }, { maxWait: 30_000, timeout: 30_000 });
}

const thresholdEvents = async (tenantId: string) =>
  (await h.db.prisma.event.findMany({ where: { tenantId, type: "usage.threshold_reached" }, orderBy: { position: "asc" } })).map((e) => e.payload as { metric: string; percent: number; value: number });

describe("usage", () => {
  it("counts per module, metric and month, with events at 80% and 100% of the limit", async () => {
    const { t, scope } = await subscribed();
    for (let i = 1; i <= 7; i++) expect(await countedAction(scope, "api_calls")).toEqual({ counted: true, value: i, limit: 10 });
    expect(await thresholdEvents(t.tenantId)).toEqual([]);
    await countedAction(scope, "api_calls"); // 8 of 10
    await countedAction(scope, "api_calls", 2); // 10 of 10
    expect((await thresholdEvents(t.tenantId)).map((e) => [e.percent, e.value])).toEqual([
      [80, 8],
      [100, 10],
    ]);
    expect(await countedAction(scope, "exports", 1000)).toEqual({ counted: true, value: 1000, limit: null }); // no limit set
    expect((await t.admin.usage.list()).items).toEqual([
      expect.objectContaining({ metric: "api_calls", value: 10, limit: 10, percent: 100, periodStart: new Date("2026-03-01T00:00:00Z") }),
      expect.objectContaining({ metric: "contacts", value: 0, limit: 5, periodStart: null }),
      expect.objectContaining({ metric: "exports", value: 1000, limit: null, percent: null }),
    ]);
  });

  it("refuses usage over the limit with a clear error, and the action's own writes with it", async () => {
    const { t, scope } = await subscribed();
    await countedAction(scope, "contacts", 5);
    const audit = await h.db.prisma.auditEntry.count({ where: { tenantId: t.tenantId } });
    const error = await countedAction(scope, "contacts").then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "USAGE_LIMIT_REACHED", details: { moduleKey: MODULE, metric: "contacts", limit: 5, current: 5 } });
    expect((error as Error).message).toMatch(/allows 5 contacts; the workspace has used 5\. A tenant admin can change to a plan with a higher limit\./);
    expect(await h.db.prisma.auditEntry.count({ where: { tenantId: t.tenantId } })).toBe(audit);
    expect((await t.admin.usage.list()).items.find((i) => i.metric === "contacts")).toMatchObject({ value: 5 });
  });

  it("monthly metrics start again each month; the others keep counting", async () => {
    const { scope } = await subscribed();
    await countedAction(scope, "api_calls", 10);
    await countedAction(scope, "contacts", 3);
    h.clock.set(new Date("2026-04-02T00:00:00Z"));
    try {
      expect(await countedAction(scope, "api_calls")).toMatchObject({ value: 1 });
      expect(await countedAction(scope, "contacts")).toMatchObject({ value: 4 });
    } finally {
      h.clock.set(new Date("2026-03-10T12:00:00Z"));
    }
  });

  it("does not count a deactivated or unsubscribed module", async () => {
    const { t, scope } = await subscribed();
    await t.admin.subscriptions.deactivate({ moduleKey: MODULE });
    expect(await countedAction(scope, "api_calls")).toEqual({ counted: false, value: 0, limit: null });
    expect(await h.db.prisma.usageCounter.count({ where: { tenantId: t.tenantId } })).toBe(0);
    expect((await t.admin.usage.list()).items[0]).toMatchObject({ counting: false, value: 0 });
  });

  it("40 concurrent increments against a limit of 10 count exactly 10", async () => {
    const { t, scope } = await subscribed();
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => countedAction(scope, "api_calls")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "USAGE_LIMIT_REACHED" });
    const [counter] = await h.db.prisma.usageCounter.findMany({ where: { tenantId: t.tenantId } });
    expect(counter!.value).toBe(10);
    expect((await thresholdEvents(t.tenantId)).map((e) => e.percent)).toEqual([80, 100]);
  });
});
