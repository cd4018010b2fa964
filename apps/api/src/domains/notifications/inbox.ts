// A reader's inbox, the same for tenant users and platform admins (decision 50): threads newest first by
// keyset, filtered by view, severity and module; never a thread that expired or whose permission the reader
// no longer holds (checked again at read, not only at fan-out); marking read/unread and archiving only the
// reader's own threads, refusing the call whole (NOT_FOUND) when an id is not theirs. The tenant side
// reaches its tables through the tenant-bound client, the platform side through its own (platform-inbox.ts).
import { AppError } from "../../lib/app-error.js";
import { isReasonableDate } from "../../lib/cursor.js";
import { isUuid } from "@tenancy/db";
import { textFor } from "./render.js";

/** What the inbox needs of a thread table: the tenant's `notificationThread` or the platform's. */
export interface ThreadRow {
  id: string;
  ruleId?: string | null;
  ruleKey?: string;
  severity: "info" | "warning" | "critical";
  module: string;
  eventType: string;
  texts: unknown;
  link: string | null;
  count: number;
  lastAt: Date;
  readAt: Date | null;
  archivedAt: Date | null;
  expiresAt: Date | null;
}
type Where = Record<string, unknown>;
export interface ThreadTable {
  findMany(args: { where: Where; orderBy: unknown; take?: number; select?: unknown }): Promise<ThreadRow[]>;
  findFirst(args: { where: Where; select: unknown }): Promise<{ id: string } | null>;
  count(args: { where: Where }): Promise<number>;
  updateMany(args: { where: Where; data: Where }): Promise<{ count: number }>;
}
export interface NotificationTable {
  findMany(args: { where: Where; orderBy: unknown; take: number; select: unknown }): Promise<{ id: string; texts: unknown; createdAt: Date }[]>;
}

/** Who reads: the owner filter of their rows, their language, and (tenant users) their permissions. */
export interface Reader {
  owner: Where;
  language: string;
  permissions: ReadonlySet<string> | null;
  now: Date;
}

/** Rows the reader may see now: not expired, and (tenant users) about something they may read. */
export function visible(reader: Reader): Where {
  const notExpired = { OR: [{ expiresAt: null }, { expiresAt: { gt: reader.now } }] };
  if (!reader.permissions) return { ...reader.owner, AND: [notExpired] };
  return { ...reader.owner, AND: [notExpired, { OR: [{ permission: null }, { permission: { in: [...reader.permissions] } }] }] };
}

function encode(row: { lastAt: Date; id: string }) {
  return Buffer.from(`${row.lastAt.toISOString()}|${row.id}`).toString("base64url");
}
function decode(cursor: string | undefined): { lastAt: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const lastAt = new Date(iso ?? "");
  if (!id || !isUuid(id) || !isReasonableDate(lastAt)) throw new AppError("BAD_INPUT", "This page cursor is not valid; reload the list from the first page.");
  return { lastAt, id };
}

const ORDER = [{ lastAt: "desc" }, { id: "desc" }];

export function toItem(row: ThreadRow, language: string) {
  const text = textFor(row.texts, language);
  return {
    id: row.id,
    ruleId: row.ruleId ?? row.ruleKey ?? null,
    severity: row.severity,
    module: row.module,
    eventType: row.eventType,
    title: text.title,
    body: text.body,
    link: row.link,
    count: row.count,
    lastAt: row.lastAt,
    read: row.readAt !== null,
    archived: row.archivedAt !== null,
    expiresAt: row.expiresAt,
  };
}

export async function list(threads: ThreadTable, reader: Reader, input: { cursor?: string; limit: number; view: "inbox" | "unread" | "archived"; severity?: string; module?: string }) {
  const cursor = decode(input.cursor);
  const view = input.view === "archived" ? { archivedAt: { not: null } } : input.view === "unread" ? { archivedAt: null, readAt: null } : { archivedAt: null };
  const base = visible(reader);
  const where: Where = {
    ...base,
    ...view,
    ...(input.severity ? { severity: input.severity } : {}),
    ...(input.module ? { module: input.module } : {}),
    AND: [...(base.AND as unknown[]), ...(cursor ? [{ lastAt: { lte: cursor.lastAt } }, { OR: [{ lastAt: { lt: cursor.lastAt } }, { id: { lt: cursor.id } }] }] : [])],
  };
  const rows = await threads.findMany({ where, orderBy: ORDER, take: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  return { items: page.map((r) => toItem(r, reader.language)), nextCursor: rows.length > input.limit ? encode(page[page.length - 1]!) : null };
}

export async function unreadCount(threads: ThreadTable, reader: Reader) {
  const unread = { ...visible(reader), archivedAt: null, readAt: null };
  const [all, critical] = await Promise.all([threads.count({ where: unread }), threads.count({ where: { ...unread, severity: "critical" } })]);
  return { unread: all, critical };
}

/** The unread counts and the newest threads: what the bell's live subscription sends. */
export async function snapshot(threads: ThreadTable, reader: Reader) {
  const [counts, latest] = await Promise.all([unreadCount(threads, reader), list(threads, reader, { limit: 10, view: "inbox" })]);
  return { ...counts, latest: latest.items };
}

export async function thread(threads: ThreadTable, notifications: NotificationTable, reader: Reader, input: { threadId: string; cursor?: string; limit: number }) {
  const found = await threads.findFirst({ where: { ...visible(reader), id: input.threadId }, select: { id: true } });
  if (!found) throw new AppError("NOT_FOUND", "This notification does not exist in your inbox.");
  const cursor = input.cursor === undefined ? undefined : decode(input.cursor);
  const rows = await notifications.findMany({
    where: { threadId: found.id, ...(cursor ? { createdAt: { lte: cursor.lastAt }, OR: [{ createdAt: { lt: cursor.lastAt } }, { id: { lt: cursor.id } }] } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: { id: true, texts: true, createdAt: true },
  });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ id: r.id, ...textFor(r.texts, reader.language), createdAt: r.createdAt })),
    nextCursor: rows.length > input.limit && last ? encode({ lastAt: last.createdAt, id: last.id }) : null,
  };
}

/**
 * Sets `field` on the reader's threads `ids`, inside the caller's transaction: when any id is not the
 * reader's, NOT_FOUND and the transaction rolls back, so nothing changes.
 */
export async function setOnOwn(threads: ThreadTable, reader: Reader, ids: string[], data: Where): Promise<{ count: number }> {
  const unique = [...new Set(ids)];
  const { count } = await threads.updateMany({ where: { ...reader.owner, id: { in: unique } }, data });
  if (count !== unique.length) throw new AppError("NOT_FOUND", "Some of these notifications are not in your inbox; reload it and try again.");
  return { count };
}

export async function markAllRead(threads: ThreadTable, reader: Reader) {
  return threads.updateMany({ where: { ...reader.owner, readAt: null, archivedAt: null }, data: { readAt: reader.now } });
}
