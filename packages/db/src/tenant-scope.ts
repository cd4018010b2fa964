// The one place tenant isolation happens: a Prisma client extension bound to a tenant id that adds
// `tenantId` to every filter and every created row of a tenant-owned model. Services receive only the
// scoped client, so a query cannot forget the tenant. Nested relation writes are not rewritten: services
// write each tenant-owned row through its own model call.
import type { PrismaClient } from "./generated/prisma/client.js";

/** Models that carry `tenantId`; a test fails when the schema gains one that is not listed here. */
export const TENANT_MODELS = new Set<string>(["User", "Role", "UserRole", "AuditEntry", "Event"]);

const WHERE_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);

function scopeArgs(operation: string, args: Record<string, unknown> | undefined, tenantId: string) {
  const next: Record<string, unknown> = { ...(args ?? {}) };
  if (WHERE_OPERATIONS.has(operation) || operation === "upsert") {
    next.where = { ...((next.where as object | undefined) ?? {}), tenantId };
  }
  if (operation === "create" || operation === "upsert") {
    const key = operation === "create" ? "data" : "create";
    next[key] = { ...((next[key] as object | undefined) ?? {}), tenantId };
  }
  if (operation === "createMany" || operation === "createManyAndReturn") {
    const data = next.data as object | object[];
    next.data = Array.isArray(data) ? data.map((row) => ({ ...row, tenantId })) : { ...data, tenantId };
  }
  if (operation === "upsert" || operation === "update" || operation === "updateMany") {
    // A scoped write may never move a row to another tenant.
    const data = next[operation === "upsert" ? "update" : "data"] as Record<string, unknown> | undefined;
    if (data && "tenantId" in data) {
      throw new Error("tenantId cannot be changed through a tenant-scoped client");
    }
  }
  return next;
}

function extend(prisma: PrismaClient, tenantId: string) {
  return prisma.$extends({
    name: "tenant-scope",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (!TENANT_MODELS.has(model)) return query(args);
          return query(scopeArgs(operation, args as Record<string, unknown>, tenantId) as typeof args);
        },
      },
    },
  });
}

export type TenantDb = ReturnType<typeof extend>;

const cache = new WeakMap<PrismaClient, Map<string, TenantDb>>();
const CACHE_LIMIT = 2000;

/** The tenant-bound client; cached per tenant because building an extension costs more than a query. */
export function forTenant(prisma: PrismaClient, tenantId: string): TenantDb {
  let perClient = cache.get(prisma);
  if (!perClient) {
    perClient = new Map();
    cache.set(prisma, perClient);
  }
  let scoped = perClient.get(tenantId);
  if (!scoped) {
    if (perClient.size >= CACHE_LIMIT) perClient.delete(perClient.keys().next().value!);
    scoped = extend(prisma, tenantId);
    perClient.set(tenantId, scoped);
  }
  return scoped;
}
