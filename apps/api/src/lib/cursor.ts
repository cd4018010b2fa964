// Opaque keyset cursors: (createdAt, id) of the last row of a page, base64url-encoded.
import { isUuid } from "@tenancy/db";
import { AppError } from "./app-error.js";

export interface Cursor {
  createdAt: Date;
  id: string;
}

/** A timestamp the database can hold and a page can have started at: years 1970 to 9999. */
export function isReasonableDate(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= 1970 && year <= 9999;
}

export function encodeCursor(row: Cursor): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (cursor === undefined) return undefined;
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || !isUuid(id) || !isReasonableDate(createdAt)) {
    throw new AppError("BAD_INPUT", "This page cursor is not valid; reload the list from the first page.");
  }
  return { createdAt, id };
}

/** Prisma `where` for rows strictly after the cursor in (createdAt desc, id desc) order. */
export function afterCursor(cursor: Cursor | undefined) {
  if (!cursor) return {};
  // The plain `createdAt <= x` gives the planner an index bound; the OR only settles ties on createdAt.
  return {
    createdAt: { lte: cursor.createdAt },
    OR: [{ createdAt: { lt: cursor.createdAt } }, { id: { lt: cursor.id } }],
  };
}

/** Splits `limit + 1` fetched rows into the page and the next cursor. */
export function page<T extends Cursor>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
