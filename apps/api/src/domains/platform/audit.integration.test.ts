// The platform audit log: which entries it holds (platform-level ones and platform admins' actions inside
// tenants, never a tenant user's own), names rather than ids, the tenant audit log's filters with days in a
// given time zone, keyset pages, bad input, and the CSV export with its access rules.
import type { TRPCError } from "@trpc/server";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../test/harness.js";
import { createServer } from "../../server.js";

let h: Harness;
let ops: Awaited<ReturnType<Harness["platformAdmin"]>>;
let opsId: string;
let tenant: Awaited<ReturnType<Harness["makeTenant"]>>;
let colleagueId: string;

async function fails(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    return error as TRPCError;
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  h = await createHarness();
  ops = await h.platformAdmin();
  opsId = (await ops.auth.me())!.id;
  h.clock.set(new Date("2026-03-09T12:00:00Z"));
  tenant = await h.makeTenant({ slug: "audited-bistro", name: "Audited Bistro" });
  // A tenant user's own action: the tenant's audit log has it, the platform's must not.
  const roleIds = (await tenant.admin.roles.list()).items.map((r) => r.id);
  await tenant.admin.users.create({ email: "waiter@audited-bistro.example", name: "Waiter", roleIds });
  // 2026-03-10 23:30 UTC is already 2026-03-11 in Paris.
  h.clock.set(new Date("2026-03-10T23:30:00Z"));
  await ops.platform.tenants.suspend({ tenantId: tenant.tenantId, reason: "Unpaid invoices since January" });
  h.clock.set(new Date("2026-03-12T09:00:00Z"));
  const { admin } = await ops.platform.admins.create({ email: "colleague@example.com", name: "Colleague Admin" });
  colleagueId = admin.id;
  await ops.platform.admins.resetPassword({ adminId: colleagueId });
  await ops.platform.admins.deactivate({ adminId: colleagueId });
});
afterAll(async () => h?.close());

describe("platform audit log", () => {
  it("holds platform-level entries and platform admins' actions inside tenants, named, never a tenant user's own action", async () => {
    const { items } = await ops.platform.audit.list({ limit: 100 });
    const actions = items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["tenant.created", "tenant.suspended", "platform_admin.created", "platform_admin.password_reset", "platform_admin.deactivated", "session.created"]),
    );
    expect(actions).not.toContain("user.created");
    // A tenant admin's own sign-in is the tenant's business.
    expect(items.filter((e) => e.action === "session.created").every((e) => e.tenantId === null)).toBe(true);
    for (const entry of items) expect(entry.tenantId === null || entry.actor.type === "platform_admin", entry.action).toBe(true);

    const created = items.find((e) => e.action === "tenant.created")!;
    expect(created).toMatchObject({ actor: { id: opsId, name: "Platform admin" }, target: { type: "tenant", name: "Audited Bistro" } });
    expect(created.tenant).toEqual({ id: tenant.tenantId, slug: "audited-bistro", name: "Audited Bistro" });
    const reset = items.find((e) => e.action === "platform_admin.password_reset")!;
    expect(reset).toMatchObject({ tenant: null, target: { type: "platform_admin", id: colleagueId, name: "colleague@example.com" } });
    // Newest first.
    const times = items.map((e) => e.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("records a tenant's suspension with its reason, which the entry and the tenant show until reactivation", async () => {
    const [entry] = (await ops.platform.audit.list({ action: "tenant.suspended" })).items;
    expect(entry).toMatchObject({ tenant: { name: "Audited Bistro" }, changes: { status: { from: "active", to: "suspended" }, reason: "Unpaid invoices since January" } });
    expect(await ops.platform.tenants.get({ tenantId: tenant.tenantId })).toMatchObject({ status: "suspended", suspensionReason: "Unpaid invoices since January" });
    const event = await h.db.prisma.event.findFirstOrThrow({ where: { type: "tenant.suspended", tenantId: tenant.tenantId } });
    expect(event.payload).toMatchObject({ reason: "Unpaid invoices since January" });
    await ops.platform.tenants.reactivate({ tenantId: tenant.tenantId });
    expect(await ops.platform.tenants.get({ tenantId: tenant.tenantId })).toMatchObject({ status: "active", suspensionReason: null, suspendedAt: null });
    // Suspended without a reason: none shown.
    await ops.platform.tenants.suspend({ tenantId: tenant.tenantId, reason: "" });
    expect((await ops.platform.tenants.get({ tenantId: tenant.tenantId })).suspensionReason).toBeNull();
    await ops.platform.tenants.reactivate({ tenantId: tenant.tenantId });
  });

  it("filters by action, actor, target, target type, module and days in the given time zone, combined", async () => {
    const byTarget = await ops.platform.audit.list({ targetId: colleagueId });
    expect(byTarget.items.map((e) => e.action).sort()).toEqual(["platform_admin.created", "platform_admin.deactivated", "platform_admin.password_reset"]);
    const combined = await ops.platform.audit.list({ targetId: colleagueId, actorId: opsId, action: "platform_admin.password_reset", module: "platform", targetType: "platform_admin" });
    expect(combined.items).toHaveLength(1);
    expect((await ops.platform.audit.list({ targetId: colleagueId, actorId: colleagueId })).items).toHaveLength(0);
    expect((await ops.platform.audit.list({ targetType: "tenant", action: "tenant.created" })).items.map((e) => e.target.name)).toEqual(["Audited Bistro"]);

    // The suspension at 2026-03-10 23:30 UTC: the 11th in Paris, the 10th in UTC (the default).
    const suspensions = (input: { from?: string; to?: string; timeZone?: string }) =>
      ops.platform.audit.list({ action: "tenant.suspended", ...input }).then((page) => page.items.filter((e) => e.createdAt.toISOString() === "2026-03-10T23:30:00.000Z"));
    expect(await suspensions({ from: "2026-03-11", to: "2026-03-11", timeZone: "Europe/Paris" })).toHaveLength(1);
    expect(await suspensions({ from: "2026-03-11", to: "2026-03-11" })).toHaveLength(0);
    expect(await suspensions({ from: "2026-03-10", to: "2026-03-10", timeZone: "UTC" })).toHaveLength(1);
    expect(await suspensions({ to: "2026-03-10", timeZone: "Europe/Paris" })).toHaveLength(0);
    expect((await ops.platform.audit.list({ from: "2026-03-12", timeZone: "Europe/Paris" })).items.every((e) => e.createdAt >= new Date("2026-03-11T23:00:00Z"))).toBe(true);
  });

  it("pages with keyset cursors through every entry exactly once, also with a filter", async () => {
    for (const filter of [{}, { module: "platform" }]) {
      const all = await ops.platform.audit.list({ ...filter, limit: 100 });
      expect(all.nextCursor).toBeNull();
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await ops.platform.audit.list({ ...filter, limit: 2, cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(all.items.map((e) => e.id));
      expect(seen.length, "more than one page").toBeGreaterThan(2);
    }
  });

  it("refuses bad input with BAD_REQUEST: an inverted range, an unknown time zone, a malformed date or cursor, a page too large", async () => {
    for (const input of [
      { from: "2026-03-12", to: "2026-03-01" },
      { from: "2026-03-01", timeZone: "Mars/Olympus" },
      { from: "2026-02-30" },
      { cursor: "bm90LWEtY3Vyc29y" },
      { limit: 1000 },
    ]) {
      expect((await fails(ops.platform.audit.list(input))).code, JSON.stringify(input)).toBe("BAD_REQUEST");
    }
  });

  it("is for platform admins only", async () => {
    const t = await h.makeTenant();
    expect((await fails(t.admin.platform.audit.list({}))).code).toBe("FORBIDDEN");
    expect((await fails(h.caller().platform.audit.list({}))).code).toBe("UNAUTHORIZED");
  });
});

describe("platform audit CSV export", () => {
  it("streams the filtered platform log as CSV with the tenant export's columns, records the export, and refuses others", async () => {
    const server = await createServer({ env: h.env, db: h.db, clock: h.clock, log: pino({ level: "silent" }) });
    try {
      const signIn = async (payload: Record<string, string>) => {
        const res = await server.app.inject({
          method: "POST",
          url: "/trpc/auth.login",
          headers: { "content-type": "application/json", origin: "http://localhost", host: "localhost" },
          payload: JSON.stringify({ json: payload }),
        });
        return String(res.headers["set-cookie"]).split(";")[0]!;
      };
      const cookie = await signIn({ email: "ops@example.com", password: "platform-admin-pass-1" });
      const exportOf = (query: string, headers: Record<string, string> = { cookie }) => server.app.inject({ url: `/api/platform/audit/export.csv${query}`, headers });

      const res = await exportOf(`?targetId=${colleagueId}&timeZone=Europe%2FParis`);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/text\/csv/);
      expect(res.headers["content-disposition"]).toMatch(/audit-log-platform-\d{4}-\d{2}-\d{2}\.csv/);
      const lines = res.body.replace(/^\uFEFF/, "").trim().split("\r\n");
      expect(lines[0]).toMatch(/^Entry id,Time \(UTC\),Time \(Europe\/Paris\),Event,Event code/);
      expect(lines).toHaveLength(4);
      expect(lines.slice(1).every((line) => line.includes("colleague@example.com"))).toBe(true);
      // Local times in the filters' time zone: 09:00 UTC is 10:00 in Paris.
      expect(res.body).toContain("2026-03-12 10:00:00");
      const suspension = await exportOf("?action=tenant.suspended&from=2026-03-10&to=2026-03-10");
      expect(suspension.body).toContain("Unpaid invoices since January");

      const exports = await ops.platform.audit.list({ action: "audit.exported" });
      expect(exports.items.length).toBe(2);
      expect(exports.items[0]).toMatchObject({ tenantId: null, actor: { id: opsId }, target: { type: "audit_log" } });

      expect((await exportOf("", {})).statusCode).toBe(401);
      expect((await exportOf("?from=yesterday")).statusCode).toBe(400);
      expect((await exportOf("?timeZone=Nowhere%2FLand")).statusCode).toBe(400);
      const t = await h.makeTenant();
      const tenantCookie = await signIn({ email: t.adminEmail, password: t.adminPassword, workspace: t.slug });
      const refused = await exportOf("", { cookie: tenantCookie });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).not.toContain("colleague@example.com");
      // Refused exports are not recorded.
      expect((await ops.platform.audit.list({ action: "audit.exported" })).items.length).toBe(2);
    } finally {
      await server.stop();
    }
  });
});
