// The platform audit log: what happened at platform level (entries without a tenant: platform admins signing
// in, added, reset, deactivated; sign-ins without a workspace) and what platform admins did inside tenants
// (a tenant created, edited, suspended with its reason, reactivated, its admin's password reset). The tenant
// audit log's filters, with days counted in a time zone the caller names (a platform admin has no tenant's),
// keyset pages in (createdAt, id) order, and a stream of the same rows for the CSV export.
import type { PlatformAuditFilters, ListPlatformAuditInput } from "@tenancy/contracts";
import type { Prisma } from "@tenancy/db";
import type { z } from "zod";
import { afterCursor, decodeCursor, page } from "../../lib/cursor.js";
import { record } from "../../lib/record.js";
import type { Scope } from "../../lib/scope.js";
import { zonedDayStart } from "../../lib/time.js";
import { toDto } from "../audit/service.js";

/** Which entries are the platform's: no tenant, or a platform admin's action (in any tenant). */
export const PLATFORM_ENTRIES: Prisma.AuditEntryWhereInput = { OR: [{ tenantId: null }, { actorType: "platform_admin" }] };

const WITH_TENANT = { tenant: { select: { id: true, slug: true, name: true } } } as const satisfies Prisma.AuditEntryInclude;
const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] as const satisfies Prisma.AuditEntryOrderByWithRelationInput[];

export function filterWhere(f: z.infer<typeof PlatformAuditFilters>): Prisma.AuditEntryWhereInput {
  const where: Prisma.AuditEntryWhereInput = {};
  if (f.action) where.action = f.action;
  if (f.module) where.module = f.module;
  if (f.actorId) where.actorId = f.actorId;
  if (f.targetId) where.targetId = f.targetId;
  if (f.targetType) where.targetType = f.targetType;
  if (f.from || f.to) {
    const zone = f.timeZone ?? "UTC";
    where.createdAt = {
      ...(f.from ? { gte: zonedDayStart(f.from, zone, 0) } : {}),
      ...(f.to ? { lt: zonedDayStart(f.to, zone, 1) } : {}),
    };
  }
  return where;
}

type Row = Prisma.AuditEntryGetPayload<{ include: typeof WITH_TENANT }>;
const toPlatformDto = (row: Row) => ({ ...toDto(row), tenant: row.tenant });

export async function list(scope: Scope, input: z.infer<typeof ListPlatformAuditInput>) {
  const rows = await scope.prisma.auditEntry.findMany({
    where: { AND: [PLATFORM_ENTRIES, filterWhere(input), afterCursor(decodeCursor(input.cursor))] },
    orderBy: [...NEWEST_FIRST],
    take: input.limit + 1,
    include: WITH_TENANT,
  });
  const result = page(rows, input.limit);
  return { items: result.items.map(toPlatformDto), nextCursor: result.nextCursor };
}

/** Yields the filtered entries newest first, in keyset batches, so an export of any size has flat memory. */
export async function* stream(scope: Scope, filters: z.infer<typeof PlatformAuditFilters>, batch = 1000) {
  const where = filterWhere(filters);
  let cursor: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const rows = await scope.prisma.auditEntry.findMany({ where: { AND: [PLATFORM_ENTRIES, where, afterCursor(cursor)] }, orderBy: [...NEWEST_FIRST], take: batch });
    for (const row of rows) yield row;
    if (rows.length < batch) return;
    const last = rows[rows.length - 1]!;
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}

export async function recordExport(scope: Scope, rows: number, filters: Record<string, unknown>) {
  await scope.prisma.$transaction((tx) =>
    record(tx, scope, { type: "audit.exported", tenantId: null, target: { type: "audit_log", id: null }, changes: { filters, rows }, payload: { rows, filters } }),
  );
}
