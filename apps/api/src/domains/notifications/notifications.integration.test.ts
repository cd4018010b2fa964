// Notifications end to end against a real database: rules refused at save, the consumer's fan-out (called
// here as the dispatcher will call it, inside a transaction, with events read from the outbox), threads,
// the inbox's mutations, preferences, live snapshots, default rules and the platform inbox.
import { TRPCError } from "@trpc/server";
import type { EventType } from "@tenancy/contracts";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboxEvent } from "../../events/consumer.js";
import { createHarness, STRONG_PASSWORD, type Harness } from "../../../test/harness.js";
import { readdirSync, readFileSync } from "node:fs";
import { MIGRATIONS_DIR } from "@tenancy/db";
import { join } from "node:path";
import { makeModule } from "../../../test/catalog.js";
import { purgeNotifications, warnEndingTrials } from "../../jobs/notifications.js";
import { DEFAULT_RULES } from "./defaults.js";
import { dispatchBatch } from "../../events/dispatcher.js";
import { eventConsumers } from "../../events/consumers.js";
import { snapshots } from "./live.js";
import { notificationsConsumer } from "./platform-consumer.js";

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
    const same = await rejection(t.admin.notifications.rules.update({ ...rule({ recipientUserIds: [t.adminId], name: "Renamed" }), ruleId: created.id, lockVersion: updated.lockVersion } as never));
    expect(same.message).toContain("Nothing to change");
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

describe("inbox mutations", () => {
  let t: Tenant;
  let u: Awaited<ReturnType<typeof userOf>>;
  let ids: string[];
  beforeAll(async () => {
    t = await h.makeTenant();
    u = await userOf(t, ["users.read"]);
    await t.admin.notifications.rules.create(rule({ name: "Inbox", recipientUserIds: [u.id] }) as never);
    for (let i = 0; i < 5; i++) await t.admin.users.create({ email: `i${i}-${++n}@example.com`, name: `I${i}`, roleIds: [u.roleId], password: STRONG_PASSWORD });
    await dispatch();
    ids = (await u.caller.notifications.inbox.list({})).items.map((i) => i.id);
  });

  it("pages by keyset and marks read and unread, one or in bulk", async () => {
    expect(ids).toHaveLength(5);
    const first = await u.caller.notifications.inbox.list({ limit: 2 });
    const second = await u.caller.notifications.inbox.list({ limit: 2, cursor: first.nextCursor! });
    const third = await u.caller.notifications.inbox.list({ limit: 2, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((i) => i.id)).toEqual(ids);
    expect(third.nextCursor).toBeNull();
    await u.caller.notifications.inbox.markRead({ threadIds: ids.slice(0, 3), read: true });
    expect(await u.caller.notifications.inbox.unreadCount()).toEqual({ unread: 2, critical: 0 });
    expect((await u.caller.notifications.inbox.list({ view: "unread" })).items.map((i) => i.id)).toEqual(ids.slice(3));
    await u.caller.notifications.inbox.markRead({ threadIds: [ids[0]!], read: false });
    expect((await u.caller.notifications.inbox.unreadCount()).unread).toBe(3);
  });

  it("archives and unarchives in bulk; archived threads leave the inbox view", async () => {
    await u.caller.notifications.inbox.archive({ threadIds: ids.slice(0, 2), archived: true });
    expect((await u.caller.notifications.inbox.list({})).items.map((i) => i.id)).toEqual(ids.slice(2));
    expect((await u.caller.notifications.inbox.list({ view: "archived" })).items.map((i) => i.id)).toEqual(ids.slice(0, 2));
    await u.caller.notifications.inbox.archive({ threadIds: ids.slice(0, 2), archived: false });
    expect((await u.caller.notifications.inbox.list({})).items).toHaveLength(5);
  });

  it("refuses others' threads with NOT_FOUND and changes nothing, not even the caller's own ids in the call", async () => {
    const other = await userOf(t, ["users.read"]);
    const before = await h.db.prisma.notificationThread.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
    for (const call of [
      () => other.caller.notifications.inbox.markRead({ threadIds: [ids[4]!], read: true }),
      () => other.caller.notifications.inbox.archive({ threadIds: [ids[4]!], archived: true }),
      () => u.caller.notifications.inbox.markRead({ threadIds: [ids[4]!, "0190f2a0-0000-7000-8000-000000000000"], read: true }),
      () => other.caller.notifications.inbox.thread({ threadId: ids[4]! }),
    ]) {
      expect((await rejection(call())).code).toBe("NOT_FOUND");
    }
    expect(await h.db.prisma.notificationThread.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } })).toEqual(before);
  });

  it("40 concurrent markAllRead and archive calls leave a consistent inbox", async () => {
    ids = (await h.db.prisma.notificationThread.findMany({ where: { userId: u.id }, select: { id: true } })).map((r) => r.id);
    await u.caller.notifications.inbox.markRead({ threadIds: ids, read: false });
    await u.caller.notifications.inbox.archive({ threadIds: ids, archived: false });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0 ? u.caller.notifications.inbox.markAllRead() : u.caller.notifications.inbox.archive({ threadIds: [ids[(i - 1) % 10 / 2]!], archived: true }),
      ),
    );
    // Each unread thread was marked read by exactly one markAllRead (each counts only the ones it changed) unless archived first.
    const marked = results.filter((_, i) => i % 2 === 0).reduce((sum, r) => sum + r.count, 0);
    expect(marked).toBeLessThanOrEqual(ids.length);
    const rows = await h.db.prisma.notificationThread.findMany({ where: { id: { in: ids } } });
    expect(rows.filter((r) => r.archivedAt !== null)).toHaveLength(5);
    expect(await u.caller.notifications.inbox.unreadCount()).toEqual({ unread: 0, critical: 0 });
    expect(rows.filter((r) => r.readAt !== null)).toHaveLength(marked);
  });
});

describe("live", () => {
  it("sends a snapshot at start and after a signal naming the user; a tenant B subscriber never gets A's; a reconnect does not resend what was seen", async () => {
    const a = await h.makeTenant();
    const b = await h.makeTenant();
    const ua = await userOf(a, ["users.read"]);
    const ub = await userOf(b, ["users.read"]);
    await a.admin.notifications.rules.create(rule({ name: "Live", recipientUserIds: [ua.id] }) as never);
    await b.admin.notifications.rules.create(rule({ name: "Live", recipientUserIds: [ub.id] }) as never);
    await dispatch();

    const streamA = (await ua.caller.notifications.live()) as AsyncIterable<unknown>;
    const streamB = (await ub.caller.notifications.live()) as AsyncIterable<unknown>;
    const itA = streamA[Symbol.asyncIterator]();
    const itB = streamB[Symbol.asyncIterator]();
    const [startA, startB] = await Promise.all([itA.next(), itB.next()]);
    const snap = (r: IteratorResult<unknown>) => (r.value as [string, { unread: number; latest: { title: string }[] }])[1];
    const idOf = (r: IteratorResult<unknown>) => (r.value as [string, unknown])[0];
    expect(snap(startA).unread).toBe(0);
    expect(snap(startB).unread).toBe(0);

    const nextB = itB.next();
    let bGot = false;
    void nextB.then(() => (bGot = true));
    await a.admin.users.create({ email: `live-${++n}@example.com`, name: "Live", roleIds: [ua.roleId], password: STRONG_PASSWORD });
    const { recipients } = await dispatch();
    h.hub.deliver([...recipients].map(([tenantId, users]) => ({ tenantId, seq: "1", recipients: [...users] })));
    const afterA = await itA.next();
    expect(snap(afterA)).toMatchObject({ unread: 1, latest: [{ title: expect.stringContaining("live-") }] });
    // B's tenant was not signalled and B's inbox did not change: nothing reaches B.
    h.hub.deliver([{ tenantId: b.tenantId, seq: "2", recipients: [ub.id] }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bGot).toBe(false);
    void itA.return?.();
    void itB.return?.();

    // Reconnecting with the last id seen: the unchanged snapshot is not sent again; the next change is.
    const resumed = ((await ua.caller.notifications.live({ lastEventId: idOf(afterA) })) as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const pendingNext = resumed.next();
    let resent = false;
    void pendingNext.then(() => (resent = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resent).toBe(false);
    await a.admin.users.create({ email: `live2-${++n}@example.com`, name: "Live 2", roleIds: [ua.roleId], password: STRONG_PASSWORD });
    await dispatch();
    h.hub.deliver([{ resync: true }]);
    expect(snap(await pendingNext).unread).toBe(2);
    void resumed.return?.();
  });

  it("a live stream reads with the user's current permissions, and ends when the user is deactivated", async () => {
    const t = await h.makeTenant();
    const u = await userOf(t, ["users.read"]);
    await t.admin.notifications.rules.create(rule({ name: "Live perms", recipientUserIds: [u.id] }) as never);
    await t.admin.users.create({ email: `perm-${++n}@example.com`, name: "Perm", roleIds: [u.roleId], password: STRONG_PASSWORD });
    await dispatch();
    const stream = ((await u.caller.notifications.live()) as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    expect(((await stream.next()).value as [string, { unread: number }])[1].unread).toBe(1);
    await t.admin.roles.update({ roleId: u.roleId, permissions: ["billing.read"] });
    h.hub.deliver([{ tenantId: t.tenantId, seq: "9", recipients: [u.id] }]);
    expect(((await stream.next()).value as [string, { unread: number; latest: unknown[] }])[1]).toMatchObject({ unread: 0, latest: [] });
    await t.admin.users.deactivate({ userId: u.id });
    h.hub.deliver([{ tenantId: t.tenantId, seq: "10", recipients: "*" }]);
    await expect(stream.next()).rejects.toMatchObject({ cause: { code: "ACCOUNT_DEACTIVATED" } });
  });

  it("a live stream whose session ended elsewhere (its password reset by an admin) sends nothing more and ends with the session's error", async () => {
    const t = await h.makeTenant();
    const u = await userOf(t, ["users.read"]);
    await t.admin.notifications.rules.create(rule({ name: "Live session", recipientUserIds: [u.id] }) as never);
    await dispatch();
    const stream = ((await u.caller.notifications.live()) as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    expect(((await stream.next()).value as [string, { unread: number }])[1].unread).toBe(0);
    await t.admin.users.resetPassword({ userId: u.id });
    await t.admin.users.create({ email: `after-${++n}@example.com`, name: "After", roleIds: [u.roleId], password: STRONG_PASSWORD });
    await dispatch();
    h.hub.deliver([{ tenantId: t.tenantId, seq: "11", recipients: [u.id] }]);
    await expect(stream.next()).rejects.toMatchObject({ cause: { code: "UNAUTHENTICATED" } });
  });

  it("a live stream leaves the hub when its request is aborted", async () => {
    const before = h.hub.size();
    const abort = new AbortController();
    const it = snapshots(h.hub, "tenant", "user", async () => ({ n: 1 }), { signal: abort.signal })[Symbol.asyncIterator]();
    expect((await it.next()).value).toMatchObject({ data: { n: 1 } });
    expect(h.hub.size()).toBe(before + 1);
    const waiting = it.next();
    abort.abort();
    expect((await waiting).done).toBe(true);
    expect(h.hub.size()).toBe(before);
  });
});

describe("default rules and the platform inbox", () => {
  it("a new tenant gets the default rules, notifying its Tenant Admin role", async () => {
    const t = await h.makeTenant();
    const rules = (await t.admin.notifications.rules.list()).items;
    expect(rules.map((r) => r.key).sort()).toEqual(["invoice_issued", "invoice_overdue", "trial_ending", "usage_100", "usage_80", "user_deactivated"]);
    const adminRole = (await t.admin.roles.list()).items.find((r) => r.key === "tenant_admin")!;
    expect(rules.every((r) => r.recipientRoleIds.length === 1 && r.recipientRoleIds[0] === adminRole.id && r.templates.fr)).toBe(true);
    expect(rules.find((r) => r.key === "usage_100")).toMatchObject({ severity: "critical", conditions: [{ field: "percent", op: "eq", value: 100 }] });
  });

  it("the default rule tells the Tenant Admin that a user was deactivated, in the tenant's language", async () => {
    const t = await h.makeTenant({ language: "fr" });
    const u = await userOf(t, []);
    await t.admin.users.deactivate({ userId: u.id });
    await dispatch();
    const [item] = (await t.admin.notifications.inbox.list({})).items;
    expect(item).toMatchObject({ title: `${u.email} a été désactivé`, link: `/t/users/${u.id}`, severity: "info" });
  });

  it("platform admins get tenant.created in their own inbox; tenant users never see platform threads", async () => {
    const ops = await h.platformAdmin();
    await ops.platform.notifications.inbox.markAllRead();
    const t = await h.makeTenant({ name: "Acme Platform Co" });
    const { recipients } = await dispatch();
    expect(recipients.get(null)?.size).toBeGreaterThan(0);
    const items = (await ops.platform.notifications.inbox.list({})).items;
    expect(items.find((i) => i.title === "New workspace: Acme Platform Co")).toMatchObject({ link: `/platform/tenants/${t.tenantId}`, read: false, ruleId: "tenant_created" });
    expect((await ops.platform.notifications.inbox.unreadCount()).unread).toBeGreaterThan(0);
    expect((await rejection(t.admin.platform.notifications.inbox.list({}))).code).toBe("FORBIDDEN");
    const refused = await rejection(ops.platform.notifications.preferences.setMuted({ ruleId: "invoice_uncollectible", muted: true }));
    expect(refused.code).toBe("CONFLICT");
    await ops.platform.notifications.preferences.setMuted({ ruleId: "tenant_created", muted: true });
    await ops.platform.notifications.inbox.markAllRead();
    await h.makeTenant({ name: "Muted Co" });
    await dispatch();
    expect((await ops.platform.notifications.inbox.list({})).items.find((i) => i.title === "New workspace: Muted Co")).toBeUndefined();
    await ops.platform.notifications.preferences.setMuted({ ruleId: "tenant_created", muted: false });
  });
});

describe("jobs and migration", () => {
  it("a trial ending within 3 days is told once, and the default rule warns the Tenant Admin", async () => {
    const m = await makeModule(h, { trialDays: 14 });
    const t = await h.makeTenant({ language: "en" });
    await t.admin.subscriptions.startTrial({ planId: m.plans.basic });
    await dispatch();
    expect(await warnEndingTrials(h.services)).toBe(0);
    h.clock.advance(12 * 86_400_000);
    try {
      expect(await warnEndingTrials(h.services)).toBe(1);
      expect(await warnEndingTrials(h.services)).toBe(0);
      await dispatch();
      const items = (await t.admin.notifications.inbox.list({})).items.filter((i) => i.eventType === "subscription.trial_ending");
      expect(items).toEqual([expect.objectContaining({ severity: "warning", title: `The ${m.key} trial ends in 2 day(s)`, link: "/t/subscriptions" })]);
    } finally {
      h.clock.advance(-12 * 86_400_000);
    }
  });

  it("retention purges notifications past the tenant's retention and the threads left empty or expired", async () => {
    const t = await h.makeTenant();
    const u = await userOf(t, ["users.read"]);
    const r = await t.admin.notifications.rules.create(rule({ name: "Kept a while", recipientUserIds: [u.id] }) as never);
    await t.admin.users.create({ email: `old-${++n}@example.com`, name: "Old", roleIds: [u.roleId], password: STRONG_PASSWORD });
    await t.admin.users.create({ email: `new-${++n}@example.com`, name: "New", roleIds: [u.roleId], password: STRONG_PASSWORD });
    await dispatch();
    // One of the two notifications (each its own thread: one per new user) is 60 days old; retention is 30 days.
    const [old] = await h.db.prisma.notification.findMany({ where: { ruleId: r.id }, orderBy: { createdAt: "asc" } });
    await h.db.prisma.notification.update({ where: { id: old!.id }, data: { createdAt: new Date(h.clock.now().getTime() - 60 * 86_400_000) } });
    await h.db.prisma.tenant.update({ where: { id: t.tenantId }, data: { notificationRetentionDays: 30 } });
    expect(await purgeNotifications(h.services)).toBeGreaterThanOrEqual(1);
    expect(await h.db.prisma.notificationThread.findMany({ where: { ruleId: r.id }, select: { count: true } })).toEqual([{ count: 1 }]);
    expect(await h.db.prisma.notification.count({ where: { ruleId: r.id } })).toBe(1);
    // An expired thread goes too.
    await h.db.prisma.notificationThread.updateMany({ where: { ruleId: r.id }, data: { expiresAt: h.clock.now() } });
    await purgeNotifications(h.services);
    expect(await h.db.prisma.notificationThread.count({ where: { ruleId: r.id } })).toBe(0);
  });

  it("the migration gives existing tenants the same default rules as a new tenant gets", async () => {
    const t = await h.makeTenant();
    await h.db.prisma.notificationRule.deleteMany({ where: { tenantId: t.tenantId } });
    const dir = readdirSync(MIGRATIONS_DIR).find((d) => d.endsWith("_notifications"))!;
    const sql = readFileSync(join(MIGRATIONS_DIR, dir, "migration.sql"), "utf8");
    await h.db.sql.exec(sql.slice(sql.indexOf("-- Default rules")));
    const rows = await h.db.prisma.notificationRule.findMany({ where: { tenantId: t.tenantId }, orderBy: { key: "asc" } });
    const adminRole = await h.db.prisma.role.findFirstOrThrow({ where: { tenantId: t.tenantId, key: "tenant_admin" } });
    const pick = (r: { key: string | null; name: string; eventTypes: string[]; conditions: unknown; severity: string; templates: unknown }) => ({ key: r.key, name: r.name, eventTypes: r.eventTypes, conditions: r.conditions, severity: r.severity, templates: r.templates });
    expect(rows.map(pick)).toEqual([...DEFAULT_RULES].sort((a, b) => a.key.localeCompare(b.key)).map(pick));
    expect(rows.every((r) => r.enabled && r.recipientRoleIds.join() === adminRole.id)).toBe(true);
  });
});

describe("with the dispatcher", () => {
  it("a notification reaches a second user's open live stream after the first user acts, once", async () => {
    const t = await h.makeTenant();
    const watcher = await userOf(t, ["users.read"]);
    await t.admin.notifications.rules.create(rule({ name: "Dispatched", recipientUserIds: [watcher.id] }) as never);
    const drain = async () => {
      while ((await dispatchBatch(h.services, eventConsumers(h.services))).claimed > 0);
    };
    await drain();
    const stream = ((await watcher.caller.notifications.live()) as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const start = (await stream.next()).value as [string, { unread: number }];
    const next = stream.next();
    await t.admin.users.create({ email: `dispatched-${++n}@example.com`, name: "Dispatched", roleIds: [watcher.roleId], password: STRONG_PASSWORD });
    await drain(); // commits the notification and NOTIFYs the hub (LISTEN on the test database) with its recipients
    const after = (await next).value as [string, { unread: number; latest: { title: string; count: number }[] }];
    expect(after[1].unread).toBe(start[1].unread + 1);
    expect(after[1].latest[0]).toMatchObject({ title: expect.stringContaining("dispatched-"), count: 1 });
    void stream.return?.();
    // Handing the same events again (a crashed batch) changes nothing.
    const events = await h.db.prisma.event.findMany({ where: { tenantId: t.tenantId } });
    await h.db.prisma.$transaction((tx) => consumer.handle(tx, events.map((r) => ({ ...r, type: r.type as EventType, dispatchSeq: r.dispatchSeq ?? r.position, payload: r.payload as Record<string, unknown> })), { clock: h.clock, log: pino({ level: "silent" }) }));
    expect(await h.db.prisma.notification.count({ where: { userId: watcher.id } })).toBe(after[1].unread);
  });
});
