import type { TRPCError } from "@trpc/server";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../test/harness.js";
import { purgeExpiredAuditEntries } from "../../jobs/retention.js";
import { sealAuditEntries } from "../../jobs/seal-audit.js";
import { tenantScope } from "../../lib/scope.js";
import { createServer } from "../../server.js";
import * as audit from "./service.js";

let h: Harness;
let t: Awaited<ReturnType<Harness["makeTenant"]>>;
let viewerRoleId: string;

beforeAll(async () => {
  h = await createHarness();
  t = await h.makeTenant();
  viewerRoleId = (await t.admin.roles.create({ name: "Auditor", permissions: ["audit.read"] })).id;
});
afterAll(async () => h?.close());

const seal = () => sealAuditEntries(h.db.prisma, h.clock);
const tamper = async (sql: string) => {
  // Behind the API's back, as someone with direct database access would: bypass the append-only trigger.
  await h.db.sql.exec(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only_row; ${sql}; ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only_row;`);
};

describe("audit log", () => {
  it("filters by action, module, actor, target and date range in the tenant's time zone, combined", async () => {
    // 2026-03-10 23:30 UTC is already 2026-03-11 in Paris.
    h.clock.set(new Date("2026-03-10T23:30:00Z"));
    const { user } = await t.admin.users.create({ email: "filter@example.com", name: "Filter", roleIds: [viewerRoleId] });
    h.clock.set(new Date("2026-03-12T10:00:00Z"));
    await t.admin.users.deactivate({ userId: user.id });

    const onEleventh = await t.admin.audit.list({ from: "2026-03-11", to: "2026-03-11" });
    expect(onEleventh.items.map((e) => e.action)).toEqual(["user.created"]);
    const deactivations = await t.admin.audit.list({ action: "user.deactivated", targetId: user.id, actorId: t.adminId, module: "core" });
    expect(deactivations.items).toHaveLength(1);
    expect(deactivations.items[0]).toMatchObject({ crud: "u", actor: { id: t.adminId, type: "user" }, target: { id: user.id }, changes: { status: { from: "active", to: "deactivated" } } });
    expect(deactivations.items[0]!.ip).toBe("203.0.113.7");
    expect((await t.admin.audit.list({ action: "user.deactivated", from: "2026-03-13" })).items).toHaveLength(0);
    const detail = await t.admin.audit.get({ entryId: deactivations.items[0]!.id });
    expect(detail.userAgent).toBe("vitest");
  });

  it("pages with keyset cursors through every entry exactly once", async () => {
    const all = await t.admin.audit.list({ limit: 100 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.admin.audit.list({ limit: 3, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e) => e.id));
  });

  it("refuses an inverted date range", async () => {
    const error = (await t.admin.audit.list({ from: "2026-03-12", to: "2026-03-01" }).catch((e) => e)) as TRPCError;
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("is append-only: the database refuses updates and deletes", async () => {
    const entry = await h.db.prisma.auditEntry.findFirstOrThrow({ where: { tenantId: t.tenantId } });
    await expect(h.db.prisma.auditEntry.update({ where: { id: entry.id }, data: { action: "forged" } })).rejects.toThrow(/append-only/);
    await expect(h.db.prisma.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    await expect(h.db.sql.exec("TRUNCATE audit_entries")).rejects.toThrow(/append-only/);
  });

  it("verifies the hash chain, reports unsealed entries, and catches an edit made behind the API's back", async () => {
    const before = await t.admin.audit.verify();
    expect(before.unsealed).toBeGreaterThan(0);
    await seal();
    const sealed = await t.admin.audit.verify();
    expect(sealed).toMatchObject({ ok: true, unsealed: 0, firstBroken: null });
    expect(sealed.checked).toBeGreaterThan(3);

    const victim = await h.db.prisma.auditEntry.findFirstOrThrow({ where: { tenantId: t.tenantId, seq: 3n } });
    await tamper(`UPDATE audit_entries SET "actorName" = 'Someone else' WHERE id = '${victim.id}'`);
    const broken = await t.admin.audit.verify();
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toMatchObject({ seq: "3", entryId: victim.id });
    expect(broken.firstBroken!.reason).toMatch(/changed/);
    await tamper(`UPDATE audit_entries SET "actorName" = ${victim.actorName === null ? "NULL" : `'${victim.actorName.replace(/'/g, "''")}'`} WHERE id = '${victim.id}'`);
    expect((await t.admin.audit.verify()).ok).toBe(true);
  });

  it("verifies in bounded pages: each call walks at most a page and says where the next one continues", async () => {
    const p = await h.makeTenant();
    for (let i = 0; i < 4; i++) await p.admin.users.updateProfile({ name: `Pager ${i}` });
    await seal();
    const total = await h.db.prisma.auditEntry.count({ where: { tenantId: p.tenantId } });
    const scope = tenantScope(h.services, { tenantId: p.tenantId, timeZone: "Europe/Paris", actor: { type: "user", id: p.adminId, name: "A" }, permissions: ["audit.read"] }, { ip: null, userAgent: null, requestId: null });
    const walk = async () => {
      const pages = [];
      let fromSeq: bigint | undefined;
      for (;;) {
        const page = await audit.verify(scope, { fromSeq, pageSize: 3 });
        pages.push(page);
        if (!page.nextSeq) return pages;
        fromSeq = BigInt(page.nextSeq);
      }
    };
    const pages = await walk();
    expect(pages.every((page) => page.checked <= 3 && page.ok)).toBe(true);
    expect(pages.reduce((sum, page) => sum + page.checked, 0)).toBe(total);
    expect(pages.length).toBe(Math.ceil(total / 3));
    // A change in a later page is found by the page that walks it.
    const victim = await h.db.prisma.auditEntry.findFirstOrThrow({ where: { tenantId: p.tenantId, seq: BigInt(total - 1) } });
    await tamper(`UPDATE audit_entries SET "actorName" = 'Forged' WHERE id = '${victim.id}'`);
    const last = (await walk()).at(-1)!;
    expect(last).toMatchObject({ ok: false, nextSeq: null, firstBroken: { seq: String(total - 1), entryId: victim.id } });
    // Through the API: a short chain is one page; a malformed continuation point is refused.
    expect((await p.admin.audit.verify()).nextSeq).toBeNull();
    await expect(p.admin.audit.verify({ fromSeq: "-1" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(p.admin.audit.verify({ fromSeq: String(total + 2) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("catches a deleted entry", async () => {
    const other = await h.makeTenant();
    await seal();
    const victim = await h.db.prisma.auditEntry.findFirstOrThrow({ where: { tenantId: other.tenantId, seq: 2n } });
    await tamper(`DELETE FROM audit_entries WHERE id = '${victim.id}'`);
    const report = await other.admin.audit.verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: "2" });
    expect(report.firstBroken!.reason).toMatch(/missing/);
  });

  it("retention purges old sealed entries, records the purge point, and the rest still verifies", async () => {
    const r = await h.makeTenant();
    await r.admin.settings.update({ compliance: { auditRetentionDays: 30 } });
    await seal();
    const total = await h.db.prisma.auditEntry.count({ where: { tenantId: r.tenantId } });
    h.clock.advance(40 * 24 * 3600 * 1000);
    const admin = h.caller();
    await admin.auth.login({ email: r.adminEmail, password: r.adminPassword, workspace: r.slug });
    const roleIds = (await admin.roles.list()).items.map((x) => x.id);
    await admin.users.create({ email: "recent@example.com", name: "Recent", roleIds });
    await seal();
    const deleted = await purgeExpiredAuditEntries(h.services);
    expect(deleted).toBeGreaterThanOrEqual(total);
    await seal();
    const report = await admin.audit.verify();
    expect(report).toMatchObject({ ok: true, unsealed: 0 });
    expect(Number(report.purgedThroughSeq)).toBeGreaterThanOrEqual(total);
    expect((await admin.audit.list({ action: "audit.purged" })).items).toHaveLength(1);
    expect((await admin.audit.list({ action: "user.created" })).items.map((e) => e.target.name)).toEqual(["recent@example.com"]);
  });
});

describe("CSV export", () => {
  it("streams the filtered log as CSV, masks personal data when the tenant asks, and neutralises formulas", async () => {
    const server = await createServer({ env: h.env, db: h.db, clock: h.clock, log: pino({ level: "silent" }) });
    const x = await h.makeTenant({ language: "en" });
    await x.admin.users.updateProfile({ name: "=HYPERLINK(1)" });
    await x.admin.users.create({ email: "cmd@example.com", name: "Cmd", roleIds: (await x.admin.roles.list()).items.map((r) => r.id) });
    const login = await server.app.inject({
      method: "POST",
      url: "/trpc/auth.login",
      headers: { "content-type": "application/json", origin: "http://localhost", host: "localhost" },
      payload: JSON.stringify({ json: { email: x.adminEmail, password: x.adminPassword, workspace: x.slug } }),
    });
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    const res = await server.app.inject({ url: "/api/audit/export.csv?action=user.created", headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/csv/);
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(h.clock.now());
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="audit-log-${x.slug}-${day}.csv"`);
    expect(res.body.startsWith("\uFEFF")).toBe(true);
    const lines = res.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toMatch(/^Entry id,Time \(UTC\),Time \(Europe\/Paris\),Event,Event code,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(",User created,user.created,");
    expect(lines[1]).toContain(",'=HYPERLINK(1),");
    expect(lines[1]).toContain("cmd@example.com");
    expect(lines[1]).not.toMatch(/,=/);

    // A French workspace gets French headers and words, separated by ";" (French writes 1,5), accents intact.
    await x.admin.settings.update({ localization: { language: "fr" } });
    const inFrench = await server.app.inject({ url: "/api/audit/export.csv?action=user.created", headers: { cookie } });
    expect(inFrench.statusCode).toBe(200);
    expect(inFrench.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const frenchLines = inFrench.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(frenchLines[0]).toMatch(/^Identifiant de l'entrée;Heure \(UTC\);Heure \(Europe\/Paris\);Événement;Code de l'événement;/);
    expect(frenchLines[1]).toContain(";Utilisateur créé;user.created;Création;Socle;Utilisateur;");
    expect(frenchLines[1]).toContain(";Réussite;");
    await x.admin.settings.update({ localization: { language: "en" } });

    await x.admin.settings.update({ compliance: { maskPersonalDataInExports: true } });
    const masked = await server.app.inject({ url: "/api/audit/export.csv?action=user.created", headers: { cookie } });
    expect(masked.body).not.toContain("cmd@example.com");
    expect(masked.body).toContain(",'=***,");
    expect(masked.body).toContain("c***@example.com");
    expect((await x.admin.audit.list({ action: "audit.exported" })).items.length).toBeGreaterThanOrEqual(1);

    expect((await server.app.inject({ url: "/api/audit/export.csv" })).statusCode).toBe(401);
    expect((await server.app.inject({ url: "/api/audit/export.csv?from=yesterday", headers: { cookie } })).statusCode).toBe(400);
    await server.stop();
  });
});
