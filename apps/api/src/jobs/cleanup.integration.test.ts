import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_EMAIL, createHarness, type Harness } from "../../test/harness.js";
import { cleanUp } from "./cleanup.js";
import { startJobs } from "./runner.js";

let h: Harness;
let adminId: string;
beforeAll(async () => {
  h = await createHarness();
  adminId = (await h.db.prisma.platformAdmin.findUniqueOrThrow({ where: { email: ADMIN_EMAIL }, select: { id: true } })).id;
});
afterAll(async () => h?.close());

const MINUTE = 60 * 1000;

async function seed(prefix: string) {
  const now = h.clock.now().getTime();
  const at = (offsetMs: number) => new Date(now + offsetMs);
  await h.db.prisma.session.createMany({
    data: [
      ...Array.from({ length: 7 }, (_, i) => ({ id: `${prefix}-expired-${i}`, secretHash: "x", platformAdminId: adminId, expiresAt: at(-(i + 1) * MINUTE) })),
      { id: `${prefix}-live`, secretHash: "x", platformAdminId: adminId, expiresAt: at(MINUTE) },
    ],
  });
  await h.db.prisma.loginThrottle.createMany({
    data: [
      // Window over, nothing blocked: stale.
      ...Array.from({ length: 5 }, (_, i) => ({ key: `ip:${prefix}-stale-${i}`, failures: 3, windowStart: at(-20 * MINUTE) })),
      // Window over but the block still runs: kept.
      { key: `account:${prefix}-blocked`, failures: 5, windowStart: at(-20 * MINUTE), blockedUntil: at(5 * MINUTE) },
      // Window still running: kept.
      { key: `ip:${prefix}-current`, failures: 2, windowStart: at(-5 * MINUTE) },
    ],
  });
}

const left = async (prefix: string) => ({
  sessions: (await h.db.prisma.session.findMany({ where: { id: { startsWith: prefix } }, select: { id: true } })).map((s) => s.id),
  throttles: (await h.db.prisma.loginThrottle.findMany({ where: { key: { contains: prefix } }, select: { key: true }, orderBy: { key: "asc" } })).map((t) => t.key),
});

describe("cleanup job", () => {
  it("deletes expired sessions and stale login throttles, at most batchSize rows per statement and maxBatches per run", async () => {
    await seed("batch");
    // 7 expired sessions, batches of 2, at most 2 batches: 4 go now, the rest on the next runs.
    expect(await cleanUp(h.services, { batchSize: 2, maxBatches: 2 })).toBe(4 + 4);
    let rest = await left("batch");
    expect(rest.sessions).toHaveLength(3 + 1);
    expect(rest.throttles).toHaveLength(1 + 2);
    expect(await cleanUp(h.services, { batchSize: 2, maxBatches: 2 })).toBe(3 + 1);
    rest = await left("batch");
    expect(rest).toEqual({ sessions: ["batch-live"], throttles: ["account:batch-blocked", "ip:batch-current"] });
    expect(await cleanUp(h.services, { batchSize: 2, maxBatches: 2 })).toBe(0);
  });

  it("runs from the job runner", async () => {
    await seed("runner");
    const jobs = startJobs(h.services, { sealEveryMs: 60_000, retentionEveryMs: 60_000, cleanupEveryMs: 50 });
    try {
      const deadline = Date.now() + 10_000;
      while ((await left("runner")).sessions.length > 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await left("runner")).toEqual({ sessions: ["runner-live"], throttles: ["account:runner-blocked", "ip:runner-current"] });
    } finally {
      await jobs.stop();
    }
  });
});
