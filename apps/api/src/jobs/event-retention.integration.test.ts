import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../test/harness.js";
import { dispatchBatch } from "../events/dispatcher.js";
import { record } from "../lib/record.js";
import { systemScope } from "../lib/scope.js";
import { purgeDispatchedEvents } from "./retention.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

const DAY = 24 * 60 * 60 * 1000;

async function emit(tenantId: string | null, name: string) {
  await h.db.prisma.$transaction((tx) =>
    tenantId
      ? record(tx, systemScope(h.services), { type: "role.created", tenantId, payload: { roleId: name, name } })
      : record(tx, systemScope(h.services), { type: "module.created", tenantId: null, payload: { moduleKey: name } }),
  );
}

async function names(tenantId: string | null): Promise<string[]> {
  const rows = await h.db.prisma.event.findMany({ where: { tenantId, type: { in: ["role.created", "module.created"] } }, orderBy: { position: "asc" }, select: { payload: true } });
  return rows.map((r) => {
    const p = r.payload as { name?: string; moduleKey?: string };
    return p.name ?? p.moduleKey!;
  });
}

describe("event retention", () => {
  it("purges only dispatched events older than their tenant's setting (platform events: 30 days), in bounded batches", async () => {
    const a = await h.makeTenant();
    const b = await h.makeTenant();
    await a.admin.settings.update({ compliance: { eventRetentionDays: 10 } });
    const now = h.clock.now();
    for (const [age, label] of [[40, "old"], [20, "mid"], [0, "new"]] as const) {
      h.clock.set(new Date(now.getTime() - age * DAY));
      for (const [owner, id] of [[a.tenantId, "a"], [b.tenantId, "b"], [null, "p"]] as const) {
        await emit(owner, `${id}-${label}-1`);
        await emit(owner, `${id}-${label}-2`);
      }
    }
    h.clock.set(now);
    while ((await dispatchBatch(h.services, [])).claimed > 0);
    // Old but never dispatched: kept.
    h.clock.set(new Date(now.getTime() - 40 * DAY));
    await emit(a.tenantId, "a-pending");
    h.clock.set(now);

    // Bounded: at most batchSize x maxBatches per owner and run.
    expect(await purgeDispatchedEvents(h.services, { batchSize: 1, maxBatches: 1 })).toBe(3);
    await purgeDispatchedEvents(h.services, { batchSize: 2 });
    expect(await names(a.tenantId)).toEqual(["a-new-1", "a-new-2", "a-pending"]);
    expect(await names(b.tenantId)).toEqual(["b-mid-1", "b-mid-2", "b-new-1", "b-new-2"]);
    expect(await names(null)).toEqual(["p-mid-1", "p-mid-2", "p-new-1", "p-new-2"]);
    expect(await purgeDispatchedEvents(h.services)).toBe(0);
  });
});
