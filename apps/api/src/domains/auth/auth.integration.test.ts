import { TRPCError } from "@trpc/server";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ADMIN_EMAIL, ADMIN_PASSWORD, createHarness, type Harness } from "../../../test/harness.js";
import { testEnv } from "../../env.js";
import * as passwords from "../../lib/passwords.js";
import { createServer } from "../../server.js";
import { formatError } from "../../trpc/errors.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());
afterEach(() => {
  vi.restoreAllMocks();
});

async function errorOf(promise: Promise<unknown>): Promise<TRPCError & { cause?: { code?: string; details?: Record<string, unknown> } }> {
  try {
    await promise;
  } catch (error) {
    return error as TRPCError;
  }
  throw new Error("expected the call to fail");
}

describe("login", () => {
  it("a platform admin logs in, gets a session cookie and sees who they are", async () => {
    const c = h.caller();
    const { me } = await c.auth.login({ email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD });
    expect(me).toMatchObject({ kind: "platform_admin", email: ADMIN_EMAIL, tenant: null, mustChangePassword: false });
    const token = c.cookies.values.session!;
    expect(token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{32}$/);
    const stored = await h.db.prisma.session.findUnique({ where: { id: token.split(".")[0] } });
    expect(stored?.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.secretHash).not.toContain(token.split(".")[1]);
    expect(await c.auth.me()).toMatchObject({ email: ADMIN_EMAIL });
  });

  it("wrong password, unknown e-mail and unknown workspace all get the same answer", async () => {
    const messages = new Set<string>();
    for (const input of [
      { email: ADMIN_EMAIL, password: "not the password at all" },
      { email: "nobody@example.com", password: "not the password at all" },
      { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, workspace: "no-such-workspace" },
    ]) {
      const error = await errorOf(h.caller({ ip: `198.51.100.${messages.size + 10}` }).auth.login(input));
      expect(error.code).toBe("UNAUTHORIZED");
      messages.add(error.message);
    }
    expect(messages.size).toBe(1);
  });

  it("records failed logins in the audit log with success=false", async () => {
    await errorOf(h.caller({ ip: "198.51.100.99" }).auth.login({ email: "ghost@example.com", password: "whatever-it-is" }));
    const entry = await h.db.prisma.auditEntry.findFirst({ where: { action: "auth.login_failed", actorName: "ghost@example.com" } });
    expect(entry).toMatchObject({ success: false, ip: "198.51.100.99", actorType: "anonymous" });
  });

  it("locks an account for 15 minutes after 5 failures, with a retry delay, even with the right password", async () => {
    const { slug, adminEmail, adminPassword } = await h.makeTenant();
    for (let i = 0; i < 5; i++) {
      const error = await errorOf(h.caller({ ip: `192.0.2.${i}` }).auth.login({ email: adminEmail, password: "wrong password here", workspace: slug }));
      expect(error.code).toBe("UNAUTHORIZED");
    }
    const locked = await errorOf(h.caller({ ip: "192.0.2.50" }).auth.login({ email: adminEmail, password: adminPassword, workspace: slug }));
    expect(locked.code).toBe("TOO_MANY_REQUESTS");
    expect((locked.cause as { details?: { retryAfterSeconds?: number } }).details?.retryAfterSeconds).toBeGreaterThan(800);
    h.clock.advance(16 * 60 * 1000);
    const { me } = await h.caller({ ip: "192.0.2.51" }).auth.login({ email: adminEmail, password: adminPassword, workspace: slug });
    expect(me.kind).toBe("user");
  });

  it("limits failures per IP across accounts", async () => {
    const ip = "192.0.2.200";
    for (let i = 0; i < 50; i++) {
      await errorOf(h.caller({ ip }).auth.login({ email: `spray-${i}@example.com`, password: "password guess 1" }));
    }
    const error = await errorOf(h.caller({ ip }).auth.login({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    // Another IP is not affected.
    await expect(h.caller({ ip: "192.0.2.201" }).auth.login({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).resolves.toBeTruthy();
    h.clock.advance(16 * 60 * 1000);
  });
});

describe("sessions", () => {
  it("expire after 30 days and slide forward when used past half-life", async () => {
    const c = await h.platformAdmin();
    const id = c.cookies.values.session!.split(".")[0]!;
    const first = (await h.db.prisma.session.findUnique({ where: { id } }))!.expiresAt;
    h.clock.advance(20 * 24 * 3600 * 1000);
    expect(await c.auth.me()).not.toBeNull();
    const renewed = (await h.db.prisma.session.findUnique({ where: { id } }))!.expiresAt;
    expect(renewed.getTime()).toBeGreaterThan(first.getTime());
    h.clock.advance(31 * 24 * 3600 * 1000);
    expect(await c.auth.me()).toBeNull();
    const error = await errorOf(c.platform.tenants.list({}));
    expect(error.code).toBe("UNAUTHORIZED");
    expect(await h.db.prisma.session.findUnique({ where: { id } })).toBeNull();
  });

  it("a tampered token is refused", async () => {
    const c = await h.platformAdmin();
    const [id, secret] = c.cookies.values.session!.split(".");
    c.cookies.values.session = `${id}.${secret!.replace(/.$/, (ch) => (ch === "a" ? "b" : "a"))}`;
    expect(await c.auth.me()).toBeNull();
  });

  it("logout deletes the session", async () => {
    const c = await h.platformAdmin();
    const id = c.cookies.values.session!.split(".")[0]!;
    await c.auth.logout();
    expect(c.cookies.values.session).toBeUndefined();
    expect(await h.db.prisma.session.findUnique({ where: { id } })).toBeNull();
  });
});

describe("password change", () => {
  it("a generated password must be changed before anything else, and the change ends other sessions", async () => {
    const ops = await h.platformAdmin();
    const { generatedPassword } = await ops.platform.admins.create({ email: "second@example.com", name: "Second" });
    expect(generatedPassword).toMatch(/^[\w]{5}-[\w]{5}-[\w]{5}-[\w]{5}$/);
    const laptop = h.caller();
    const phone = h.caller();
    await laptop.auth.login({ email: "second@example.com", password: generatedPassword! });
    await phone.auth.login({ email: "second@example.com", password: generatedPassword! });
    const blocked = await errorOf(laptop.platform.tenants.list({}));
    expect(blocked.code).toBe("FORBIDDEN");
    expect(blocked.message).toMatch(/Change your password/);

    const weak = await errorOf(laptop.auth.changePassword({ currentPassword: generatedPassword!, newPassword: "short" }));
    expect(weak.code).toBe("BAD_REQUEST");
    const common = await errorOf(laptop.auth.changePassword({ currentPassword: generatedPassword!, newPassword: "password1234" }));
    // What clients get: English in fieldErrors, the contracts' message key in issues.
    expect(formatError(common, undefined).data).toMatchObject({
      fieldErrors: { newPassword: [expect.stringMatching(/commonly used/)] },
      issues: [{ path: "newPassword", key: "password.common" }],
    });
    const wrong = await errorOf(laptop.auth.changePassword({ currentPassword: "not-the-current-one", newPassword: "a much better passphrase" }));
    expect(wrong.message).toMatch(/current password is not correct/);

    const me = await laptop.auth.changePassword({ currentPassword: generatedPassword!, newPassword: "a much better passphrase" });
    expect(me.mustChangePassword).toBe(false);
    await expect(laptop.platform.tenants.list({})).resolves.toMatchObject({ items: expect.any(Array) });
    expect(await phone.auth.me()).toBeNull();
  });
});

/** Counts the passwords actually evaluated: against an account's hash, or burnt for an unknown account. */
function countPasswordChecks() {
  const verify = vi.spyOn(passwords, "verifyPassword");
  const burn = vi.spyOn(passwords, "burnVerify");
  return { verified: () => verify.mock.calls.length, burnt: () => burn.mock.calls.length };
}

const codesOf = (results: PromiseSettledResult<unknown>[]) =>
  results.map((r) => (r.status === "fulfilled" ? "OK" : (r.reason as TRPCError).code)).reduce<Record<string, number>>((acc, code) => {
    acc[code] = (acc[code] ?? 0) + 1;
    return acc;
  }, {});

describe("login throttling under concurrency", () => {
  it("40 concurrent wrong passwords on one account evaluate at most 5 guesses; the rest get RATE_LIMITED", async () => {
    const { slug, adminEmail, adminId, adminPassword } = await h.makeTenant();
    const checks = countPasswordChecks();
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        h.caller({ ip: `198.18.1.${i}` }).auth.login({ email: adminEmail, password: `wrong guess number ${i}`, workspace: slug }),
      ),
    );
    const codes = codesOf(results);
    expect(checks.verified()).toBeLessThanOrEqual(5);
    expect(codes.UNAUTHORIZED).toBe(checks.verified());
    expect(codes.TOO_MANY_REQUESTS).toBe(40 - checks.verified());
    const failures = await h.db.prisma.auditEntry.count({ where: { action: "auth.login_failed", targetId: adminId } });
    expect(failures).toBeLessThanOrEqual(5);
    const refused = results.find((r) => r.status === "rejected" && (r.reason as TRPCError).code === "TOO_MANY_REQUESTS") as PromiseRejectedResult;
    expect((refused.reason as { cause?: { details?: { retryAfterSeconds?: number } } }).cause?.details?.retryAfterSeconds).toBeGreaterThan(800);
    // The right password is refused too until the block ends.
    const locked = await errorOf(h.caller({ ip: "198.18.1.200" }).auth.login({ email: adminEmail, password: adminPassword, workspace: slug }));
    expect(locked.code).toBe("TOO_MANY_REQUESTS");
    h.clock.advance(16 * 60 * 1000);
    await expect(h.caller({ ip: "198.18.1.201" }).auth.login({ email: adminEmail, password: adminPassword, workspace: slug })).resolves.toBeTruthy();
  });

  it("unknown accounts are throttled the same way, so the answer does not tell whether an e-mail exists", async () => {
    const checks = countPasswordChecks();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => h.caller({ ip: `198.18.2.${i}` }).auth.login({ email: "nobody-here@example.com", password: `guess ${i} of many` })),
    );
    expect(checks.burnt()).toBeLessThanOrEqual(5);
    expect(codesOf(results)).toEqual({ UNAUTHORIZED: checks.burnt(), TOO_MANY_REQUESTS: 20 - checks.burnt() });
  });

  it("60 concurrent wrong passwords from one IP across different accounts evaluate at most 50", async () => {
    const ip = "198.18.3.1";
    const checks = countPasswordChecks();
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => h.caller({ ip }).auth.login({ email: `sprayed-${i}@example.com`, password: "Summer2026!Summer" })),
    );
    expect(checks.burnt()).toBeLessThanOrEqual(50);
    expect(codesOf(results)).toEqual({ UNAUTHORIZED: checks.burnt(), TOO_MANY_REQUESTS: 60 - checks.burnt() });
    expect(await h.db.prisma.auditEntry.count({ where: { action: "auth.login_failed", ip } })).toBeLessThanOrEqual(50);
    // The right password of a real account from that IP waits too; another IP is not affected.
    expect((await errorOf(h.caller({ ip }).auth.login({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }))).code).toBe("TOO_MANY_REQUESTS");
    await expect(h.caller({ ip: "198.18.3.2" }).auth.login({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).resolves.toBeTruthy();
    h.clock.advance(16 * 60 * 1000);
  });

  it("successful logins from one IP do not use up its allowance (an office behind one NAT address)", async () => {
    const ip = "198.18.4.1";
    for (let i = 0; i < 51; i++) await h.caller({ ip }).auth.login({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    const wrong = await errorOf(h.caller({ ip }).auth.login({ email: ADMIN_EMAIL, password: "one honest typo here" }));
    expect(wrong.code).toBe("UNAUTHORIZED");
  });

  it("20 concurrent wrong current passwords in a password change evaluate at most 5, then RATE_LIMITED", async () => {
    const { admin, adminPassword, adminId } = await h.makeTenant();
    // 20 separate requests on one session (a stolen cookie), not one batch: they run truly concurrently.
    const stolen = Array.from({ length: 20 }, () => {
      const c = h.caller({ ip: "198.18.5.1" });
      c.cookies.values.session = admin.cookies.values.session!;
      return c;
    });
    const checks = countPasswordChecks();
    const results = await Promise.allSettled(
      stolen.map((c, i) => c.auth.changePassword({ currentPassword: `not my password ${i}`, newPassword: "a brand new passphrase" })),
    );
    expect(checks.verified()).toBeLessThanOrEqual(5);
    expect(codesOf(results)).toEqual({ BAD_REQUEST: checks.verified(), TOO_MANY_REQUESTS: 20 - checks.verified() });
    // Even the right current password waits for the window to end.
    const locked = await errorOf(admin.auth.changePassword({ currentPassword: adminPassword, newPassword: "a brand new passphrase" }));
    expect(locked.code).toBe("TOO_MANY_REQUESTS");
    h.clock.advance(16 * 60 * 1000);
    await expect(admin.auth.changePassword({ currentPassword: adminPassword, newPassword: "a brand new passphrase" })).resolves.toMatchObject({ id: adminId });
    expect(await h.db.prisma.loginThrottle.count({ where: { key: { startsWith: "password:" } } })).toBe(0);
  });
});

describe("login throttling over HTTP", () => {
  const ORIGIN = "http://localhost:80";
  const headers = { "content-type": "application/json", host: "localhost:80", origin: ORIGIN };

  async function serverWith(overrides: Record<string, string> = {}) {
    const env = testEnv({ ...overrides, PORT: "0", ADMIN_DIST: "/nonexistent-admin-dist" });
    return createServer({ env, db: h.db, clock: h.clock, log: pino({ level: "silent" }) });
  }

  it("one batched request with 8 wrong passwords and then the right one does not log in", async () => {
    const { slug, adminEmail, adminPassword, adminId } = await h.makeTenant();
    const server = await serverWith();
    const url = await server.start();
    const sessionsBefore = await h.db.prisma.session.count({ where: { userId: adminId } });
    try {
      const inputs = [...Array.from({ length: 8 }, (_, i) => `wrong password ${i}`), adminPassword].map((password) => ({ email: adminEmail, password, workspace: slug }));
      const res = await fetch(`${url}/trpc/${inputs.map(() => "auth.login").join(",")}?batch=1`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: url },
        body: JSON.stringify(Object.fromEntries(inputs.map((input, i) => [String(i), { json: input }]))),
      });
      const body = (await res.json()) as Array<{ result?: unknown; error?: { json: { data: { code: string } } } }>;
      expect(body).toHaveLength(9);
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(body.every((r) => r.error)).toBe(true);
      // Evaluated in the order sent: 5 guesses, then refusals, the right password included.
      expect(body.map((r) => r.error!.json.data.code)).toEqual([...Array(5).fill("INVALID_CREDENTIALS"), ...Array(4).fill("RATE_LIMITED")]);
      expect(await h.db.prisma.session.count({ where: { userId: adminId } })).toBe(sessionsBefore);
    } finally {
      await server.stop();
      h.clock.advance(16 * 60 * 1000);
    }
  });

  const wrongLogin = (server: Awaited<ReturnType<typeof serverWith>>, remoteAddress: string, email: string, forwardedFor: string) =>
    server.app.inject({
      method: "POST",
      url: "/trpc/auth.login",
      remoteAddress,
      headers: { ...headers, "x-forwarded-for": forwardedFor },
      payload: JSON.stringify({ json: { email, password: "not the right one" } }),
    });

  it("with TRUST_PROXY=1 the client IP used for throttling is the last X-Forwarded-For hop", async () => {
    const server = await serverWith({ TRUST_PROXY: "1" });
    try {
      expect((await wrongLogin(server, "10.0.0.2", "proxied@example.com", "192.0.2.66, 198.51.100.77")).statusCode).toBe(401);
      expect(await h.db.prisma.loginThrottle.findUnique({ where: { key: "ip:198.51.100.77" }, select: { failures: true } })).toEqual({ failures: 1 });
      expect(await h.db.prisma.loginThrottle.count({ where: { key: { in: ["ip:192.0.2.66", "ip:10.0.0.2"] } } })).toBe(0);
      const entry = await h.db.prisma.auditEntry.findFirst({ where: { action: "auth.login_failed", actorName: "proxied@example.com" }, select: { ip: true } });
      expect(entry?.ip).toBe("198.51.100.77");
    } finally {
      await server.stop();
    }
  });

  it("without TRUST_PROXY a forged X-Forwarded-For is ignored: the connection's address is throttled", async () => {
    const server = await serverWith();
    try {
      for (let i = 0; i < 3; i++) {
        expect((await wrongLogin(server, "10.0.0.3", `forger-${i}@example.com`, `203.0.113.${100 + i}`)).statusCode).toBe(401);
      }
      expect(await h.db.prisma.loginThrottle.findUnique({ where: { key: "ip:10.0.0.3" }, select: { failures: true } })).toEqual({ failures: 3 });
      expect(await h.db.prisma.loginThrottle.count({ where: { key: { startsWith: "ip:203.0.113.1" } } })).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
