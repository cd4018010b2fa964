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

/** True when a Prisma error is a unique-constraint violation (P2002), optionally on a given field. */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (typeof error !== "object" || error === null || (error as { code?: string }).code !== "P2002") return false;
  if (!field) return true;
  const meta = (error as { meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } }).meta;
  const text = JSON.stringify(meta ?? {});
  return text.includes(field);
}
