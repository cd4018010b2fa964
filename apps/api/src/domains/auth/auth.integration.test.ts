import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_EMAIL, ADMIN_PASSWORD, createHarness, type Harness } from "../../../test/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

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
    expect(common.message).toMatch(/commonly used/);
    const wrong = await errorOf(laptop.auth.changePassword({ currentPassword: "not-the-current-one", newPassword: "a much better passphrase" }));
    expect(wrong.message).toMatch(/current password is not correct/);

    const me = await laptop.auth.changePassword({ currentPassword: generatedPassword!, newPassword: "a much better passphrase" });
    expect(me.mustChangePassword).toBe(false);
    await expect(laptop.platform.tenants.list({})).resolves.toMatchObject({ items: expect.any(Array) });
    expect(await phone.auth.me()).toBeNull();
  });
});
