// A real worker process killed with SIGKILL mid-batch and restarted: nothing lost, nothing dispatched twice,
// each tenant's order kept. PostgreSQL only: on PGlite the database lives in one process.
import { testServerUrl } from "@tenancy/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../test/harness.js";
import { crashWorkerMidStream } from "../../test/worker-crash.js";

describe.skipIf(!testServerUrl())("event dispatcher across a worker crash", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h?.close());

  it("a worker SIGKILLed mid-batch and restarted dispatches every event exactly once, in each tenant's order", async () => {
    const tenants = await Promise.all([1, 2, 3].map(() => h.makeTenant()));
    const run = await crashWorkerMidStream(
      h,
      tenants.map((t) => t.tenantId),
      { count: 120 },
    );
    expect(run.eventIds.length).toBe(120);
    const rows = await h.db.prisma.event.findMany({ orderBy: { position: "asc" }, select: { id: true, tenantId: true, dispatchedAt: true, dispatchSeq: true, attempts: true } });
    expect(rows.filter((r) => r.dispatchedAt === null || r.dispatchSeq === null)).toEqual([]);
    expect(new Set(rows.map((r) => r.dispatchSeq)).size).toBe(rows.length);
    expect(rows.filter((r) => r.attempts > 0)).toEqual([]);
    // The stream was written one transaction after another, so position order is commit order: per tenant,
    // dispatch numbers follow it.
    for (const tenantId of new Set(rows.map((r) => r.tenantId))) {
      const seqs = rows.filter((r) => r.tenantId === tenantId).map((r) => r.dispatchSeq!);
      expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  }, 240_000);

  it("a worker SIGKILLed mid-batch and restarted leaves every inbox with each notification exactly once", async () => {
    const tenants = await Promise.all([1, 2].map(() => h.makeTenant()));
    for (const t of tenants) {
      await t.admin.notifications.rules.create({
        name: "Roles made",
        eventTypes: ["role.created"],
        recipientUserIds: [t.adminId],
        templates: { en: { title: "Role {name} created", body: "" } },
      } as never);
    }
    const run = await crashWorkerMidStream(
      h,
      tenants.map((t) => t.tenantId),
      { count: 90 },
    );
    for (const t of tenants) {
      const events = await h.db.prisma.event.findMany({ where: { id: { in: run.eventIds }, tenantId: t.tenantId }, select: { id: true } });
      const notes = await h.db.prisma.notification.findMany({ where: { tenantId: t.tenantId, userId: t.adminId, eventId: { in: run.eventIds } }, select: { eventId: true, threadId: true } });
      // Nothing lost: one notification per event of the stream; nothing twice.
      expect(notes.map((n) => n.eventId).sort()).toEqual(events.map((e) => e.id).sort());
      // Nothing counted twice either: each thread's count is the number of notifications it holds.
      const threads = await h.db.prisma.notificationThread.findMany({ where: { tenantId: t.tenantId, userId: t.adminId, id: { in: [...new Set(notes.map((n) => n.threadId))] } }, select: { id: true, count: true } });
      for (const thread of threads) expect(thread.count).toBe(notes.filter((n) => n.threadId === thread.id).length);
    }
  }, 240_000);
});
