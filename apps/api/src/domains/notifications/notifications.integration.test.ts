// Notifications end to end against a real database: rules refused at save, the consumer's fan-out (called
// here as the dispatcher will call it, inside a transaction, with events read from the outbox), threads,
// the inbox's mutations, preferences, live snapshots, default rules and the platform inbox.
import { TRPCError } from "@trpc/server";
import type { EventType } from "@tenancy/contracts";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboxEvent } from "../../events/consumer.js";
import { createHarness, STRONG_PASSWORD, type Harness } from "../../../test/harness.js";
import { notificationsConsumer } from "./platform-consumer.js";

type Caller = ReturnType<Harness["caller"]>;
type Tenant = Awaited<ReturnType<Harness["makeTenant"]>>;

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

const consumer = notificationsConsumer();
let seen = -1n;

/** Hands every outbox event not handed yet to the consumer, in one transaction, as the dispatcher does. */
async function dispatch(options: { again?: OutboxEvent[] } = {}) {
  const events = options.again ?? (await pendingEvents());
  const result = await h.db.prisma.$transaction((tx) => consumer.handle(tx, events, { clock: h.clock, log: pino({ level: "silent" }) }));
  return { events, recipients: result?.recipients ?? new Map() };
}

async function pendingEvents(): Promise<OutboxEvent[]> {
  const rows = await h.db.prisma.event.findMany({ where: { position: { gt: seen } }, orderBy: { position: "asc" } });
  if (rows.length) seen = rows[rows.length - 1]!.position;
  return rows.map((r) => ({ ...r, type: r.type as EventType, dispatchSeq: r.position, payload: r.payload as Record<string, unknown> }));
}

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    return error as TRPCError;
  }
  throw new Error("expected the call to fail");
}

let n = 0;
async function userOf(t: Tenant, permissions: string[], language = "en") {
  const i = ++n;
  const role = await t.admin.roles.create({ name: `Role ${i}`, permissions: permissions as never });
  const email = `member-${i}@example.com`;
  const { user } = await t.admin.users.create({ email, name: `Member ${i}`, roleIds: [role.id], password: STRONG_PASSWORD, language: language as never });
  const caller = h.caller();
  await caller.auth.login({ email, password: STRONG_PASSWORD, workspace: t.slug });
  await caller.auth.changePassword({ currentPassword: STRONG_PASSWORD, newPassword: `${STRONG_PASSWORD} ${i}` });
  await dispatch(); // what setting the user up recorded is handed over before the test's own rule exists
  return { id: user.id, email, roleId: role.id, caller };
}

const rule = (over: Record<string, unknown> = {}) => ({
  name: "Watch users",
  eventTypes: ["user.created"],
  templates: { en: { title: "New user {email}", body: "Roles: {roleIds} ({event.type}, {event.module})" }, fr: { title: "Nouvel utilisateur {email}" } },
  ...over,
});

describe("rules refused at save, naming the problem", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await h.makeTenant();
    await dispatch();
  });

  const problem = async (input: Record<string, unknown>) => {
    const error = await rejection(t.admin.notifications.rules.create(input as never));
    expect(error.code).toBe("BAD_REQUEST");
    return JSON.stringify((error as unknown as { shape?: unknown }).shape ?? error.message) + error.message;
  };

  it("an unknown event type", async () => {
    expect(await problem(rule({ eventTypes: ["user.exploded"], recipientUserIds: [t.adminId] }))).toMatch(/notification.unknownEventType|Unknown event type/);
  });
  it("a condition on a field the payload lacks", async () => {
    expect(await problem(rule({ conditions: [{ field: "percent", op: "eq", value: 80 }], recipientUserIds: [t.adminId] }))).toContain("percent");
  });
  it("a placeholder that does not exist", async () => {
    expect(await problem(rule({ templates: { en: { title: "Hello {nickname}" } }, recipientUserIds: [t.adminId] }))).toContain("nickname");
  });
  it("no recipients", async () => {
    expect(await problem(rule())).toMatch(/recipientsRequired|role or user/);
  });
  it("a role or user of another tenant, naming the field", async () => {
    const other = await h.makeTenant();
    const otherRoles = await other.admin.roles.list();
    const byRole = await rejection(t.admin.notifications.rules.create(rule({ recipientRoleIds: [otherRoles.items[0]!.id] }) as never));
    expect(byRole.code).toBe("BAD_REQUEST");
    expect(byRole.message).toContain("recipient roles");
    const byUser = await rejection(t.admin.notifications.rules.create(rule({ recipientUserIds: [other.adminId] }) as never));
    expect(byUser.message).toContain("recipient users");
    expect(await t.admin.notifications.rules.list()).toMatchObject({ items: expect.not.arrayContaining([expect.objectContaining({ name: "Watch users" })]) });
  });
  it("a sound rule is saved, audited, updated with its version and deleted", async () => {
    const created = await t.admin.notifications.rules.create(rule({ recipientUserIds: [t.adminId] }) as never);
    expect(await h.db.prisma.auditEntry.count({ where: { action: "notification_rule.created", targetId: created.id } })).toBe(1);
    const updated = await t.admin.notifications.rules.update({ ...rule({ recipientUserIds: [t.adminId], name: "Renamed" }), ruleId: created.id, lockVersion: created.lockVersion } as never);
    expect(updated).toMatchObject({ name: "Renamed", lockVersion: created.lockVersion + 1 });
    const stale = await rejection(t.admin.notifications.rules.update({ ...rule({ recipientUserIds: [t.adminId], name: "Lost" }), ruleId: created.id, lockVersion: created.lockVersion } as never));
    expect(stale.code).toBe("CONFLICT");
    await t.admin.notifications.rules.delete({ ruleId: created.id });
    expect((await rejection(t.admin.notifications.rules.get({ ruleId: created.id }))).code).toBe("NOT_FOUND");
  });
});

describe("fan-out", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await h.makeTenant();
    await dispatch();
  });

  it("reaches role holders and listed users who may read the event, skips inactive users and those lacking the permission", async () => {
    const reader = await userOf(t, ["users.read"], "fr");
    const blind = await userOf(t, ["billing.read"]);
    const listed = await userOf(t, ["users.read"]);
    const gone = await userOf(t, ["users.read"]);
    const roleOfGone = gone.roleId;
    await t.admin.users.deactivate({ userId: gone.id });
    await dispatch();
    const r = await t.admin.notifications.rules.create(rule({ recipientRoleIds: [reader.roleId, blind.roleId, roleOfGone], recipientUserIds: [listed.id] }) as never);
    await dispatch();
    await t.admin.users.create({ email: `new-${++n}@example.com`, name: "Newcomer", roleIds: [blind.roleId], password: STRONG_PASSWORD });
    const { recipients } = await dispatch();
    const got = await h.db.prisma.notification.findMany({ where: { ruleId: r.id }, select: { userId: true } });
    expect(got.map((g) => g.userId).sort()).toEqual([reader.id, listed.id].sort());
    expect([...(recipients.get(t.tenantId) ?? [])].sort()).toEqual([reader.id, listed.id].sort());
    // Rendered in the reader's language, placeholders filled in.
    const [item] = (await reader.caller.notifications.inbox.list({})).items;
    expect(item).toMatchObject({ title: expect.stringMatching(/^Nouvel utilisateur new-\d+@example.com$/), link: expect.stringMatching(/^\/t\/users\//), count: 1, read: false });
    const [en] = (await listed.caller.notifications.inbox.list({})).items;
    expect(en!.body).toMatch(/^Roles: .+ \(user.created, core\)$/);
    // A user who loses the permission no longer sees the thread.
    await t.admin.roles.update({ roleId: reader.roleId, permissions: ["billing.read"] });
    expect((await reader.caller.notifications.inbox.list({})).items).toEqual([]);
    expect(await reader.caller.notifications.inbox.unreadCount()).toEqual({ unread: 0, critical: 0 });
  });

  it("applies conditions on the payload", async () => {
    const watcher = await userOf(t, ["users.read"]);
    await t.admin.notifications.rules.create(rule({ name: "Only some", conditions: [{ field: "email", op: "contains", value: "vip" }], recipientUserIds: [watcher.id] }) as never);
    await dispatch();
    await t.admin.users.create({ email: `plain-${++n}@example.com`, name: "Plain", roleIds: [watcher.roleId], password: STRONG_PASSWORD });
    await t.admin.users.create({ email: `vip-${++n}@example.com`, name: "Vip", roleIds: [watcher.roleId], password: STRONG_PASSWORD });
    await dispatch();
    const items = (await watcher.caller.notifications.inbox.list({})).items.filter((i) => i.title.startsWith("New user"));
    expect(items.map((i) => i.title)).toEqual([expect.stringContaining("vip-")]);
  });

  it("skips who muted a rule, but a critical rule reaches everyone and cannot be muted", async () => {
    const u = await userOf(t, ["users.read"]);
    const quiet = await t.admin.notifications.rules.create(rule({ name: "Quiet", recipientUserIds: [u.id] }) as never);
    const loud = await t.admin.notifications.rules.create(rule({ name: "Loud", severity: "critical", recipientUserIds: [u.id] }) as never);
    await u.caller.notifications.preferences.setMuted({ ruleId: quiet.id, muted: true });
    const refused = await rejection(u.caller.notifications.preferences.setMuted({ ruleId: loud.id, muted: true }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain("critical");
    const prefs = await u.caller.notifications.preferences.get();
    expect(prefs.items.find((p) => p.ruleId === quiet.id)).toMatchObject({ muted: true, mutable: true });
    expect(prefs.items.find((p) => p.ruleId === loud.id)).toMatchObject({ muted: false, mutable: false });
    // Even a mute row written behind the API's back does not silence a critical rule.
    await h.db.prisma.notificationMute.create({ data: { tenantId: t.tenantId, userId: u.id, ruleId: loud.id } });
    await dispatch();
    await t.admin.users.create({ email: `x-${++n}@example.com`, name: "X", roleIds: [u.roleId], password: STRONG_PASSWORD });
    await dispatch();
    expect(await h.db.prisma.notification.count({ where: { userId: u.id, ruleId: quiet.id } })).toBe(0);
    expect(await h.db.prisma.notification.count({ where: { userId: u.id, ruleId: loud.id } })).toBe(1);
    expect((await u.caller.notifications.inbox.unreadCount()).critical).toBe(1);
  });

  it("is idempotent: the same events handed twice double nothing", async () => {
    const u = await userOf(t, ["users.read"]);
    const r = await t.admin.notifications.rules.create(rule({ name: "Twice", recipientUserIds: [u.id] }) as never);
    await dispatch();
    await t.admin.users.create({ email: `t1-${++n}@example.com`, name: "T1", roleIds: [u.roleId], password: STRONG_PASSWORD });
    await t.admin.users.create({ email: `t2-${++n}@example.com`, name: "T2", roleIds: [u.roleId], password: STRONG_PASSWORD });
    const first = await dispatch();
    const before = await h.db.prisma.notificationThread.findMany({ where: { ruleId: r.id }, orderBy: { id: "asc" } });
    const again = await dispatch({ again: first.events });
    expect(again.recipients.size).toBe(0);
    expect(await h.db.prisma.notification.count({ where: { ruleId: r.id } })).toBe(2);
    expect(await h.db.prisma.notificationThread.findMany({ where: { ruleId: r.id }, orderBy: { id: "asc" } })).toEqual(before);
  });

  it("groups notifications of one rule and subject into one thread with a count, unread and unarchived again", async () => {
    const u = await userOf(t, ["users.read", "users.manage"]);
    const target = await userOf(t, []);
    const r = await t.admin.notifications.rules.create({ name: "Comings and goings", eventTypes: ["user.deactivated", "user.reactivated"], templates: { en: { title: "{email}: {event.type}" } }, recipientUserIds: [u.id] } as never);
    await t.admin.users.deactivate({ userId: target.id });
    await dispatch();
    const [first] = (await u.caller.notifications.inbox.list({})).items.filter((i) => i.ruleId === r.id);
    await u.caller.notifications.inbox.markRead({ threadIds: [first!.id], read: true });
    await u.caller.notifications.inbox.archive({ threadIds: [first!.id], archived: true });
    await t.admin.users.reactivate({ userId: target.id });
    await t.admin.users.deactivate({ userId: target.id });
    await dispatch();
    const threads = (await u.caller.notifications.inbox.list({})).items.filter((i) => i.ruleId === r.id);
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ id: first!.id, count: 3, read: false, archived: false, title: `${target.email}: user.deactivated` });
    const detail = await u.caller.notifications.inbox.thread({ threadId: first!.id });
    expect(detail.items.map((i) => i.title)).toEqual([`${target.email}: user.deactivated`, `${target.email}: user.reactivated`, `${target.email}: user.deactivated`]);
  });

  it("an expired thread leaves the inbox", async () => {
    const u = await userOf(t, ["users.read"]);
    await t.admin.notifications.rules.create(rule({ name: "Short-lived", expiresAfterDays: 1, recipientUserIds: [u.id] }) as never);
    await dispatch();
    await t.admin.users.create({ email: `e-${++n}@example.com`, name: "E", roleIds: [u.roleId], password: STRONG_PASSWORD });
    await dispatch();
    expect((await u.caller.notifications.inbox.list({})).items.filter((i) => i.title.startsWith("New user e-"))).toHaveLength(1);
    h.clock.advance(2 * 86_400_000);
    try {
      expect((await u.caller.notifications.inbox.list({})).items.filter((i) => i.title.startsWith("New user e-"))).toHaveLength(0);
    } finally {
      h.clock.advance(-2 * 86_400_000);
    }
  });
});
