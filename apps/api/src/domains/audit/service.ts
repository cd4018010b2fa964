// Reading the tenant's audit log: filters, keyset pagination, one entry in detail.
import type { ListAuditInput } from "@tenancy/contracts";
import type { AuditEntryModel as AuditEntry, Prisma } from "@tenancy/db";
import type { z } from "zod";
import { AppError } from "../../lib/app-error.js";
import { afterCursor, decodeCursor, page } from "../../lib/cursor.js";
import type { TenantScope } from "../../lib/scope.js";

const toDto = (e: AuditEntry) => ({
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
});

export async function list(scope: TenantScope, input: z.infer<typeof ListAuditInput>) {
  const where: Prisma.AuditEntryWhereInput = {
    ...(input.action ? { action: input.action } : {}),
    ...(input.module ? { module: input.module } : {}),
    ...(input.actorId ? { actorId: input.actorId } : {}),
    ...(input.from || input.to ? { createdAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lt: input.to } : {}) } } : {}),
  };
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
