import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@tenancy/db";
import { testServerUrl } from "@tenancy/db/testing";
import type { TRPCError } from "@trpc/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_EMAIL, ADMIN_PASSWORD, createHarness, type Harness } from "../test/harness.js";
import { testEnv } from "./env.js";
import { main } from "./recover-admin.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

async function run(argv: string[], options: Parameters<typeof main>[1] = { env: h.env, db: h.db, clock: h.clock }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { ...options, out: (text) => out.push(text), err: (text) => err.push(text) });
  const password = /password: (\S+)/.exec(out.join("\n"))?.[1];
  return { code, out: out.join("\n"), err: err.join("\n"), password };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as TRPCError).code;
  }
  return "OK";
}

describe("pnpm admin:recover", () => {
  it("reactivates a deactivated, locked-out platform admin: new one-time password, sessions ended, throttle cleared, audited as the system", async () => {
    const before = await h.platformAdmin();
    const admin = await h.db.prisma.platformAdmin.update({ where: { email: ADMIN_EMAIL }, data: { status: "deactivated" }, select: { id: true } });
    for (let i = 0; i < 5; i++) await codeOf(h.caller({ ip: `198.18.7.${i}` }).auth.login({ email: ADMIN_EMAIL, password: "a forgotten password" }));
    expect(await codeOf(h.caller({ ip: "198.18.7.9" }).auth.login({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }))).toBe("TOO_MANY_REQUESTS");

    const result = await run([ADMIN_EMAIL.toUpperCase()]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/ops@example\.com is active again/);
    expect(result.password).toMatch(/^\w{5}-\w{5}-\w{5}-\w{5}$/);

    expect(await h.db.prisma.session.count({ where: { platformAdminId: admin.id } })).toBe(0);
    expect(await before.auth.me()).toBeNull();
    const after = h.caller({ ip: "198.18.7.9" });
    const { me } = await after.auth.login({ email: ADMIN_EMAIL, password: result.password! });
    expect(me).toMatchObject({ kind: "platform_admin", mustChangePassword: true });
    expect(await codeOf(after.platform.tenants.list({}))).toBe("FORBIDDEN");
    expect(await codeOf(h.caller().auth.login({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }))).toBe("UNAUTHORIZED");

    const entry = await h.db.prisma.auditEntry.findFirst({ where: { action: "platform_admin.recovered", targetId: admin.id } });
    expect(entry).toMatchObject({ actorType: "system", actorName: "system", tenantId: null, success: true });
    expect(entry?.changes).toMatchObject({ status: { from: "deactivated", to: "active" }, password: "reset", sessions: "ended" });
    expect(await h.db.prisma.event.count({ where: { type: "platform_admin.recovered" } })).toBe(1);
    // Back to a known password for the rest of the file.
    await after.auth.changePassword({ currentPassword: result.password!, newPassword: ADMIN_PASSWORD });
  });

  it("creates the platform admin when it does not exist, with the given name", async () => {
    const result = await run(["night-ops@example.com", "--name", "Night Ops"]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/night-ops@example\.com created/);
    const created = await h.db.prisma.platformAdmin.findUnique({ where: { email: "night-ops@example.com" }, select: { name: true, status: true, mustChangePassword: true } });
    expect(created).toEqual({ name: "Night Ops", status: "active", mustChangePassword: true });
    await expect(h.caller().auth.login({ email: "night-ops@example.com", password: result.password! })).resolves.toBeTruthy();
  });

  it("explains its arguments when they are wrong", async () => {
    expect(await run([])).toMatchObject({ code: 2, err: expect.stringMatching(/^Usage: pnpm admin:recover <email>/) });
    expect(await run(["not-an-email"])).toMatchObject({ code: 2, err: expect.stringMatching(/not-an-email is not an e-mail address/) });
    expect(await run(["a@example.com", "--name"])).toMatchObject({ code: 2, err: expect.stringMatching(/--name needs a value/) });
    expect(await run(["a@example.com", "--force"])).toMatchObject({ code: 2, err: expect.stringMatching(/Unknown option --force/) });
  });
});

describe("pnpm admin:recover on the embedded database", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "tenancy-recover-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("tells the user to stop the server while it holds the data folder", async () => {
    // A running process (here the test runner's parent) holds the lock, as the server would.
    writeFileSync(join(dataDir, "tenancy.lock"), String(process.ppid));
    try {
      const result = await run(["ops@example.com"], { env: testEnv({ DATA_DIR: dataDir }) });
      expect(result.code).toBe(1);
      expect(result.err).toMatch(new RegExp(`in use by process ${process.ppid}, most likely the running server`));
      expect(result.err).toMatch(/Stop the server, run this command again, then start the server/);
      expect(result.out).toBe("");
    } finally {
      rmSync(join(dataDir, "tenancy.lock"), { force: true });
    }
  });

  it("opens DATA_DIR itself (migrating it) when nothing holds it, and releases it", async () => {
    const result = await run(["first@example.com"], { env: testEnv({ DATA_DIR: dataDir }) });
    expect(result.code).toBe(0);
    const db = await openDatabase({ kind: "pglite", dataDir });
    try {
      expect(await db.prisma.platformAdmin.findMany({ select: { email: true, mustChangePassword: true } })).toEqual([{ email: "first@example.com", mustChangePassword: true }]);
      expect(await db.prisma.auditEntry.count({ where: { action: "platform_admin.recovered", actorType: "system" } })).toBe(1);
    } finally {
      await db.close();
    }
  });
});

describe.skipIf(!testServerUrl())("pnpm admin:recover with DATABASE_URL", () => {
  it("recovers on the PostgreSQL server, and refuses while migrations are pending", async () => {
    const server = testServerUrl()!;
    const name = `tenancy_recover_${Date.now()}`;
    const url = new URL(server);
    url.pathname = `/${name}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const pending = await run(["ops@example.com"], { env: testEnv({ DATABASE_URL: url.toString() }) });
      expect(pending).toMatchObject({ code: 1, err: expect.stringMatching(/pending migration\(s\).*Run: pnpm db:deploy/) });
      await (await openDatabase({ kind: "postgres", url: url.toString() }, { runMigrations: true })).close();
      const result = await run(["ops@example.com"], { env: testEnv({ DATABASE_URL: url.toString() }) });
      expect(result).toMatchObject({ code: 0, out: expect.stringMatching(/ops@example\.com created/) });
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
