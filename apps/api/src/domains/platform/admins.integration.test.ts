// Platform admins: their own profile (name, language, password) and resetting another admin's password,
// with its refusals (oneself, a deactivated or unknown admin, a deactivated actor) and under concurrency.
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_EMAIL, ADMIN_PASSWORD, createHarness, type Harness } from "../../../test/harness.js";
import { verifyPassword } from "../../lib/passwords.js";
import type { Scope } from "../../lib/scope.js";
import * as admins from "./admins-service.js";

let h: Harness;
let ops: Awaited<ReturnType<Harness["platformAdmin"]>>;
let opsId: string;
beforeAll(async () => {
  h = await createHarness();
  ops = await h.platformAdmin();
  opsId = (await ops.auth.me())!.id;
});
afterAll(async () => h?.close());

async function fails(promise: Promise<unknown>): Promise<TRPCError & { cause?: { code?: string } }> {
  try {
    await promise;
  } catch (error) {
    return error as TRPCError;
  }
  throw new Error("expected the call to fail");
}

let made = 0;
/** Another active platform admin who has chosen their own password, signed in. */
async function anotherAdmin() {
  made += 1;
  const email = `colleague-${made}@example.com`;
  const { admin } = await ops.platform.admins.create({ email, name: `Colleague ${made}`, password: `first passphrase ${made}` });
  const caller = h.caller();
  await caller.auth.login({ email, password: `first passphrase ${made}` });
  const password = `own chosen passphrase ${made}`;
  await caller.auth.changePassword({ currentPassword: `first passphrase ${made}`, newPassword: password });
  return { id: admin.id, email, password, caller };
}

describe("profile", () => {
  it("a platform admin renames themself; auth.me and the header follow at once, and the change is audited", async () => {
    const me = await anotherAdmin();
    expect(await me.caller.platform.profile.get()).toEqual({ id: me.id, email: me.email, name: `Colleague ${made}`, language: null });
    const updated = await me.caller.platform.profile.update({ name: "  Renamed Colleague  " });
    expect(updated.name).toBe("Renamed Colleague");
    expect(await me.caller.auth.me()).toMatchObject({ name: "Renamed Colleague" });
    const entry = await h.db.prisma.auditEntry.findFirstOrThrow({ where: { action: "platform_admin.profile_updated", targetId: me.id } });
    expect(entry).toMatchObject({ tenantId: null, actorId: me.id, changes: { name: { from: `Colleague ${made}`, to: "Renamed Colleague" } } });
  });

  it("language: none by default (auth.me gives null: the browser's), French once chosen, none again when cleared", async () => {
    const me = await anotherAdmin();
    expect((await me.caller.auth.me())!.language).toBeNull();
    expect((await me.caller.platform.profile.update({ language: "fr" })).language).toBe("fr");
    expect((await me.caller.auth.me())!.language).toBe("fr");
    // Another admin's language is theirs alone.
    expect((await ops.auth.me())!.language).toBeNull();
    // A new session (next sign-in) speaks it too.
    const again = h.caller();
    expect((await again.auth.login({ email: me.email, password: me.password })).me.language).toBe("fr");
    expect((await me.caller.platform.profile.update({ language: null })).language).toBeNull();
    expect((await me.caller.auth.me())!.language).toBeNull();
    const changes = await h.db.prisma.auditEntry.findMany({ where: { action: "platform_admin.profile_updated", targetId: me.id }, orderBy: { id: "asc" } });
    expect(changes.map((e) => e.changes)).toEqual([{ language: { from: null, to: "fr" } }, { language: { from: "fr", to: null } }]);
  });

  it("refuses a language the platform area does not speak, an empty name, and a change that changes nothing", async () => {
    const me = await anotherAdmin();
    for (const language of ["de", "fr-CA", "", "FR"]) {
      expect((await fails(me.caller.platform.profile.update({ language: language as "fr" }))).code, language).toBe("BAD_REQUEST");
    }
    expect((await fails(me.caller.platform.profile.update({ name: "   " }))).code).toBe("BAD_REQUEST");
    const nothing = await fails(me.caller.platform.profile.update({ language: null }));
    expect(nothing.code).toBe("CONFLICT");
    expect(nothing.message).toMatch(/Nothing to change/);
    expect(await h.db.prisma.auditEntry.count({ where: { action: "platform_admin.profile_updated", targetId: me.id } })).toBe(0);
  });

  it("is for platform admins only: a tenant admin is refused", async () => {
    const t = await h.makeTenant();
    expect((await fails(t.admin.platform.profile.get())).code).toBe("FORBIDDEN");
    expect((await fails(t.admin.platform.profile.update({ language: "fr" }))).code).toBe("FORBIDDEN");
  });

  it("changes the password with the current one (auth.changePassword), ending the admin's other sessions", async () => {
    const me = await anotherAdmin();
    const phone = h.caller();
    await phone.auth.login({ email: me.email, password: me.password });
    const wrong = await fails(me.caller.auth.changePassword({ currentPassword: "not my current one", newPassword: "a fresher passphrase" }));
    expect(wrong.message).toMatch(/current password is not correct/);
    await me.caller.auth.changePassword({ currentPassword: me.password, newPassword: "a fresher passphrase" });
    expect(await phone.auth.me()).toBeNull();
    await expect(me.caller.platform.profile.get()).resolves.toMatchObject({ id: me.id });
    await expect(h.caller().auth.login({ email: me.email, password: "a fresher passphrase" })).resolves.toBeTruthy();
    // Once when the admin first chose a password (anotherAdmin), once here.
    expect(await h.db.prisma.auditEntry.count({ where: { action: "password.changed", targetId: me.id, tenantId: null } })).toBe(2);
  });

  it("the current-password check is throttled for platform admins too: 12 concurrent wrong guesses evaluate at most 5", async () => {
    const me = await anotherAdmin();
    const stolen = Array.from({ length: 12 }, () => {
      const c = h.caller({ ip: "198.18.9.1" });
      c.cookies.values.session = me.caller.cookies.values.session!;
      return c;
    });
    const results = await Promise.allSettled(stolen.map((c, i) => c.auth.changePassword({ currentPassword: `guess number ${i}`, newPassword: "a brand new passphrase" })));
    const codes = results.map((r) => (r.status === "fulfilled" ? "OK" : (r.reason as TRPCError).code));
    expect(codes.filter((c) => c === "BAD_REQUEST").length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === "TOO_MANY_REQUESTS").length).toBeGreaterThanOrEqual(7);
    h.clock.advance(16 * 60 * 1000);
  });
});

describe("resetting another platform admin's password", () => {
  it("gives a one-time password once, ends their sessions, forces a change at sign-in, clears their lock, and is audited", async () => {
    const target = await anotherAdmin();
    // Locked out by failed sign-ins: the reset is how they get back in.
    for (let i = 0; i < 5; i++) await fails(h.caller({ ip: `192.0.2.${100 + i}` }).auth.login({ email: target.email, password: `forgotten ${i} again` }));
    expect((await fails(h.caller({ ip: "192.0.2.120" }).auth.login({ email: target.email, password: target.password }))).code).toBe("TOO_MANY_REQUESTS");

    const { admin, generatedPassword } = await ops.platform.admins.resetPassword({ adminId: target.id });
    expect(generatedPassword).toMatch(/^[\w]{5}-[\w]{5}-[\w]{5}-[\w]{5}$/);
    expect(admin).toMatchObject({ id: target.id, mustChangePassword: true, status: "active" });
    expect(await target.caller.auth.me()).toBeNull();
    expect(await h.db.prisma.session.count({ where: { platformAdminId: target.id } })).toBe(0);
    expect((await fails(h.caller({ ip: "192.0.2.121" }).auth.login({ email: target.email, password: target.password }))).code).toBe("UNAUTHORIZED");

    const back = h.caller({ ip: "192.0.2.122" });
    const { me } = await back.auth.login({ email: target.email, password: generatedPassword });
    expect(me.mustChangePassword).toBe(true);
    expect((await fails(back.platform.tenants.list({}))).code).toBe("FORBIDDEN");
    await back.auth.changePassword({ currentPassword: generatedPassword, newPassword: "back in business passphrase" });
    await expect(back.platform.tenants.list({})).resolves.toMatchObject({ items: expect.any(Array) });

    const entry = await h.db.prisma.auditEntry.findFirstOrThrow({ where: { action: "platform_admin.password_reset", targetId: target.id } });
    expect(entry).toMatchObject({ tenantId: null, actorId: opsId, actorType: "platform_admin", targetType: "platform_admin", targetName: target.email, success: true });
    expect(JSON.stringify({ ...entry, seq: null })).not.toContain(generatedPassword);
    const events = await h.db.prisma.event.findMany({ where: { type: "platform_admin.password_reset" }, select: { payload: true } });
    expect(events.map((e) => e.payload)).toContainEqual({ adminId: target.id, email: target.email });
    expect(JSON.stringify(events)).not.toContain(generatedPassword);
    expect(h.sentEmails.at(-1)).toMatchObject({ to: target.email, template: "password_reset" });
  });

  it("is refused on oneself (use the profile), leaving the password and sessions as they were", async () => {
    const me = await anotherAdmin();
    const error = await fails(me.caller.platform.admins.resetPassword({ adminId: me.id }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/profile/);
    await expect(me.caller.auth.me()).resolves.toMatchObject({ id: me.id, mustChangePassword: false });
    await expect(h.caller().auth.login({ email: me.email, password: me.password })).resolves.toBeTruthy();
    expect(await h.db.prisma.auditEntry.count({ where: { action: "platform_admin.password_reset", targetId: me.id } })).toBe(0);
  });

  it("is refused for a deactivated admin (reactivate first) and for an unknown one", async () => {
    const target = await anotherAdmin();
    await ops.platform.admins.deactivate({ adminId: target.id });
    const deactivated = await fails(ops.platform.admins.resetPassword({ adminId: target.id }));
    expect(deactivated.code).toBe("CONFLICT");
    expect(deactivated.message).toMatch(/reactivate/);
    expect((await fails(ops.platform.admins.resetPassword({ adminId: "0195f0c2-0000-7000-8000-000000000000" }))).code).toBe("NOT_FOUND");
    expect((await fails(ops.platform.admins.resetPassword({ adminId: "not-an-id" }))).code).toBe("BAD_REQUEST");
    await ops.platform.admins.reactivate({ adminId: target.id });
    await expect(ops.platform.admins.resetPassword({ adminId: target.id })).resolves.toMatchObject({ admin: { id: target.id } });
  });

  it("is refused to an actor deactivated meanwhile (checked under the admins lock), and to tenant users", async () => {
    const actor = await anotherAdmin();
    const target = await anotherAdmin();
    await ops.platform.admins.deactivate({ adminId: actor.id });
    // The session ended with the deactivation (its note says so: ACCOUNT_DEACTIVATED); the service checks again in its own transaction.
    expect((await fails(actor.caller.platform.admins.resetPassword({ adminId: target.id }))).code).toBe("FORBIDDEN");
    const staleScope: Scope = {
      ...h.services,
      actor: { type: "platform_admin", id: actor.id, name: "Deactivated" },
      request: { ip: null, userAgent: null, requestId: null },
      audit: { count: 0 },
    };
    await expect(admins.resetPassword(staleScope, target.id)).rejects.toMatchObject({ code: "ACCOUNT_DEACTIVATED" });
    expect(await h.db.prisma.auditEntry.count({ where: { action: "platform_admin.password_reset", targetId: target.id } })).toBe(0);
    const t = await h.makeTenant();
    expect((await fails(t.admin.platform.admins.resetPassword({ adminId: target.id }))).code).toBe("FORBIDDEN");
  });

  it("40 concurrent resets of one admin stay consistent: one audit entry each, the last one written is the password", async () => {
    const target = await anotherAdmin();
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => ops.platform.admins.resetPassword({ adminId: target.id })));
    const passwords = results.map((r) => (r.status === "fulfilled" ? r.value.generatedPassword : `failed: ${(r.reason as Error).message}`));
    expect(passwords.filter((p) => p.startsWith("failed"))).toEqual([]);
    expect(new Set(passwords).size).toBe(40);
    const stored = await h.db.prisma.platformAdmin.findUniqueOrThrow({ where: { id: target.id } });
    const working = [];
    for (const password of passwords) if (await verifyPassword(stored.passwordHash, password)) working.push(password);
    expect(working).toHaveLength(1);
    expect(stored.mustChangePassword).toBe(true);
    expect(await h.db.prisma.session.count({ where: { platformAdminId: target.id } })).toBe(0);
    expect(await h.db.prisma.auditEntry.count({ where: { action: "platform_admin.password_reset", targetId: target.id } })).toBe(40);
    expect(await h.db.prisma.event.count({ where: { type: "platform_admin.password_reset", payload: { path: ["adminId"], equals: target.id } } })).toBe(40);
    await expect(h.caller().auth.login({ email: target.email, password: working[0]! })).resolves.toMatchObject({ me: { mustChangePassword: true } });
  });

  it("resets racing the target's deactivation: those after it are refused, every success is audited, none is a 500", async () => {
    const target = await anotherAdmin();
    const other = await anotherAdmin();
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      calls.push(i === 15 ? other.caller.platform.admins.deactivate({ adminId: target.id }) : ops.platform.admins.resetPassword({ adminId: target.id }));
    }
    const results = await Promise.allSettled(calls);
    const resets = results.filter((_, i) => i !== 15);
    expect(results[15]!.status).toBe("fulfilled");
    for (const r of resets) if (r.status === "rejected") expect((r.reason as TRPCError).code).toBe("CONFLICT");
    const succeeded = resets.filter((r) => r.status === "fulfilled").length;
    expect(await h.db.prisma.auditEntry.count({ where: { action: "platform_admin.password_reset", targetId: target.id } })).toBe(succeeded);
    const deactivation = await h.db.prisma.auditEntry.findFirstOrThrow({ where: { action: "platform_admin.deactivated", targetId: target.id } });
    const after = await h.db.prisma.auditEntry.count({ where: { action: "platform_admin.password_reset", targetId: target.id, id: { gt: deactivation.id } } });
    expect(after).toBe(0);
    expect(await h.db.prisma.platformAdmin.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ status: "deactivated" });
    expect(await h.db.prisma.session.count({ where: { platformAdminId: target.id } })).toBe(0);
  });
});

describe("the bootstrap admin", () => {
  it("still signs in with the configured password (nothing above touched it)", async () => {
    await expect(h.caller().auth.login({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).resolves.toBeTruthy();
  });
});
