// Notification rules: a tenant admin's choice of events (with conditions on their payload), recipients
// (roles and/or users of the tenant), severity, templates per language and expiry. The contracts refuse an
// unsound rule (unknown event type, condition field or placeholder the payload lacks, no recipient); here
// the recipients are checked against the tenant's own roles and users, and writes are audited.
import type { Condition, CreateRuleInput, RuleIdInput, SetRuleEnabledInput, Templates, UpdateRuleInput } from "@tenancy/contracts";
import { uuidv7, type TenantTx } from "@tenancy/db";
import type { z } from "zod";
import { AppError } from "../../lib/app-error.js";
import { diff, record } from "../../lib/record.js";
import type { TenantScope } from "../../lib/scope.js";

const SELECT = {
  id: true, key: true, name: true, eventTypes: true, conditions: true, recipientRoleIds: true, recipientUserIds: true,
  severity: true, templates: true, enabled: true, expiresAfterDays: true, lockVersion: true, createdAt: true, updatedAt: true,
} as const;

type Row = { conditions: unknown; templates: unknown } & Record<string, unknown>;
const toDto = <T extends Row>(row: T) => ({ ...row, conditions: row.conditions as Condition[], templates: row.templates as Templates });

const notFound = () => new AppError("NOT_FOUND", "This notification rule does not exist in your workspace.");

export async function list(scope: TenantScope) {
  const rows = await scope.db.notificationRule.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: SELECT });
  return { items: rows.map(toDto) };
}

export async function get(scope: TenantScope, input: z.infer<typeof RuleIdInput>) {
  const row = await scope.db.notificationRule.findUnique({ where: { id: input.ruleId }, select: SELECT });
  if (!row) throw notFound();
  return toDto(row);
}

/** BAD_INPUT naming the field and the ids when a recipient is not a role or user of this tenant. */
async function assertRecipients(tx: TenantTx, roleIds: string[], userIds: string[]) {
  const [roles, users] = await Promise.all([
    roleIds.length ? tx.role.findMany({ where: { id: { in: roleIds } }, select: { id: true } }) : [],
    userIds.length ? tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true } }) : [],
  ]);
  const missing = (ids: string[], found: { id: string }[]) => ids.filter((id) => !found.some((f) => f.id === id));
  const badRoles = missing(roleIds, roles);
  if (badRoles.length) throw new AppError("BAD_INPUT", `These recipient roles do not exist in your workspace: ${badRoles.join(", ")}.`, { field: "recipientRoleIds", ids: badRoles });
  const badUsers = missing(userIds, users);
  if (badUsers.length) throw new AppError("BAD_INPUT", `These recipient users do not exist in your workspace: ${badUsers.join(", ")}.`, { field: "recipientUserIds", ids: badUsers });
}

const unique = <T>(values: T[]) => [...new Set(values)];

/** A JSON value with its object keys sorted: JSONB stores keys in its own order, so compare canonical forms. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

function fieldsOf(input: z.infer<typeof CreateRuleInput>) {
  return {
    name: input.name,
    eventTypes: unique(input.eventTypes),
    conditions: input.conditions,
    recipientRoleIds: unique(input.recipientRoleIds),
    recipientUserIds: unique(input.recipientUserIds),
    severity: input.severity,
    templates: input.templates,
    enabled: input.enabled,
    expiresAfterDays: input.expiresAfterDays,
  };
}

export async function create(scope: TenantScope, input: z.infer<typeof CreateRuleInput>) {
  const fields = fieldsOf(input);
  const now = scope.clock.now();
  const id = uuidv7(now.getTime());
  return scope.db.$transaction(async (tx) => {
    await assertRecipients(tx, fields.recipientRoleIds, fields.recipientUserIds);
    const row = await tx.notificationRule.create({ data: { id, tenantId: scope.tenantId, ...fields, createdAt: now }, select: SELECT });
    await record(tx, scope, {
      type: "notification_rule.created",
      tenantId: scope.tenantId,
      target: { type: "notification_rule", id, name: fields.name },
      changes: fields,
      payload: { ruleId: id, name: fields.name },
    });
    return toDto(row);
  });
}

export async function update(scope: TenantScope, input: z.infer<typeof UpdateRuleInput>) {
  const fields = fieldsOf(input);
  return scope.db.$transaction(async (tx) => {
    const before = await tx.notificationRule.findUnique({ where: { id: input.ruleId }, select: SELECT });
    if (!before) throw notFound();
    await assertRecipients(tx, fields.recipientRoleIds, fields.recipientUserIds);
    const changes = diff({ ...before, conditions: canonical(before.conditions), templates: canonical(before.templates) }, { ...fields, conditions: canonical(fields.conditions), templates: canonical(fields.templates) });
    if (Object.keys(changes).length === 0) throw new AppError("INVALID_STATE", "Nothing to change: every field already has this value.");
    // Guarded by the version the editor read: a concurrent save is refused instead of silently lost.
    const { count } = await tx.notificationRule.updateMany({ where: { id: input.ruleId, lockVersion: input.lockVersion }, data: { ...fields, lockVersion: { increment: 1 } } });
    if (count === 0) throw new AppError("CONFLICT", "Someone else changed this rule since you opened it; reload it and apply your change again.");
    await record(tx, scope, {
      type: "notification_rule.updated",
      tenantId: scope.tenantId,
      target: { type: "notification_rule", id: input.ruleId, name: fields.name },
      changes,
      payload: { ruleId: input.ruleId, name: fields.name, fields: Object.keys(changes) },
    });
    return toDto(await tx.notificationRule.findUniqueOrThrow({ where: { id: input.ruleId }, select: SELECT }));
  });
}

export async function setEnabled(scope: TenantScope, input: z.infer<typeof SetRuleEnabledInput>) {
  return scope.db.$transaction(async (tx) => {
    const before = await tx.notificationRule.findUnique({ where: { id: input.ruleId }, select: { name: true, enabled: true } });
    if (!before) throw notFound();
    if (before.enabled === input.enabled) throw new AppError("INVALID_STATE", input.enabled ? "This rule is already enabled." : "This rule is already disabled.");
    const row = await tx.notificationRule.update({ where: { id: input.ruleId }, data: { enabled: input.enabled, lockVersion: { increment: 1 } }, select: SELECT });
    await record(tx, scope, {
      type: "notification_rule.updated",
      tenantId: scope.tenantId,
      target: { type: "notification_rule", id: input.ruleId, name: before.name },
      changes: { enabled: { from: before.enabled, to: input.enabled } },
      payload: { ruleId: input.ruleId, name: before.name, fields: ["enabled"] },
    });
    return toDto(row);
  });
}

/** Deletes the rule with its threads, notifications and mutes (foreign keys cascade). */
export async function remove(scope: TenantScope, input: z.infer<typeof RuleIdInput>) {
  await scope.db.$transaction(async (tx) => {
    const before = await tx.notificationRule.findUnique({ where: { id: input.ruleId }, select: { name: true, key: true } });
    if (!before) throw notFound();
    await tx.notificationRule.delete({ where: { id: input.ruleId } });
    await record(tx, scope, {
      type: "notification_rule.deleted",
      tenantId: scope.tenantId,
      target: { type: "notification_rule", id: input.ruleId, name: before.name },
      changes: { name: before.name, key: before.key },
      payload: { ruleId: input.ruleId, name: before.name },
    });
  });
  return { ok: true as const };
}
