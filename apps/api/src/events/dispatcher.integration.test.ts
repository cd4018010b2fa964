import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../test/harness.js";
import { record } from "../lib/record.js";
import { systemScope } from "../lib/scope.js";
import type { Consumer, OutboxEvent } from "./consumer.js";
import { backoffMs, dispatchBatch, MAX_ATTEMPTS, signalPayloads, startDispatcher } from "./dispatcher.js";
import type { HubSignal } from "./hub.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

let roleCounter = 0;
/** Writes one event for `tenantId` the way every mutation does: record() in its own transaction. */
async function emit(tenantId: string | null): Promise<string> {
  const roleId = `role-${++roleCounter}`;
  await h.db.prisma.$transaction((tx) =>
    tenantId
      ? record(tx, systemScope(h.services), { type: "role.created", tenantId, payload: { roleId, name: roleId } })
      : record(tx, systemScope(h.services), { type: "module.created", tenantId: null, payload: { moduleKey: roleId } }),
  );
  return roleId;
}

/** A consumer that counts what it sees, per event id, in the order it sees it. */
function counting(name: string, fail?: (event: OutboxEvent) => boolean) {
  const seen: OutboxEvent[] = [];
  const counts = new Map<string, number>();
  const calls: number[] = [];
  const consumer: Consumer = {
    name,
    async handle(_tx, events) {
      calls.push(events.length);
      for (const event of events) if (fail?.(event)) throw new Error(`cannot handle ${event.id}`);
      for (const event of events) {
        seen.push(event);
        counts.set(event.id, (counts.get(event.id) ?? 0) + 1);
      }
    },
  };
  return { consumer, seen, counts, calls };
}

async function drain(consumers: Consumer[], limit = 50) {
  while ((await dispatchBatch(h.services, consumers, { limit })).claimed > 0);
}

async function pending() {
  return h.db.prisma.event.count({ where: { dispatchedAt: null } });
}

async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - start;
}

describe("event dispatcher", () => {
  it("hands a batch of several tenants' events to each consumer in one call", async () => {
    const tenants = await Promise.all([1, 2, 3].map(() => h.makeTenant()));
    for (const t of tenants) for (let i = 0; i < 4; i++) await emit(t.tenantId);
    const [one, two] = [counting("one"), counting("two")];
    const batch = await dispatchBatch(h.services, [one.consumer, two.consumer], { limit: 50 });
    expect(batch.dispatched).toBeGreaterThanOrEqual(12);
    // Every consumer was called once, with the whole batch (the tenants of this batch and any left over).
    expect(one.calls).toEqual([batch.dispatched]);
    expect(two.calls).toEqual([batch.dispatched]);
    for (const t of tenants) expect(one.seen.filter((e) => e.tenantId === t.tenantId && e.type === "role.created")).toHaveLength(4);
  });

  it("hands each tenant's events to consumers in position order, with dispatchSeq increasing along", async () => {
    const a = await h.makeTenant();
    const b = await h.makeTenant();
    for (let i = 0; i < 15; i++) {
      await emit(a.tenantId);
      await emit(i % 2 ? b.tenantId : null);
    }
    const c = counting("order");
    await drain([c.consumer], 7);
    expect(await pending()).toBe(0);
    for (const tenantId of [a.tenantId, b.tenantId, null]) {
      const seen = c.seen.filter((e) => e.tenantId === tenantId);
      expect(seen.length).toBeGreaterThan(5);
      const positions = seen.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((x, y) => (x < y ? -1 : 1)));
      const rows = await h.db.prisma.event.findMany({ where: { tenantId, id: { in: seen.map((e) => e.id) } }, orderBy: { position: "asc" }, select: { dispatchSeq: true } });
      const seqs = rows.map((r) => r.dispatchSeq!);
      expect(seqs).toEqual([...seqs].sort((x, y) => (x < y ? -1 : 1)));
      expect(seen.map((e) => e.dispatchSeq)).toEqual(seqs);
    }
  });

  it("delivers every event exactly once to every consumer with two dispatchers and 40 concurrent batches", async () => {
    const tenants = await Promise.all([1, 2, 3, 4, 5].map(() => h.makeTenant()));
    const owners = [...tenants.map((t) => t.tenantId), null];
    for (let i = 0; i < 240; i++) await emit(owners[i % owners.length]!);
    const expected = await h.db.prisma.event.findMany({ where: { dispatchedAt: null }, select: { id: true } });
    expect(expected.length).toBeGreaterThanOrEqual(240);
    const consumers = ["one", "two", "three"].map((name) => counting(name));
    const list = consumers.map((c) => c.consumer);
    const d1 = await startDispatcher(h.services, h.db, list, { pollMs: 20, limit: 9 });
    const d2 = await startDispatcher(h.services, h.db, list, { pollMs: 20, limit: 9 });
    await Promise.all(Array.from({ length: 40 }, () => dispatchBatch(h.services, list, { limit: 9 })));
    await until(async () => (await pending()) === 0, 60_000);
    await d1.stop();
    await d2.stop();
    for (const c of consumers) {
      for (const { id } of expected) expect(c.counts.get(id), `${c.consumer.name} ${id}`).toBe(1);
    }
    const seqs = await h.db.prisma.event.findMany({ where: { id: { in: expected.map((e) => e.id) } }, select: { dispatchSeq: true } });
    expect(seqs.every((s) => s.dispatchSeq !== null)).toBe(true);
    expect(new Set(seqs.map((s) => s.dispatchSeq)).size).toBe(seqs.length);
  }, 120_000);

  it("wakes on the outbox NOTIFY, well before its poll interval; polls when it cannot listen", async () => {
    const t = await h.makeTenant();
    const c = counting("wake");
    const listening = await startDispatcher(h.services, h.db, [c.consumer], { pollMs: 60_000 });
    try {
      await until(async () => (await pending()) === 0, 10_000);
      await emit(t.tenantId);
      const ms = await until(async () => (await pending()) === 0, 5_000);
      expect(ms).toBeLessThan(2_000);
    } finally {
      await listening.stop();
    }
    const polling = await startDispatcher(h.services, h.db, [c.consumer], { pollMs: 100, listen: false });
    try {
      await emit(t.tenantId);
      await until(async () => (await pending()) === 0, 5_000);
    } finally {
      await polling.stop();
    }
  });

  it("retries a failing event with backoff and dead-letters it after 10 attempts, never holding up the rest", async () => {
    const t = await h.makeTenant();
    await drain([]);
    const bad = await emit(t.tenantId);
    const badEvent = await h.db.prisma.event.findFirstOrThrow({ where: { payload: { path: ["roleId"], equals: bad } }, select: { id: true } });
    await emit(t.tenantId);
    const c = counting("flaky", (e) => e.id === badEvent.id);
    const log: Array<{ attempts: number; next: Date | null }> = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const other = await emit(t.tenantId);
      const platform = await emit(null);
      const r = await dispatchBatch(h.services, [c.consumer]);
      expect(r.claimed).toBeGreaterThanOrEqual(3);
      // the other events of the tenant, and of the platform in the same batch, went through
      expect(c.seen.some((e) => (e.payload as { roleId: string }).roleId === other)).toBe(true);
      expect(c.seen.some((e) => (e.payload as { moduleKey?: string }).moduleKey === platform)).toBe(true);
      const row = await h.db.prisma.event.findUniqueOrThrow({ where: { id: badEvent.id } });
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toContain("flaky: cannot handle");
      log.push({ attempts: row.attempts, next: row.nextAttemptAt });
      if (attempt < MAX_ATTEMPTS) {
        expect(row.dispatchedAt).toBeNull();
        const wait = row.nextAttemptAt!.getTime() - h.clock.now().getTime();
        expect(wait).toBeGreaterThanOrEqual(backoffMs(attempt, () => 0));
        expect(wait).toBeLessThanOrEqual(backoffMs(attempt, () => 1));
        // not due yet: a batch now leaves it alone
        h.clock.advance(wait - 1);
        await emit(t.tenantId);
        const early = await dispatchBatch(h.services, [c.consumer]);
        expect(early.failed).toBe(0);
        h.clock.advance(1);
      } else {
        expect(row.dispatchedAt).not.toBeNull();
        expect(row.dispatchSeq).not.toBeNull();
        expect(row.nextAttemptAt).toBeNull();
      }
    }
    expect(await pending()).toBe(0);
    expect(c.counts.get(badEvent.id)).toBeUndefined();
  });

  it("signals a dispatched batch to the hub's subscribers of that tenant only, with the consumers' recipients", async () => {
    const a = await h.makeTenant();
    const b = await h.makeTenant();
    await drain([]);
    const heard: Record<string, HubSignal[]> = { a: [], b: [] };
    const offA = h.hub.subscribe(a.tenantId, (s) => heard.a!.push(s));
    const offB = h.hub.subscribe(b.tenantId, (s) => heard.b!.push(s));
    const notifier: Consumer = {
      name: "notifier",
      async handle(_tx, events) {
        return { recipients: new Map(events.map((e) => [e.tenantId, new Set([a.adminId])])) };
      },
    };
    try {
      await emit(a.tenantId);
      await emit(a.tenantId);
      await drain([notifier]);
      await until(async () => heard.a!.length > 0, 5_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [last] = await h.db.prisma.event.findMany({ where: { tenantId: a.tenantId }, orderBy: { dispatchSeq: "desc" }, take: 1 });
      expect(heard.a).toEqual([{ tenantId: a.tenantId, seq: last!.dispatchSeq!.toString(), recipients: [a.adminId] }]);
      expect(heard.b).toEqual([]);
    } finally {
      offA();
      offB();
    }
  });
});

describe("dispatch signals", () => {
  it("split into NOTIFY payloads under 8000 bytes, and a recipient list too long for one becomes '*'", () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ tenantId: `00000000-0000-7000-8000-${String(i).padStart(12, "0")}`, seq: String(1000 + i) }));
    const payloads = signalPayloads(many);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    expect(payloads.flatMap((p) => JSON.parse(p))).toEqual(many);
    const crowd = { tenantId: null, seq: "1", recipients: Array.from({ length: 500 }, (_, i) => `user-${i}-0000000000000000`) };
    expect(signalPayloads([crowd]).map((p) => JSON.parse(p))).toEqual([[{ ...crowd, recipients: "*" }]]);
  });
});
