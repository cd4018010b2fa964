// events.live through createCaller with a real context: dispatched events of the caller's tenant only, in
// dispatch order, resumed after lastEventId without gap or repeat, bounded backlog, filters and permissions,
// one read per tenant per signal whatever the number of connections, and the end of the stream with the
// session. Dispatch is simulated as the dispatcher does it (live-test-support.ts).
import { EVENT_TYPES, type LiveEventsItem } from "@tenancy/contracts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHarness, STRONG_PASSWORD, type Harness } from "../../../test/harness.js";
import { appRouter } from "../../root.js";
import type { Context } from "../../trpc/context.js";
import { createCallerFactory } from "../../trpc/init.js";
import { BACKLOG_LIMIT, feedOf, MAX_QUEUED } from "./live-service.js";
import { dispatchPending, reader } from "./live-test-support.js";

type Tenant = Awaited<ReturnType<Harness["makeTenant"]>>;
type Caller = ReturnType<Harness["caller"]>;

let h: Harness;
let alpha: Tenant;
let bravo: Tenant;
const aborts: AbortController[] = [];
let n = 0;

beforeAll(async () => {
  h = await createHarness();
  alpha = await h.makeTenant();
  bravo = await h.makeTenant();
  await dispatchPending(h);
});
afterEach(() => {
  for (const a of aborts.splice(0)) a.abort();
});
afterAll(async () => {
  await h?.close();
});

/** Opens events.live as `caller` (its cookie), with a signal the test aborts afterwards, as a closed connection would. */
async function open(caller: Caller, input: { types?: string[]; modules?: string[]; lastEventId?: string | null } = {}) {
  const abort = new AbortController();
  aborts.push(abort);
  const ctx: Context = {
    ...h.services,
    request: { ip: "203.0.113.9", userAgent: "vitest", requestId: `live-${++n}` },
    cookies: caller.cookies,
    sessionCookieName: "session",
    hub: h.hub,
  };
  const iterable = (await createCallerFactory(appRouter)(ctx, { signal: abort.signal }).events.live(input)) as AsyncIterable<unknown>;
  const it = iterable[Symbol.asyncIterator]();
  const read = reader(it);
  return {
    abort,
    /** The next item as [id, data] (tracked), or "timeout". */
    async next(ms?: number): Promise<[string, LiveEventsItem] | "timeout"> {
      return (await read(ms)) as [string, LiveEventsItem] | "timeout";
    },
    /** The next `count` events, failing on a timeout. */
    async events(count: number) {
      const out: { id: string; type: string; payload: unknown; seq: string }[] = [];
      while (out.length < count) {
        const item = await this.next();
        if (item === "timeout") throw new Error(`timed out after ${out.length} of ${count} events`);
        const [id, data] = item;
        if (data.kind === "event") out.push({ id, type: data.event.type, payload: data.event.payload, seq: data.event.seq });
      }
      return out;
    },
    it,
  };
}

const role = (t: Tenant, name = `Role ${++n}`) => t.admin.roles.create({ name, permissions: ["audit.read"] });

/** A user of `t` holding exactly `permissions`, signed in with the password changed. */
async function userWith(t: Tenant, permissions: string[]) {
  const r = await t.admin.roles.create({ name: `Only ${++n}`, permissions: permissions as never });
  const email = `live-${++n}@example.com`;
  const { user } = await t.admin.users.create({ email, name: "Live User", roleIds: [r.id], password: STRONG_PASSWORD });
  const c = h.caller();
  await c.auth.login({ email, password: STRONG_PASSWORD, workspace: t.slug });
  const password = `${STRONG_PASSWORD} live ${n}`;
  await c.auth.changePassword({ currentPassword: STRONG_PASSWORD, newPassword: password });
  await dispatchPending(h);
  return { caller: c, userId: user.id, roleId: r.id };
}

describe("events.live", () => {
  it("sends the tenant's newly dispatched events in dispatch order, with the sequence as event id; nothing from before it opened", async () => {
    await role(alpha, "Before the stream");
    await dispatchPending(h);
    const stream = await open(alpha.admin);
    await role(alpha, "First");
    await role(alpha, "Second");
    await dispatchPending(h);
    const events = await stream.events(2);
    expect(events.map((e) => [e.type, (e.payload as { name: string }).name])).toEqual([
      ["role.created", "First"],
      ["role.created", "Second"],
    ]);
    expect(events.map((e) => e.id)).toEqual(events.map((e) => e.seq));
    expect(BigInt(events[1]!.seq)).toBeGreaterThan(BigInt(events[0]!.seq));
    expect(await stream.next(300)).toBe("timeout");
  });

  it("never sends a subscriber of tenant B an event of tenant A, even when A's signal is delivered to everyone (resync)", async () => {
    const bStream = await open(bravo.admin);
    const aStream = await open(alpha.admin);
    await role(alpha, "Alpha secret role");
    await dispatchPending(h);
    h.hub.deliver([{ resync: true }]);
    expect((await aStream.events(1))[0]!.payload).toMatchObject({ name: "Alpha secret role" });
    expect(await bStream.next(500)).toBe("timeout");
    await role(bravo, "Bravo role");
    await dispatchPending(h);
    const [own] = await bStream.events(1);
    expect(own!.payload).toMatchObject({ name: "Bravo role" });
  });

  it("waits for the dispatch: an event committed but not dispatched is not sent, and is sent once dispatched", async () => {
    const stream = await open(alpha.admin);
    await role(alpha, "Pending");
    h.hub.deliver([{ resync: true }]);
    expect(await stream.next(300)).toBe("timeout");
    await dispatchPending(h);
    expect((await stream.events(1))[0]!.payload).toMatchObject({ name: "Pending" });
  });

  it("resumes after lastEventId with every event missed meanwhile, once each, then continues live", async () => {
    const first = await open(alpha.admin);
    await role(alpha, "Seen");
    await dispatchPending(h);
    const [seen] = await first.events(1);
    first.abort.abort();
    await role(alpha, "Missed 1");
    await role(alpha, "Missed 2");
    await dispatchPending(h);
    const again = await open(alpha.admin, { lastEventId: seen!.id });
    await role(alpha, "After");
    await dispatchPending(h);
    const events = await again.events(3);
    expect(events.map((e) => (e.payload as { name: string }).name)).toEqual(["Missed 1", "Missed 2", "After"]);
    expect(await again.next(300)).toBe("timeout");
  });

  it(`sends at most ${BACKLOG_LIMIT} missed events on resume, after a gap naming how many were left out`, async () => {
    await dispatchPending(h);
    const [{ seq: from }] = (await h.db.sql.query<{ seq: string }>(`SELECT coalesce(max("dispatchSeq"), 0)::text AS seq FROM events`)) as [{ seq: string }];
    const extra = 37;
    await h.db.sql.query(
      `INSERT INTO events (id, "tenantId", type, version, module, payload, "dispatchedAt", "dispatchSeq")
       SELECT gen_random_uuid(), $1, 'role.created', 1, 'core', jsonb_build_object('roleId', i::text, 'name', 'Bulk ' || i), now(), nextval('events_dispatch_seq')
       FROM generate_series(1, $2::int) AS i`,
      [alpha.tenantId, BACKLOG_LIMIT + extra],
    );
    const stream = await open(alpha.admin, { lastEventId: from });
    const gap = await stream.next();
    expect(gap).not.toBe("timeout");
    expect((gap as [string, LiveEventsItem])[1]).toEqual({ kind: "gap", missed: extra });
    const events = await stream.events(BACKLOG_LIMIT);
    expect((events[0]!.payload as { name: string }).name).toBe(`Bulk ${extra + 1}`);
    expect((events.at(-1)!.payload as { name: string }).name).toBe(`Bulk ${BACKLOG_LIMIT + extra}`);
    expect(await stream.next(300)).toBe("timeout");
  });

  it(`a connection more than ${MAX_QUEUED} rows behind (a stalled client) drops its queue and reads again when it catches up, bounded like a resume`, async () => {
    const stream = await open(alpha.admin);
    const total = MAX_QUEUED + 600;
    await h.db.sql.query(
      `INSERT INTO events (id, "tenantId", type, version, module, payload, "dispatchedAt", "dispatchSeq")
       SELECT gen_random_uuid(), $1, 'role.created', 1, 'core', jsonb_build_object('roleId', i::text, 'name', 'Stalled ' || i), now(), nextval('events_dispatch_seq')
       FROM generate_series(1, $2::int) AS i`,
      [alpha.tenantId, total],
    );
    const [{ seq }] = (await h.db.sql.query<{ seq: string }>(`SELECT max("dispatchSeq")::text AS seq FROM events`)) as [{ seq: string }];
    h.hub.deliver([{ tenantId: alpha.tenantId, seq }]);
    for (let i = 0; i < 100 && feedOf(h.hub, alpha.tenantId)!.head < BigInt(seq); i++) await new Promise((r) => setTimeout(r, 50));
    expect((await stream.next())?.[1]).toEqual({ kind: "gap", missed: total - BACKLOG_LIMIT });
    const events = await stream.events(BACKLOG_LIMIT);
    expect((events[0]!.payload as { name: string }).name).toBe(`Stalled ${total - BACKLOG_LIMIT + 1}`);
    expect((events.at(-1)!.payload as { name: string }).name).toBe(`Stalled ${total}`);
    expect(await stream.next(300)).toBe("timeout");
  });

  it("filters by types and modules", async () => {
    const byType = await open(alpha.admin, { types: ["role.deleted"] });
    const byModule = await open(alpha.admin, { modules: ["billing"] });
    const r = await role(alpha, "Doomed");
    await alpha.admin.roles.delete({ roleId: r.id });
    await dispatchPending(h);
    expect((await byType.events(1)).map((e) => e.type)).toEqual(["role.deleted"]);
    expect(await byType.next(300)).toBe("timeout");
    expect(await byModule.next(300)).toBe("timeout");
  });

  it("skips events the user may not read, and refuses users without audit.read and platform admins", async () => {
    const auditor = await userWith(alpha, ["audit.read"]);
    const stream = await open(auditor.caller);
    await role(alpha, "Not for auditors");
    const c = h.caller();
    await c.auth.login({ email: alpha.adminEmail, password: alpha.adminPassword, workspace: alpha.slug });
    await dispatchPending(h);
    // role.created needs roles.manage; the sign-in (session.created) needs audit.read only
    expect((await stream.events(1)).map((e) => e.type)).toEqual(["session.created"]);
    expect(await stream.next(300)).toBe("timeout");

    const reader = await userWith(alpha, ["users.read"]);
    await expect(open(reader.caller)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(open(await h.platformAdmin())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(open(h.caller())).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("ends the stream when the user is deactivated, and when audit.read is taken from their role", async () => {
    const gone = await userWith(alpha, ["audit.read"]);
    const demoted = await userWith(alpha, ["audit.read", "users.read"]);
    const goneStream = await open(gone.caller);
    const demotedStream = await open(demoted.caller);
    await alpha.admin.users.deactivate({ userId: gone.userId });
    await alpha.admin.roles.update({ roleId: demoted.roleId, name: "Demoted", permissions: ["users.read"] });
    await dispatchPending(h);
    await expect(goneStream.next()).rejects.toMatchObject({ cause: { code: "ACCOUNT_DEACTIVATED" } });
    // the deactivation (users.read) may come first; the role change ends the stream
    await expect(demotedStream.events(5)).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
  });

  it("reads once per tenant per signal, shared by 40 connections of that tenant, each getting every event once", async () => {
    const streams = await Promise.all(Array.from({ length: 40 }, () => open(bravo.admin)));
    expect(feedOf(h.hub, bravo.tenantId)?.listeners).toBe(40);
    const before = feedOf(h.hub, bravo.tenantId)!.reads;
    await role(bravo, "Fan-out 1");
    await role(bravo, "Fan-out 2");
    await dispatchPending(h);
    const received = await Promise.all(streams.map((s) => s.events(2)));
    for (const events of received) expect(events.map((e) => (e.payload as { name: string }).name)).toEqual(["Fan-out 1", "Fan-out 2"]);
    expect(feedOf(h.hub, bravo.tenantId)!.reads - before).toBe(1);
    await Promise.all(streams.map((s) => s.next(200)));
    for (const s of streams) s.abort.abort();
    await Promise.all(streams.map((s) => s.next(500).catch(() => undefined)));
    expect(feedOf(h.hub, bravo.tenantId)).toBeUndefined();
  });

  it("events.catalog: every event type for any signed-in tenant user or platform admin; refused without a session", async () => {
    const nobody = await userWith(alpha, []);
    const forUser = await nobody.caller.events.catalog();
    const forPlatform = await (await h.platformAdmin()).events.catalog();
    expect(forUser.events).toHaveLength(EVENT_TYPES.length);
    expect(forPlatform).toEqual(forUser);
    expect(forUser.events.find((e) => e.type === "user.deactivated")).toMatchObject({ module: "core", permission: "users.read", schema: { type: "object" } });
    await expect(h.caller().events.catalog()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
