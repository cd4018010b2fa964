// Opaque keyset cursors for lists sorted by name: (nameSortKey, id) of the last row of a page, A to Z.
import { isUuid } from "@tenancy/db";
import { AppError } from "./app-error.js";

export interface NameCursor {
  nameSortKey: string;
  id: string;
}

export function encodeNameCursor(row: NameCursor): string {
  return Buffer.from(JSON.stringify(["name", row.nameSortKey, row.id])).toString("base64url");
}

export function decodeNameCursor(cursor: string | undefined): NameCursor | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed[0] !== "name" || typeof parsed[1] !== "string" || typeof parsed[2] !== "string" || !isUuid(parsed[2])) {
    throw new AppError("BAD_INPUT", "This page cursor does not belong to this list; reload it from the first page.");
  }
  return { nameSortKey: parsed[1], id: parsed[2] };
}

/** Prisma `where` for rows strictly after the cursor in (nameSortKey asc, id asc) order. */
export function afterNameCursor(cursor: NameCursor | undefined) {
  if (!cursor) return {};
  return { nameSortKey: { gte: cursor.nameSortKey }, OR: [{ nameSortKey: { gt: cursor.nameSortKey } }, { id: { gt: cursor.id } }] };
}

/** Splits `limit + 1` fetched rows into the page and the next cursor. */
export function namePage<T extends NameCursor>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeNameCursor(last) : null };
}
