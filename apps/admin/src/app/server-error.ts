// Reads what the API says about a failure out of a tRPC client error: the human message, the error code
// from the contracts catalog, field errors for bad input, the error's details (e.g. how many users hold a role
// in use) and the wait before retrying.
import type { ErrorCode } from "@tenancy/contracts";

export interface ServerError {
  message: string;
  code: ErrorCode | null;
  fieldErrors: Record<string, string>;
  details: Record<string, unknown> | null;
  retryAfterSeconds: number | null;
}

interface ErrorLike {
  message?: unknown;
  data?: {
    code?: unknown;
    fieldErrors?: unknown;
    details?: Record<string, unknown> | null;
  } | null;
}

/** `fallback` is shown when the error carries no server message (e.g. the network is down). */
export function readServerError(error: unknown, fallback: string): ServerError {
  const { message, data } = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
  const code = typeof data?.code === "string" ? (data.code as ErrorCode) : null;
  const fieldErrors: Record<string, string> = {};
  if (data?.fieldErrors && typeof data.fieldErrors === "object") {
    for (const [path, messages] of Object.entries(data.fieldErrors as Record<string, unknown>)) {
      if (Array.isArray(messages) && messages.length > 0) fieldErrors[path] = messages.map(String).join(" ");
    }
  }
  const details = data?.details && typeof data.details === "object" ? data.details : null;
  const retry = details?.retryAfterSeconds;
  return {
    message: code && typeof message === "string" && message !== "" ? message : fallback,
    code,
    fieldErrors,
    details,
    retryAfterSeconds: typeof retry === "number" && retry > 0 ? Math.ceil(retry) : null,
  };
}

/** Errors after which the session is gone or must change: the app re-reads `auth.me` and routes accordingly. */
export const SESSION_ERROR_CODES: ReadonlySet<ErrorCode> = new Set([
  "UNAUTHENTICATED",
  "SESSION_EXPIRED",
  "PASSWORD_CHANGE_REQUIRED",
  "TENANT_SUSPENDED",
  "ACCOUNT_DEACTIVATED",
]);

/** Whether a failed query is worth retrying: not when the server answered with a 4xx. */
export function isRetryable(error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: unknown } | null } | null)?.data?.httpStatus;
  return !(typeof status === "number" && status >= 400 && status < 500);
}
