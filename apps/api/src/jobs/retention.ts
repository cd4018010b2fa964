// Retention job: deletes each tenant's sealed audit entries older than its retention period, from the
// start of the chain, and records the purge point (last purged position and hash) so the remaining
// chain still verifies. The purge itself is audited.
import { record } from "../lib/record.js";
import { systemScope, type Services } from "../lib/scope.js";

const DAY = 24 * 60 * 60 * 1000;

/** Purges what is due for every tenant; returns the number of audit entries deleted. */
export async function purgeExpiredAuditEntries(services: Services): Promise<number> {
  const tenants = await services.prisma.tenant.findMany({ select: { id: true, auditRetentionDays: true } });
  let total = 0;
  for (const tenant of tenants) total += await purgeTenant(services, tenant.id, tenant.auditRetentionDays);
  return total;
}

async function purgeTenant(services: Services, tenantId: string, days: number): Promise<number> {
  const { prisma, clock } = services;
  const cutoff = new Date(clock.now().getTime() - days * DAY);
  return prisma.$transaction(async (tx) => {
    const [chain] = await tx.$queryRawUnsafe<Array<{ lastSeq: bigint; purgedThroughSeq: bigint }>>(
      `SELECT "lastSeq", "purgedThroughSeq" FROM audit_chains WHERE "chainId" = $1::uuid FOR UPDATE`,
      tenantId,
    );
    if (!chain) return 0;
    // Purge a prefix of the chain: up to just before the first sealed entry that is still within retention.
    const keep = await tx.auditEntry.findFirst({
      where: { tenantId, seq: { gt: chain.purgedThroughSeq }, createdAt: { gte: cutoff } },
      orderBy: { seq: "asc" },
      select: { seq: true },
    });
    const through = keep?.seq ? keep.seq - 1n : BigInt(chain.lastSeq);
    if (through <= BigInt(chain.purgedThroughSeq)) return 0;
    const boundary = await tx.auditEntry.findFirst({ where: { tenantId, seq: through }, select: { hash: true } });
    await tx.$executeRawUnsafe(`SET LOCAL tenancy.audit_purge = 'on'`);
    const deleted = await tx.auditEntry.deleteMany({ where: { tenantId, seq: { gt: chain.purgedThroughSeq, lte: through } } });
    await tx.$executeRawUnsafe(`SET LOCAL tenancy.audit_purge = 'off'`);
    await tx.auditChain.update({
      where: { chainId: tenantId },
      data: { purgedThroughSeq: through, purgedThroughHash: boundary?.hash ?? "", purgedAt: clock.now() },
    });
    await record(tx, systemScope(services), {
      type: "audit.purged",
      tenantId,
      target: { type: "audit_log", id: null },
      changes: { throughSeq: through.toString(), count: deleted.count, retentionDays: days },
      payload: { throughSeq: through.toString(), count: deleted.count },
    });
    return deleted.count;
  });
}


/** Platform events (no tenant) are kept this long. */
export const PLATFORM_EVENT_RETENTION_DAYS = 30;

/**
 * Deletes dispatched events older than their tenant's `eventRetentionDays` (platform events: 30 days), in
 * batches of `batchSize`, at most `maxBatches` per tenant and run, so one run never holds long locks; returns
 * how many it deleted. Pending events stay whatever their age: they have not reached their consumers yet.
 */
export async function purgeDispatchedEvents(services: Services, { batchSize = 1000, maxBatches = 20 } = {}): Promise<number> {
  const { prisma, clock } = services;
  const tenants = await prisma.tenant.findMany({ select: { id: true, eventRetentionDays: true } });
  const owners: Array<{ tenantId: string | null; days: number }> = [
    ...tenants.map((t) => ({ tenantId: t.id, days: t.eventRetentionDays })),
    { tenantId: null, days: PLATFORM_EVENT_RETENTION_DAYS },
  ];
  let total = 0;
  for (const { tenantId, days } of owners) {
    const cutoff = new Date(clock.now().getTime() - days * DAY);
    for (let batch = 0; batch < maxBatches; batch++) {
      const deleted = await prisma.$executeRawUnsafe(
        `DELETE FROM events WHERE id IN (
           SELECT id FROM events WHERE "tenantId" IS NOT DISTINCT FROM $1::uuid AND "createdAt" < $2 AND "dispatchedAt" IS NOT NULL
            ORDER BY "createdAt" LIMIT $3)`,
        tenantId,
        cutoff,
        batchSize,
      );
      total += deleted;
      if (deleted < batchSize) break;
    }
  }
  return total;
}
