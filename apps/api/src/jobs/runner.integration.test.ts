import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../test/harness.js";
import { startJobs } from "./runner.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

describe("job runner", () => {
  it("seals new audit entries shortly after they commit, and stops cleanly", async () => {
    const t = await h.makeTenant();
    const jobs = startJobs(h.services, { sealEveryMs: 50, retentionEveryMs: 60_000 });
    try {
      const deadline = Date.now() + 10_000;
      while ((await h.db.prisma.auditEntry.count({ where: { sealedAt: null } })) > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await h.db.prisma.auditEntry.count({ where: { sealedAt: null } })).toBe(0);
      expect(await t.admin.audit.verify()).toMatchObject({ ok: true, unsealed: 0 });
    } finally {
      await jobs.stop();
    }
  });
});
