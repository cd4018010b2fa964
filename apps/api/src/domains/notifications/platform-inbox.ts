// A platform admin's inbox and preferences: the same inbox logic (inbox.ts) over the platform tables, with
// the rules defined in code (platform-rules.ts).
import type { ArchiveInput, InboxListInput, MarkReadInput, PlatformSetMutedInput, ThreadInput } from "@tenancy/contracts";
import type { z } from "zod";
import { AppError } from "../../lib/app-error.js";
import { record } from "../../lib/record.js";
import type { Scope } from "../../lib/scope.js";
import * as inbox from "./inbox.js";
import { PLATFORM_RULES, platformRule } from "./platform-rules.js";

export interface AdminReader {
  adminId: string;
  language: string;
}

const readerOf = (scope: Scope, who: AdminReader): inbox.Reader => ({ owner: { adminId: who.adminId }, language: who.language, permissions: null, now: scope.clock.now() });
type Tables = Pick<Scope["prisma"], "platformNotificationThread">;
const threads = (db: Tables) => db.platformNotificationThread as unknown as inbox.ThreadTable;

export const list = (scope: Scope, who: AdminReader, input: z.infer<typeof InboxListInput>) => inbox.list(threads(scope.prisma), readerOf(scope, who), input);
export const unreadCount = (scope: Scope, who: AdminReader) => inbox.unreadCount(threads(scope.prisma), readerOf(scope, who));
/** The live bell's snapshot; null once the platform admin is deactivated, which ends the stream. */
export async function liveSnapshot(scope: Scope, who: AdminReader) {
  const admin = await scope.prisma.platformAdmin.findUnique({ where: { id: who.adminId }, select: { status: true } });
  if (!admin || admin.status !== "active") return null;
  return inbox.snapshot(threads(scope.prisma), readerOf(scope, who));
}

export const thread = (scope: Scope, who: AdminReader, input: z.infer<typeof ThreadInput>) =>
  inbox.thread(threads(scope.prisma), scope.prisma.platformNotification as unknown as inbox.NotificationTable, readerOf(scope, who), input);

export function markRead(scope: Scope, who: AdminReader, input: z.infer<typeof MarkReadInput>) {
  const reader = readerOf(scope, who);
  return scope.prisma.$transaction((tx) => inbox.setOnOwn(threads(tx), reader, input.threadIds, { readAt: input.read ? reader.now : null }));
}
export function archive(scope: Scope, who: AdminReader, input: z.infer<typeof ArchiveInput>) {
  const reader = readerOf(scope, who);
  return scope.prisma.$transaction((tx) => inbox.setOnOwn(threads(tx), reader, input.threadIds, { archivedAt: input.archived ? reader.now : null }));
}
export const markAllRead = (scope: Scope, who: AdminReader) => inbox.markAllRead(threads(scope.prisma), readerOf(scope, who));

export async function preferences(scope: Scope, who: AdminReader) {
  const mutes = await scope.prisma.platformNotificationMute.findMany({ where: { adminId: who.adminId }, select: { ruleKey: true } });
  const muted = new Set(mutes.map((m) => m.ruleKey));
  return { items: PLATFORM_RULES.map((r) => ({ ruleId: r.key, name: r.name, severity: r.severity, muted: muted.has(r.key) && r.severity !== "critical", mutable: r.severity !== "critical" })) };
}

export async function setMuted(scope: Scope, who: AdminReader, input: z.infer<typeof PlatformSetMutedInput>) {
  const rule = platformRule(input.ruleId);
  if (!rule) throw new AppError("NOT_FOUND", "This platform notification rule does not exist.");
  if (input.muted && rule.severity === "critical") throw new AppError("INVALID_STATE", `"${rule.name}" is a critical notification: it cannot be muted.`, { field: "ruleId" });
  return scope.prisma.$transaction(async (tx) => {
    if (input.muted) await tx.platformNotificationMute.createMany({ data: [{ adminId: who.adminId, ruleKey: rule.key }], skipDuplicates: true });
    else await tx.platformNotificationMute.deleteMany({ where: { adminId: who.adminId, ruleKey: rule.key } });
    await record(tx, scope, {
      type: "notification.preference_changed",
      tenantId: null,
      target: { type: "notification_rule", id: null, name: rule.key },
      changes: { muted: input.muted },
      payload: { ruleId: rule.key, muted: input.muted },
    });
    return { ruleId: rule.key, name: rule.name, severity: rule.severity, muted: input.muted, mutable: rule.severity !== "critical" };
  });
}
