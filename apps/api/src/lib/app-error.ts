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

/**
 * Classifies a database error from either runtime: Prisma's P-codes (PostgreSQL adapter) or the raw
 * PostgreSQL SQLSTATE that the PGlite adapter surfaces as a DriverAdapterError.
 */
export function dbErrorKind(error: unknown): DbErrorKind | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { code?: unknown; cause?: { code?: unknown; originalCode?: unknown; kind?: unknown } };
  const code = e.code ?? e.cause?.originalCode ?? e.cause?.code;
  if (code === "P2002" || code === "23505" || e.cause?.kind === "UniqueConstraintViolation") return "unique";
  if (code === "P2003" || code === "23503" || e.cause?.kind === "ForeignKeyConstraintViolation") return "foreign_key";
  if (code === "P2025") return "not_found";
  // 22P02 bad text representation, 22001 too long, 22021 bad encoding (e.g. NUL), 22008 date out of range.
  if (["22P02", "22001", "22021", "22008", "P2000", "P2023"].includes(code as string)) return "invalid_value";
  return undefined;
}

/** True when a database error is a unique-constraint violation, optionally naming a given column. */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (dbErrorKind(error) !== "unique") return false;
  if (!field) return true;
  const text = `${(error as Error).message ?? ""} ${JSON.stringify(error)}`;
  return text.includes(field);
}
