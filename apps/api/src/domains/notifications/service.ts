// A tenant user's inbox and preferences, over the tenant-bound client. The inbox logic is shared with the
// platform admins' inbox (inbox.ts); here the reader is a user of this tenant, with their permissions.
import type { ArchiveInput, InboxListInput, MarkReadInput, SetMutedInput, ThreadInput } from "@tenancy/contracts";
import type { z } from "zod";
import { AppError } from "../../lib/app-error.js";
import { grantedBy } from "../../lib/privilege.js";
import { record } from "../../lib/record.js";
import type { TenantScope } from "../../lib/scope.js";
import * as inbox from "./inbox.js";

export interface TenantReader {
  userId: string;
  language: string;
}

function readerOf(scope: TenantScope, who: TenantReader): inbox.Reader {
  return { owner: { userId: who.userId }, language: who.language, permissions: scope.permissions, now: scope.clock.now() };
}

const threads = (db: Pick<TenantScope["db"], "notificationThread">) => db.notificationThread as unknown as inbox.ThreadTable;

export const list = (scope: TenantScope, who: TenantReader, input: z.infer<typeof InboxListInput>) => inbox.list(threads(scope.db), readerOf(scope, who), input);
export const unreadCount = (scope: TenantScope, who: TenantReader) => inbox.unreadCount(threads(scope.db), readerOf(scope, who));
/**
 * The live bell's snapshot, read with the user's permissions as they are now (a stream outlives the request
 * that opened it: a role changed meanwhile applies at the next snapshot); null once the user is deactivated,
 * which ends the stream.
 */
export async function liveSnapshot(scope: TenantScope, who: TenantReader) {
  const user = await scope.db.user.findUnique({ where: { id: who.userId }, select: { status: true, roles: { select: { role: { select: { key: true, permissions: true } } } } } });
  if (!user || user.status !== "active") return null;
  const reader = { ...readerOf(scope, who), permissions: grantedBy(user.roles.map((r) => r.role)) };
  return inbox.snapshot(threads(scope.db), reader);
}

export const thread = (scope: TenantScope, who: TenantReader, input: z.infer<typeof ThreadInput>) =>
  inbox.thread(threads(scope.db), scope.db.notification as unknown as inbox.NotificationTable, readerOf(scope, who), input);

export function markRead(scope: TenantScope, who: TenantReader, input: z.infer<typeof MarkReadInput>) {
  const reader = readerOf(scope, who);
  return scope.db.$transaction((tx) => inbox.setOnOwn(threads(tx), reader, input.threadIds, { readAt: input.read ? reader.now : null }));
}

export function archive(scope: TenantScope, who: TenantReader, input: z.infer<typeof ArchiveInput>) {
  const reader = readerOf(scope, who);
  return scope.db.$transaction((tx) => inbox.setOnOwn(threads(tx), reader, input.threadIds, { archivedAt: input.archived ? reader.now : null }));
}

export const markAllRead = (scope: TenantScope, who: TenantReader) => inbox.markAllRead(threads(scope.db), readerOf(scope, who));

// ---- Preferences ------------------------------------------------------------------------------------

/** The rules that address the user (by one of their roles or by name), with whether they muted each. */
export async function preferences(scope: TenantScope, who: TenantReader) {
  const roles = await scope.db.userRole.findMany({ where: { userId: who.userId }, select: { roleId: true } });
  const [rules, mutes] = await Promise.all([
    scope.db.notificationRule.findMany({
      where: { OR: [{ recipientUserIds: { has: who.userId } }, { recipientRoleIds: { hasSome: roles.map((r) => r.roleId) } }] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, name: true, severity: true },
    }),
    scope.db.notificationMute.findMany({ where: { userId: who.userId }, select: { ruleId: true } }),
  ]);
  const muted = new Set(mutes.map((m) => m.ruleId));
  return { items: rules.map((r) => ({ ruleId: r.id, name: r.name, severity: r.severity, muted: muted.has(r.id) && r.severity !== "critical", mutable: r.severity !== "critical" })) };
}

export async function setMuted(scope: TenantScope, who: TenantReader, input: z.infer<typeof SetMutedInput>) {
  return scope.db.$transaction(async (tx) => {
    const rule = await tx.notificationRule.findUnique({ where: { id: input.ruleId }, select: { id: true, name: true, severity: true } });
    if (!rule) throw new AppError("NOT_FOUND", "This notification rule does not exist in your workspace.");
    if (input.muted && rule.severity === "critical") throw new AppError("INVALID_STATE", `"${rule.name}" is a critical notification: it cannot be muted.`, { field: "ruleId" });
    if (input.muted) await tx.notificationMute.createMany({ data: [{ tenantId: scope.tenantId, userId: who.userId, ruleId: rule.id }], skipDuplicates: true });
    else await tx.notificationMute.deleteMany({ where: { userId: who.userId, ruleId: rule.id } });
    await record(tx, scope, {
      type: "notification.preference_changed",
      tenantId: scope.tenantId,
      target: { type: "notification_rule", id: rule.id, name: rule.name },
      changes: { muted: input.muted },
      payload: { ruleId: rule.id, muted: input.muted },
    });
    return { ruleId: rule.id, name: rule.name, severity: rule.severity, muted: input.muted, mutable: rule.severity !== "critical" };
  });
}
