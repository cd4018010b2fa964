// The tenant's audit log: combined filters with keyset pages, one entry in detail, a streamed CSV export,
// and verification of the hash chain (reporting the first broken link and the entries not sealed yet).
import type { AuditBreakKind, AuditFilters, ListAuditInput } from "@tenancy/contracts";
import type { AuditEntryModel as AuditEntry, Prisma } from "@tenancy/db";
import type { z } from "zod";
import { AppError } from "../../lib/app-error.js";
import { entryHash, type ChainedEntry } from "../../lib/audit-chain.js";
import { afterCursor, decodeCursor, page } from "../../lib/cursor.js";
import { record } from "../../lib/record.js";
import type { TenantScope } from "../../lib/scope.js";
import { zonedDayStart } from "../../lib/time.js";

export const toDto = (e: AuditEntry) => ({
  id: e.id,
  tenantId: e.tenantId,
  action: e.action,
  crud: e.crud,
  module: e.module,
  actor: { type: e.actorType, id: e.actorId, name: e.actorName },
  target: { type: e.targetType, id: e.targetId, name: e.targetName },
  changes: e.changes ?? null,
  ip: e.ip,
  userAgent: e.userAgent,
  success: e.success,
  eventVersion: e.eventVersion,
  createdAt: e.createdAt,
  seq: e.seq === null ? null : e.seq.toString(),
});

export async function filterWhere(scope: TenantScope, f: z.infer<typeof AuditFilters>): Promise<Prisma.AuditEntryWhereInput> {
  const where: Prisma.AuditEntryWhereInput = {};
  if (f.action) where.action = f.action;
  if (f.module) where.module = f.module;
  if (f.actorId) where.actorId = f.actorId;
  if (f.targetId) where.targetId = f.targetId;
  if (f.targetType) where.targetType = f.targetType;
  if (f.from || f.to) {
    const zone = scope.timeZone;
    where.createdAt = {
      ...(f.from ? { gte: zonedDayStart(f.from, zone, 0) } : {}),
      ...(f.to ? { lt: zonedDayStart(f.to, zone, 1) } : {}),
    };
  }
  return where;
}

export async function list(scope: TenantScope, input: z.infer<typeof ListAuditInput>) {
  const where = await filterWhere(scope, input);
  const rows = await scope.db.auditEntry.findMany({
    where: { AND: [where, afterCursor(decodeCursor(input.cursor))] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const result = page(rows, input.limit);
  return { items: result.items.map(toDto), nextCursor: result.nextCursor };
}

export async function get(scope: TenantScope, entryId: string) {
  const entry = await scope.db.auditEntry.findUnique({ where: { id: entryId } });
  if (!entry) throw new AppError("AUDIT_ENTRY_NOT_FOUND", "This audit entry does not exist in your workspace.");
  return toDto(entry);
}

/** Yields the filtered entries newest first, in keyset batches, so an export of any size has flat memory. */
export async function* stream(scope: TenantScope, filters: z.infer<typeof AuditFilters>, batch = 1000) {
  const where = await filterWhere(scope, filters);
  let cursor: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const rows = await scope.db.auditEntry.findMany({
      where: { AND: [where, afterCursor(cursor)] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: batch,
    });
    for (const row of rows) yield row;
    if (rows.length < batch) return;
    const last = rows[rows.length - 1]!;
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}

export async function recordExport(scope: TenantScope, rows: number, filters: Record<string, unknown>) {
  await scope.db.$transaction((tx) =>
    record(tx, scope, { type: "audit.exported", tenantId: scope.tenantId, target: { type: "audit_log", id: null }, changes: { filters, rows }, payload: { rows, filters } }),
  );
}

/** Entries one verify call checks at most: a call never walks a million rows, the client continues. */
export const VERIFY_PAGE = 5000;

/**
 * Walks one page of the tenant's chain, from the retention purge point or from `fromSeq`, and reports the
 * first broken link. The last page also checks that the chain reaches its head.
 */
export async function verify(scope: TenantScope, { fromSeq, pageSize = VERIFY_PAGE }: { fromSeq?: bigint; pageSize?: number } = {}) {
  const chain = await scope.db.auditChain.get();
  const purgedThroughSeq = chain?.purgedThroughSeq ?? 0n;
  const lastSeq = chain?.lastSeq ?? 0n;
  const unsealed = await scope.db.auditEntry.count({ where: { sealedAt: null } });
  if (fromSeq && fromSeq > lastSeq + 1n) throw new AppError("BAD_INPUT", "This continuation point is past the end of the audit chain; start the verification again.", { field: "fromSeq" });
  let expectedSeq = fromSeq && fromSeq > purgedThroughSeq + 1n ? fromSeq : purgedThroughSeq + 1n;
  let checked = 0;
  const report = (firstBroken: { seq: bigint; entryId: string | null; kind: AuditBreakKind; throughSeq?: bigint; reason: string } | null, nextSeq: bigint | null = null) => ({
    ok: firstBroken === null,
    checked,
    unsealed,
    purgedThroughSeq: purgedThroughSeq.toString(),
    lastSeq: lastSeq.toString(),
    firstBroken: firstBroken && { ...firstBroken, seq: firstBroken.seq.toString(), throughSeq: firstBroken.throughSeq?.toString() ?? null },
    nextSeq: nextSeq === null ? null : nextSeq.toString(),
  });
  // The link into this page: the purge point's hash, or the hash of the entry before it (checked by the
  // previous page).
  let prev = chain?.purgedThroughHash ?? "";
  if (expectedSeq > purgedThroughSeq + 1n) {
    const before = await scope.db.auditEntry.findFirst({ where: { seq: expectedSeq - 1n }, select: { hash: true } });
    if (!before?.hash) return report({ seq: expectedSeq - 1n, entryId: null, kind: "missing", reason: `Entry ${expectedSeq - 1n} is missing (deleted).` });
    prev = before.hash;
  }
  const end = expectedSeq + BigInt(pageSize);
  while (expectedSeq < end) {
    const take = Number(end - expectedSeq < 1000n ? end - expectedSeq : 1000n);
    const rows = await scope.db.auditEntry.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take });
    for (const row of rows) {
      if (row.seq !== expectedSeq) return report({ seq: expectedSeq, entryId: null, kind: "missing", reason: `Entry ${expectedSeq} is missing (deleted).` });
      if (row.prevHash !== prev) return report({ seq: row.seq, entryId: row.id, kind: "link_mismatch", reason: "Its link to the previous entry does not match." });
      if (row.hash !== entryHash(prev, row.seq, row as ChainedEntry)) return report({ seq: row.seq, entryId: row.id, kind: "content_changed", reason: "Its content was changed after it was sealed." });
      prev = row.hash;
      expectedSeq += 1n;
      checked += 1;
    }
    if (rows.length < take) break;
  }
  if (expectedSeq === end && expectedSeq <= lastSeq) return report(null, expectedSeq);
  if (expectedSeq - 1n !== lastSeq && lastSeq > purgedThroughSeq) {
    return report({ seq: expectedSeq, entryId: null, kind: "missing", throughSeq: lastSeq, reason: `Entries ${expectedSeq} to ${lastSeq} are missing (deleted).` });
  }
  if (chain && lastSeq > purgedThroughSeq && chain.lastHash !== prev) {
    return report({ seq: lastSeq, entryId: null, kind: "head_mismatch", reason: "The newest entry does not match the chain head." });
  }
  return report(null);
}
