// The one way state changes are recorded: in the caller's transaction, an audit entry and an outbox event.
import { EVENTS, type AuditChanges, type AuditTargetType, type EventPayload, type EventType } from "@tenancy/contracts";
import { uuidv7 } from "@tenancy/db";
import type { TenantTx } from "@tenancy/db";
import { AppError } from "./app-error.js";
import type { Acting } from "./scope.js";

interface Creator {
  create(args: { data: never }): Promise<unknown>;
}
type PrivacySelect = { keepAuditIpAndUserAgent: true };
/** An unscoped transaction (platform, auth, jobs): reads any tenant's privacy setting. */
interface PlatformRecordTx {
  auditEntry: Creator;
  event: Creator;
  tenant: { findUnique(args: { where: { id: string }; select: PrivacySelect }): Promise<{ keepAuditIpAndUserAgent: boolean } | null> };
}
/** A transaction of the tenant-bound client: records for its own tenant only. */
type TenantRecordTx = Pick<TenantTx, "auditEntry" | "event" | "ownTenant" | "tenantId">;
export type RecordTx = PlatformRecordTx | TenantRecordTx;

async function keepsClientInfo(tx: RecordTx, tenantId: string): Promise<boolean> {
  if ("ownTenant" in tx) {
    if (tx.tenantId !== tenantId) throw new AppError("INTERNAL", "A tenant transaction can only record for its own tenant.");
    return (await tx.ownTenant.get({ keepAuditIpAndUserAgent: true })).keepAuditIpAndUserAgent;
  }
  const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { keepAuditIpAndUserAgent: true } });
  return tenant?.keepAuditIpAndUserAgent ?? true;
}

export interface RecordInput<T extends EventType> {
  type: T;
  tenantId: string | null;
  target?: { type: AuditTargetType; id: string | null; name?: string | null };
  /** Keys from the contracts' AUDITED_FIELDS only, so every field the audit log shows has a label. */
  changes?: AuditChanges;
  payload: EventPayload<T>;
  success?: boolean;
}

export async function record<T extends EventType>(tx: RecordTx, scope: Acting, input: RecordInput<T>): Promise<void> {
  const keepClientInfo = input.tenantId && (scope.request.ip || scope.request.userAgent) ? await keepsClientInfo(tx, input.tenantId) : true;
  const { audit, event } = rows(scope, input, keepClientInfo);
  await tx.auditEntry.create({ data: audit as never });
  await tx.event.create({ data: event as never });
  scope.audit.count += 1;
}

/** What `record` writes for one input: the audit entry and the outbox event. */
function rows<T extends EventType>(scope: Acting, input: RecordInput<T>, keepClientInfo: boolean) {
  const def = EVENTS[input.type];
  const payload = def.payload.parse(input.payload) as object;
  const createdAt = scope.clock.now();
  const audit = {
    id: uuidv7(createdAt.getTime()),
    tenantId: input.tenantId,
    action: input.type,
    crud: def.crud,
    module: def.module,
    actorType: scope.actor.type,
    actorId: scope.actor.id,
    actorName: scope.actor.name,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    targetName: input.target?.name ?? null,
    changes: input.changes ?? undefined,
    ip: keepClientInfo ? scope.request.ip : null,
    userAgent: keepClientInfo ? scope.request.userAgent : null,
    success: input.success ?? true,
    eventVersion: def.version,
    requestId: scope.request.requestId,
    createdAt,
  };
  const event = {
    id: uuidv7(createdAt.getTime()),
    tenantId: input.tenantId,
    type: input.type,
    version: def.version,
    module: def.module,
    payload,
    createdAt,
  };
  return { audit, event };
}

/** An input of `record` whose event type is checked against its payload, for `recordAll`. */
export const pending = <T extends EventType>(input: RecordInput<T>) => input as unknown as RecordInput<EventType>;

/**
 * Several records at once, in order, with two statements (audit entries, events) instead of two each: for
 * jobs that write many (the billing job). Only for system actors, who carry no IP address or user agent.
 */
export async function recordAll(tx: { auditEntry: { createMany(args: { data: never }): Promise<unknown> }; event: { createMany(args: { data: never }): Promise<unknown> } }, scope: Acting, inputs: RecordInput<EventType>[]): Promise<void> {
  if (inputs.length === 0) return;
  if (scope.request.ip || scope.request.userAgent) throw new AppError("INTERNAL", "recordAll is for system actors (no client information to filter).");
  const all = inputs.map((input) => rows(scope, input, true));
  await tx.auditEntry.createMany({ data: all.map((r) => r.audit) as never });
  await tx.event.createMany({ data: all.map((r) => r.event) as never });
  scope.audit.count += inputs.length;
}

/** `{ field: { from, to } }` for the fields whose value differs; secrets are never passed in. */
export function diff<A extends Record<string, unknown>>(before: { readonly [K in keyof A]?: unknown }, after: A): { [K in keyof A]?: { from: unknown; to: unknown } } {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const old = (before as Record<string, unknown>)[key];
    if (JSON.stringify(old) !== JSON.stringify(value)) changes[key] = { from: old ?? null, to: value };
  }
  return changes as { [K in keyof A]?: { from: unknown; to: unknown } };
}
