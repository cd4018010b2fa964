import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../test/harness.js";

let h: Harness;
let ops: Awaited<ReturnType<Harness["platformAdmin"]>>;
beforeAll(async () => {
  h = await createHarness();
  ops = await h.platformAdmin();
});
afterAll(async () => h?.close());

let n = 0;
const text = (en: string) => ({ en, fr: `${en} (fr)` });

async function makeModule(overrides: Record<string, unknown> = {}) {
  const key = `mod_${++n}`;
  return ops.modules.create({
    key,
    name: text(`Module ${n}`),
    description: text("Does useful things."),
    category: "productivity",
    icon: "puzzle",
    metrics: [{ key: "api_calls", name: text("API calls"), resets: "monthly" }],
    ...overrides,
  });
}

const plan = (moduleKey: string, overrides: Record<string, unknown> = {}) => ({
  moduleKey,
  code: "starter",
  name: text("Starter"),
  interval: "monthly" as const,
  prices: { EUR: 1900, USD: 2100 },
  trialDays: 14,
  limits: { api_calls: 10_000 },
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    return error as TRPCError;
  }
  throw new Error("expected the call to fail");
}

describe("modules (platform admin)", () => {
  it("creates a module as a draft, with its name in every UI language", async () => {
    const m = await makeModule();
    expect(m).toMatchObject({ status: "draft", name: { en: `Module ${n}`, fr: `Module ${n} (fr)` }, plans: [] });
    const error = await failure(ops.modules.create({ key: "x_fr_missing", name: { en: "Only English" } as never, description: text("d"), category: "productivity", icon: "puzzle" }));
    expect(error.code).toBe("BAD_REQUEST");
    // The contracts' message key, on the missing language's path.
    expect(JSON.parse(error.message)).toEqual([expect.objectContaining({ message: "text.everyLanguage", path: ["name", "fr"] })]);
  });

  it("refuses a duplicate key with MODULE_KEY_TAKEN", async () => {
    const m = await makeModule();
    const error = await failure(ops.modules.create({ key: m.key, name: text("Again"), description: text("d"), category: "productivity", icon: "puzzle" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain(m.key);
  });

  it("publishes a module only once it has a plan", async () => {
    const m = await makeModule();
    const error = await failure(ops.modules.publish({ key: m.key }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/at least one plan/);
    await ops.modules.plans.create(plan(m.key));
    expect(await ops.modules.publish({ key: m.key })).toMatchObject({ status: "published", publishedAt: h.clock.now() });
    expect((await failure(ops.modules.publish({ key: m.key }))).message).toMatch(/already published/);
  });

  it("refuses non-integer, negative, zero and unknown-currency prices, and changes nothing", async () => {
    const m = await makeModule();
    const before = await h.db.prisma.plan.count();
    for (const prices of [{ EUR: 19.5 }, { EUR: -100 }, { EUR: 0 }, { XYZ: 100 }, { eur: 100 }, {}]) {
      const error = await failure(ops.modules.plans.create(plan(m.key, { prices })));
      expect(error.code, JSON.stringify(prices)).toBe("BAD_REQUEST");
    }
    expect((await failure(ops.modules.plans.create(plan(m.key, { prices: { EUR: 19.5 } })))).message).toMatch(/price\.whole/);
    expect(await h.db.prisma.plan.count()).toBe(before);
  });

  it("refuses limits on metrics the module does not declare", async () => {
    const m = await makeModule();
    const error = await failure(ops.modules.plans.create(plan(m.key, { limits: { seats: 3 } })));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("seats");
  });

  it("refuses a second plan with the same code and interval, but takes the other interval", async () => {
    const m = await makeModule();
    await ops.modules.plans.create(plan(m.key));
    expect((await failure(ops.modules.plans.create(plan(m.key)))).code).toBe("CONFLICT");
    expect(await ops.modules.plans.create(plan(m.key, { interval: "annual", prices: { EUR: 19_000 } }))).toMatchObject({ interval: "annual", version: 1 });
  });

  it("a change of terms makes a new version; the old one stays as it was and is no longer the latest", async () => {
    const m = await makeModule();
    const v1 = await ops.modules.plans.create(plan(m.key));
    const v2 = await ops.modules.plans.newVersion({ planId: v1.id, prices: { EUR: 2500, USD: 2700 } });
    expect(v2).toMatchObject({ version: 2, latest: true, prices: { EUR: 2500, USD: 2700 }, trialDays: 14, limits: { api_calls: 10_000 } });
    expect(v2.id).not.toBe(v1.id);
    const listed = await ops.modules.get({ key: m.key });
    expect(listed.plans.map((p) => [p.version, p.latest, p.prices.EUR])).toEqual([
      [2, true, 2500],
      [1, false, 1900],
    ]);
    // Asking again from the old version builds on the newest one.
    const v3 = await ops.modules.plans.newVersion({ planId: v1.id, trialDays: 30 });
    expect(v3).toMatchObject({ version: 3, prices: { EUR: 2500, USD: 2700 }, trialDays: 30 });
    expect((await failure(ops.modules.plans.newVersion({ planId: v3.id, trialDays: 30 }))).message).toMatch(/Nothing to change/);
    expect((await failure(ops.modules.plans.newVersion({ planId: v3.id }))).code).toBe("BAD_REQUEST");
  });

  it("retires a plan (every version) and a module", async () => {
    const m = await makeModule();
    const v1 = await ops.modules.plans.create(plan(m.key));
    await ops.modules.plans.newVersion({ planId: v1.id, prices: { EUR: 2000 } });
    expect(await ops.modules.plans.retire({ planId: v1.id })).toMatchObject({ status: "retired" });
    expect(await h.db.prisma.plan.count({ where: { moduleKey: m.key, status: "active" } })).toBe(0);
    expect((await failure(ops.modules.plans.newVersion({ planId: v1.id, prices: { EUR: 1 } }))).code).toBe("CONFLICT");
    expect(await ops.modules.retire({ key: m.key })).toMatchObject({ status: "retired", retiredAt: h.clock.now() });
    expect((await failure(ops.modules.plans.create(plan(m.key, { code: "other" })))).message).toMatch(/retired/);
  });

  it("refuses unknown modules and plans with their NOT_FOUND codes", async () => {
    expect((await failure(ops.modules.publish({ key: "no_such_module" }))).code).toBe("NOT_FOUND");
    expect((await failure(ops.modules.plans.retire({ planId: "0190aaaa-0000-7000-8000-000000000000" }))).code).toBe("NOT_FOUND");
  });
});

describe("marketplace (tenant)", () => {
  it("lists published modules with the newest active plans, priced in the tenant's currency", async () => {
    const published = await makeModule();
    const starter = await ops.modules.plans.create(plan(published.key));
    const starter2 = await ops.modules.plans.newVersion({ planId: starter.id, prices: { EUR: 2400 } });
    await ops.modules.plans.create(plan(published.key, { code: "yen_only", prices: { JPY: 3000 } }));
    const retired = await ops.modules.plans.create(plan(published.key, { code: "old" }));
    await ops.modules.plans.retire({ planId: retired.id });
    await ops.modules.plans.create(plan(published.key, { code: "starter", interval: "annual", prices: { EUR: 24_000 } }));
    await ops.modules.publish({ key: published.key });
    const draft = await makeModule();
    await ops.modules.plans.create(plan(draft.key));

    const t = await h.makeTenant(); // EUR
    const market = await t.admin.modules.marketplace();
    expect(market).toMatchObject({ currency: "EUR", currencyDigits: 2 });
    expect(market.items.map((m) => m.key)).toContain(published.key);
    expect(market.items.map((m) => m.key)).not.toContain(draft.key);
    const item = market.items.find((m) => m.key === published.key)!;
    expect(item.plans.map((p) => [p.code, p.interval, p.version, p.price])).toEqual([
      ["starter", "monthly", 2, 2400],
      ["starter", "annual", 1, 24_000],
      ["yen_only", "monthly", 1, null],
    ]);
    expect(item.plans.find((p) => p.id === starter2.id)!.dailyPrice).toBeCloseTo((2400 * 12) / 365);
  });
});
