// A browser whose session was ended is told why on its next request (decision 0020): the reason is noted
// when sessions are ended (ended_sessions), read when their cookie comes back, and swept away once the
// session would have expired anyway. Someone without the session's secret learns nothing.
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, STRONG_PASSWORD, type Harness } from "../../../test/harness.js";
import { cleanUp } from "../../jobs/cleanup.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

type Failure = TRPCError & { cause?: { code?: string; details?: Record<string, unknown> } };

async function failureOf(promise: Promise<unknown>): Promise<{ code: string | undefined; reason: unknown; message: string }> {
  try {
    await promise;
  } catch (error) {
    const failure = error as Failure;
    return { code: failure.cause?.code, reason: failure.cause?.details?.reason, message: failure.message };
  }
  throw new Error("expected the call to fail");
}

const DAY = 24 * 3600 * 1000;

/** A tenant with a user who is signed in (their caller) besides the admin. */
async function tenantWithMember() {
  const tenant = await h.makeTenant();
  const email = `member-${tenant.slug}@example.com`;
  const password = `${STRONG_PASSWORD} member`;
  const viewer = await tenant.admin.roles.create({ name: "Viewer", permissions: ["users.read"] });
  const created = await tenant.admin.users.create({ email, name: "Member", roleIds: [viewer.id], password });
  const member = h.caller();
  await member.auth.login({ email, password, workspace: tenant.slug });
  await member.auth.changePassword({ currentPassword: password, newPassword: `${password} 2` });
  return { ...tenant, member, memberId: created.user.id, memberEmail: email, memberPassword: `${password} 2` };
}

describe("a session ended before its time", () => {
  it("of a deactivated user answers ACCOUNT_DEACTIVATED, and only to its own cookie", async () => {
    const t = await tenantWithMember();
    const token = t.member.cookies.values.session!;
    await t.admin.users.deactivate({ userId: t.memberId });

    // A forged secret for the same session id learns nothing.
    const [id] = token.split(".");
    const forger = h.caller();
    forger.cookies.values.session = `${id}.${"a".repeat(32)}`;
    expect(await failureOf(forger.users.list({}))).toMatchObject({ code: "UNAUTHENTICATED", reason: undefined });

    expect(await failureOf(t.member.auth.changePassword({ currentPassword: "x", newPassword: "y".repeat(12) }))).toMatchObject({
      code: "ACCOUNT_DEACTIVATED",
      reason: "deactivated",
    });
    // The cookie is cleared with that answer; the same token presented again still gets the reason.
    expect(t.member.cookies.values.session).toBeUndefined();
    t.member.cookies.values.session = token;
    expect(await failureOf(t.member.users.list({}))).toMatchObject({ code: "ACCOUNT_DEACTIVATED" });
    expect(await t.member.auth.me()).toBeNull();
  });

  it("by a suspended workspace answers TENANT_SUSPENDED to each of its users", async () => {
    const t = await tenantWithMember();
    const ops = await h.platformAdmin();
    await ops.platform.tenants.suspend({ tenantId: t.tenantId });
    expect(await failureOf(t.member.users.list({}))).toMatchObject({ code: "TENANT_SUSPENDED", reason: "suspended" });
    expect(await failureOf(t.admin.users.list({}))).toMatchObject({ code: "TENANT_SUSPENDED", reason: "suspended" });
  });

  it("by an admin's password reset, a password change elsewhere or a sign-out answers UNAUTHENTICATED with the reason", async () => {
    const t = await tenantWithMember();
    await t.admin.users.resetPassword({ userId: t.memberId });
    expect(await failureOf(t.member.users.list({}))).toMatchObject({ code: "UNAUTHENTICATED", reason: "password_reset" });

    const u = await tenantWithMember();
    const phone = h.caller();
    await phone.auth.login({ email: u.memberEmail, password: u.memberPassword, workspace: u.slug });
    await u.member.auth.changePassword({ currentPassword: u.memberPassword, newPassword: `${u.memberPassword} 3` });
    expect(await failureOf(phone.users.list({}))).toMatchObject({ code: "UNAUTHENTICATED", reason: "password_changed" });

    const copy = h.caller();
    copy.cookies.values.session = u.member.cookies.values.session!;
    await u.member.auth.logout();
    expect(await failureOf(copy.users.list({}))).toMatchObject({ code: "UNAUTHENTICATED", reason: "signed_out" });
  });

  it("of a deactivated platform admin answers ACCOUNT_DEACTIVATED", async () => {
    const ops = await h.platformAdmin();
    const { generatedPassword } = await ops.platform.admins.create({ email: "night@example.com", name: "Night" });
    const night = h.caller();
    await night.auth.login({ email: "night@example.com", password: generatedPassword! });
    const admins = await ops.platform.admins.list();
    await ops.platform.admins.deactivate({ adminId: admins.items.find((admin) => admin.email === "night@example.com")!.id });
    expect(await failureOf(night.auth.logout())).toMatchObject({ code: "ACCOUNT_DEACTIVATED", reason: "deactivated" });
  });
});

describe("an expired session", () => {
  it("answers SESSION_EXPIRED, whether it ran out on its own or was ended and then ran out", async () => {
    const t = await tenantWithMember();
    const idle = h.caller();
    await idle.auth.login({ email: t.memberEmail, password: t.memberPassword, workspace: t.slug });
    const ended = h.caller();
    await ended.auth.login({ email: t.memberEmail, password: t.memberPassword, workspace: t.slug });
    const endedToken = ended.cookies.values.session!;
    await ended.auth.logout();
    ended.cookies.values.session = endedToken;

    h.clock.advance(31 * DAY);
    expect(await failureOf(idle.users.list({}))).toMatchObject({ code: "SESSION_EXPIRED", reason: "expired" });
    expect(await failureOf(ended.users.list({}))).toMatchObject({ code: "SESSION_EXPIRED", reason: "expired" });
  });

  it("loses its note to the housekeeping job, after which a plain UNAUTHENTICATED is all that is said", async () => {
    const t = await tenantWithMember();
    const token = t.member.cookies.values.session!;
    const id = token.split(".")[0]!;
    await t.admin.users.resetPassword({ userId: t.memberId });
    expect(await h.db.prisma.endedSession.findUnique({ where: { id }, select: { reason: true } })).toEqual({ reason: "password_reset" });

    await cleanUp(h.services);
    expect(await h.db.prisma.endedSession.count({ where: { id } })).toBe(1);
    h.clock.advance(31 * DAY);
    await cleanUp(h.services);
    expect(await h.db.prisma.endedSession.count({ where: { id } })).toBe(0);
    t.member.cookies.values.session = token;
    expect(await failureOf(t.member.users.list({}))).toMatchObject({ code: "UNAUTHENTICATED", reason: undefined });
  });
});
