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
});
