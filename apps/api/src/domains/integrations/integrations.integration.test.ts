import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../test/harness.js";

let h: Harness;
let planId: string;
const text = (en: string) => ({ en, fr: `${en} (fr)` });

beforeAll(async () => {
  h = await createHarness();
  const ops = await h.platformAdmin();
  await ops.modules.create({
    key: "integrations",
    name: text("Integrations"),
    description: text("Partners, API keys and webhooks."),
    category: "integrations",
    icon: "plug",
    metrics: [{ key: "api_calls", name: text("API calls"), resets: "monthly" }],
  });
  planId = (await ops.modules.plans.create({ moduleKey: "integrations", code: "tiny", name: text("Tiny"), interval: "monthly", prices: { EUR: 500 }, limits: { api_calls: 3 } })).id;
  await ops.modules.publish({ key: "integrations" });
});
afterAll(async () => h?.close());

const apiCalls = async (tenantId: string) => (await h.db.prisma.usageCounter.findFirst({ where: { tenantId, moduleKey: "integrations", metric: "api_calls" } }))?.value ?? 0;

describe("integrations usage", () => {
  it("each call of integrations.ping is one api_call; over the plan's limit it is refused with USAGE_LIMIT_REACHED and writes nothing", async () => {
    const t = await h.makeTenant();
    await t.admin.subscriptions.subscribe({ planId });
    for (let i = 1; i <= 3; i++) {
      expect(await t.admin.integrations.ping()).toEqual({ module: "integrations", open: true });
      expect(await apiCalls(t.tenantId)).toBe(i);
    }
    const events = await h.db.prisma.event.count({ where: { tenantId: t.tenantId } });
    await expect(t.admin.integrations.ping()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", cause: { code: "USAGE_LIMIT_REACHED", details: { metric: "api_calls", limit: 3, current: 3 } } });
    expect(await apiCalls(t.tenantId)).toBe(3);
    expect(await h.db.prisma.event.count({ where: { tenantId: t.tenantId } })).toBe(events);
  });

  it("40 concurrent calls against a limit of 3: exactly 3 answer", async () => {
    const t = await h.makeTenant();
    await t.admin.subscriptions.subscribe({ planId });
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => t.admin.integrations.ping()));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ cause: { code: "USAGE_LIMIT_REACHED" } });
    expect(await apiCalls(t.tenantId)).toBe(3);
  });
});
