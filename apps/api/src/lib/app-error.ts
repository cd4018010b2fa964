// The transport-free error services throw; trpc/errors.ts maps it once to a tRPC code and HTTP status.
import type { ErrorCode } from "@tenancy/contracts";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

type DbErrorKind = "unique" | "foreign_key" | "not_found" | "invalid_value";

interface AdapterCause {
  code?: unknown;
  originalCode?: unknown;
  kind?: unknown;
}

// SQLSTATE classes we map: 22P02 bad text representation, 22001 too long, 22021 bad encoding (e.g. NUL),
// 22008 date out of range.
const INVALID_VALUE = ["22P02", "22001", "22021", "22008", "P2000", "P2007", "P2023"];

/**
 * Classifies a database error from either runtime and any path, by Prisma's P-code and by the PostgreSQL
 * SQLSTATE beneath it. Prisma 7 keeps the SQLSTATE under `meta.driverAdapterError.cause.originalCode`, and
 * its P-code alone does not always tell (22021, a NUL byte, arrives as P2039); a bare DriverAdapterError
 * carries it on `cause.originalCode`, an error of a raw query on the pool or on PGlite on `code`.
 */
export function dbErrorKind(error: unknown): DbErrorKind | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { code?: unknown; cause?: AdapterCause; meta?: { driverAdapterError?: { cause?: AdapterCause } } };
  const adapter = e.meta?.driverAdapterError?.cause ?? e.cause;
  const codes = [adapter?.originalCode, adapter?.code, e.code].filter((code): code is string => typeof code === "string");
  const is = (...candidates: string[]) => codes.some((code) => candidates.includes(code));
  if (is("23505", "P2002") || adapter?.kind === "UniqueConstraintViolation") return "unique";
  if (is("23503", "P2003") || adapter?.kind === "ForeignKeyConstraintViolation") return "foreign_key";
  if (is(...INVALID_VALUE)) return "invalid_value";
  if (is("P2025")) return "not_found";
  return undefined;
}

/** True when a database error is a unique-constraint violation, optionally naming a given column. */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (dbErrorKind(error) !== "unique") return false;
  if (!field) return true;
  const text = `${(error as Error).message ?? ""} ${JSON.stringify(error)}`;
  return text.includes(field);
}
