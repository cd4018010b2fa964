// The module walk: every procedure whose meta names a module, found from the router itself, is closed with
// FORBIDDEN (MODULE_INACTIVE) naming the module to a tenant whose subscription to it is missing, ended or
// deactivated, and open while it is trialing, active or past_due and activated. Like the permission walk,
// a new module procedure is covered without being listed here.
import { PRODUCT_MODULES } from "@tenancy/contracts";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModule, type TestModule } from "./catalog.js";
import { createHarness, type Harness } from "./harness.js";
import { callPath, discoverProcedures, generateInput, Rng, type ProcedureInfo } from "./procedures.js";

const procedures = discoverProcedures();
const gated = procedures.filter((p) => p.meta?.module);

let h: Harness;
const modules = new Map<string, TestModule>();
beforeAll(async () => {
  h = await createHarness();
  for (const key of new Set(gated.map((p) => p.meta!.module!))) modules.set(key, await makeModule(h, { key }));
});
afterAll(async () => h?.close());

const pools = { ids: [], texts: [], cursors: [], dates: [] };
/** A plausible input (every id a random UUID): the gate runs before the procedure's own checks. */
const inputFor = (info: ProcedureInfo) => generateInput(info, { rng: new Rng(7), pools, id: "0190aaaa-0000-7000-8000-000000000000" });

async function outcome(caller: ReturnType<Harness["caller"]>, info: ProcedureInfo) {
  try {
    await callPath(caller, info.path, inputFor(info));
    return { code: "OK", message: "", dataCode: null };
  } catch (error) {
    const e = error as TRPCError & { cause?: { code?: string } };
    return { code: e.code, message: e.message, dataCode: e.cause?.code ?? null };
  }
}

/** Every gated procedure is refused by the gate (naming its module) or not, as `closed` says. */
async function expectGate(caller: ReturnType<Harness["caller"]>, closed: boolean, only?: string) {
  for (const info of gated.filter((p) => !only || p.meta!.module === only)) {
    const result = await outcome(caller, info);
    if (closed) {
      expect(result, info.path).toMatchObject({ code: "FORBIDDEN", dataCode: "MODULE_INACTIVE" });
      expect(result.message, info.path).toContain(`"${info.meta!.module}" module is not active`);
    } else {
      expect(result.dataCode, `${info.path}: ${result.message}`).not.toBe("MODULE_INACTIVE");
    }
  }
}

describe("module walk", () => {
  it("finds the module procedures: tenant procedures carrying the gate, naming a product module", () => {
    expect(gated.map((p) => p.path)).toContain("integrations.ping");
    for (const p of gated) {
      expect(p.access, p.path).toBe("tenant");
      expect(p.moduleGated, p.path).toBe(true);
      expect(PRODUCT_MODULES, p.path).toContain(p.meta!.module);
    }
    // Every tenant procedure goes through the gate, so a module named later is enforced without more wiring.
    for (const p of procedures.filter((q) => q.access === "tenant")) expect(p.moduleGated, p.path).toBe(true);
  });

  it("closes every module procedure to a tenant without a subscription, even its admin holding every permission", async () => {
    const t = await h.makeTenant();
    await expectGate(t.admin, true);
  });

  it("opens them during a trial and a paid subscription, closes them when deactivated or ended, and reopens them", async () => {
    for (const [key, m] of modules) {
      const t = await h.makeTenant();
      await t.admin.subscriptions.startTrial({ planId: m.plans.basic });
      await expectGate(t.admin, false, key);
      await t.admin.subscriptions.deactivate({ moduleKey: key });
      await expectGate(t.admin, true, key);
      expect((await outcome(t.admin, gated.find((p) => p.meta!.module === key)!)).message).toMatch(/deactivated/);
      await t.admin.subscriptions.activate({ moduleKey: key });
      await expectGate(t.admin, false, key);

      const sub = await h.db.prisma.subscription.findFirstOrThrow({ where: { tenantId: t.tenantId, moduleKey: key } });
      for (const [status, closed] of [["expired", true], ["canceled", true], ["past_due", false], ["active", false]] as const) {
        await h.db.prisma.subscription.update({ where: { id: sub.id }, data: { status } });
        await expectGate(t.admin, closed, key);
      }
      // Another tenant's subscription opens nothing.
      const other = await h.makeTenant();
      await expectGate(other.admin, true, key);
    }
  });

  it("subscriptions.modules tells every user of the workspace what the gate decides, and why a module is closed", async () => {
    for (const [key, m] of modules) {
      const t = await h.makeTenant();
      const access = async () => (await t.admin.subscriptions.modules()).items.find((item) => item.moduleKey === key);
      expect(await access()).toEqual({ moduleKey: key, open: false, reason: "not_subscribed" });
      await t.admin.subscriptions.startTrial({ planId: m.plans.basic });
      expect(await access()).toEqual({ moduleKey: key, open: true, reason: null });
      await t.admin.subscriptions.deactivate({ moduleKey: key });
      expect(await access()).toEqual({ moduleKey: key, open: false, reason: "deactivated" });
      await expectGate(t.admin, true, key);
      const sub = await h.db.prisma.subscription.findFirstOrThrow({ where: { tenantId: t.tenantId, moduleKey: key } });
      await h.db.prisma.subscription.update({ where: { id: sub.id }, data: { status: "expired", moduleActive: true } });
      expect(await access()).toEqual({ moduleKey: key, open: false, reason: "trial_expired" });
      await h.db.prisma.subscription.update({ where: { id: sub.id }, data: { status: "canceled" } });
      expect(await access()).toEqual({ moduleKey: key, open: false, reason: "canceled" });
    }
  });
});
