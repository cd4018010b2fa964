// The error catalog: every code a service may throw, with its tRPC code and HTTP status, mapped in one place.
import type { MessageKey } from "./messages.js";

export const ERRORS = {
  BAD_INPUT: { trpc: "BAD_REQUEST", status: 400 },
  UNAUTHENTICATED: { trpc: "UNAUTHORIZED", status: 401 },
  INVALID_CREDENTIALS: { trpc: "UNAUTHORIZED", status: 401 },
  SESSION_EXPIRED: { trpc: "UNAUTHORIZED", status: 401 },
  PASSWORD_CHANGE_REQUIRED: { trpc: "FORBIDDEN", status: 403 },
  FORBIDDEN: { trpc: "FORBIDDEN", status: 403 },
  MODULE_INACTIVE: { trpc: "FORBIDDEN", status: 403 },
  CSRF_REJECTED: { trpc: "FORBIDDEN", status: 403 },
  TENANT_SUSPENDED: { trpc: "FORBIDDEN", status: 403 },
  ACCOUNT_DEACTIVATED: { trpc: "FORBIDDEN", status: 403 },
  TENANT_NOT_FOUND: { trpc: "NOT_FOUND", status: 404 },
  USER_NOT_FOUND: { trpc: "NOT_FOUND", status: 404 },
  ROLE_NOT_FOUND: { trpc: "NOT_FOUND", status: 404 },
  ADMIN_NOT_FOUND: { trpc: "NOT_FOUND", status: 404 },
  AUDIT_ENTRY_NOT_FOUND: { trpc: "NOT_FOUND", status: 404 },
  NOT_FOUND: { trpc: "NOT_FOUND", status: 404 },
  MODULE_NOT_FOUND: { trpc: "NOT_FOUND", status: 404 },
  PLAN_NOT_FOUND: { trpc: "NOT_FOUND", status: 404 },
  SUBSCRIPTION_NOT_FOUND: { trpc: "NOT_FOUND", status: 404 },
  SLUG_TAKEN: { trpc: "CONFLICT", status: 409 },
  EMAIL_TAKEN: { trpc: "CONFLICT", status: 409 },
  ROLE_NAME_TAKEN: { trpc: "CONFLICT", status: 409 },
  ROLE_IN_USE: { trpc: "CONFLICT", status: 409 },
  BUILT_IN_ROLE: { trpc: "CONFLICT", status: 409 },
  LAST_ADMIN: { trpc: "CONFLICT", status: 409 },
  SELF_DEACTIVATION: { trpc: "CONFLICT", status: 409 },
  INVALID_STATE: { trpc: "CONFLICT", status: 409 },
  MODULE_KEY_TAKEN: { trpc: "CONFLICT", status: 409 },
  PLAN_CODE_TAKEN: { trpc: "CONFLICT", status: 409 },
  PLAN_UNAVAILABLE: { trpc: "CONFLICT", status: 409 },
  CURRENCY_NOT_OFFERED: { trpc: "CONFLICT", status: 409 },
  ALREADY_SUBSCRIBED: { trpc: "CONFLICT", status: 409 },
  TRIAL_ALREADY_USED: { trpc: "CONFLICT", status: 409 },
  CONFLICT: { trpc: "CONFLICT", status: 409 },
  PAYLOAD_TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE", status: 413 },
  METHOD_NOT_ALLOWED: { trpc: "METHOD_NOT_SUPPORTED", status: 405 },
  UNSUPPORTED_MEDIA_TYPE: { trpc: "UNSUPPORTED_MEDIA_TYPE", status: 415 },
  WEAK_PASSWORD: { trpc: "BAD_REQUEST", status: 400 },
  WRONG_PASSWORD: { trpc: "BAD_REQUEST", status: 400 },
  SPEND_CAP_CURRENCY: { trpc: "BAD_REQUEST", status: 400 },
  RATE_LIMITED: { trpc: "TOO_MANY_REQUESTS", status: 429 },
  USAGE_LIMIT_REACHED: { trpc: "TOO_MANY_REQUESTS", status: 429 },
  SPEND_CAP_REACHED: { trpc: "TOO_MANY_REQUESTS", status: 429 },
  INTERNAL: { trpc: "INTERNAL_SERVER_ERROR", status: 500 },
} as const;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/**
 * One problem of a refused input, for clients that word it themselves: `fieldErrors` holds the same
 * problems in English. `key` is set when the contracts word the problem (a key of MESSAGES, see
 * messages.ts); otherwise `code` and `params` are Zod's issue (too_small, invalid_format, ...) as Zod's
 * locales read it.
 */
export interface ErrorIssue {
  /** The field's dotted path, as in `fieldErrors` ("admin.email"); "" for the input as a whole. */
  path: string;
  /** Zod's issue code. */
  code: string;
  /** The problem in English. */
  message: string;
  key?: MessageKey;
  /** The values the wording needs: `{ minimum: 12 }`, `{ origin: "string", maximum: 100, inclusive: true }`, ... */
  params?: Record<string, unknown>;
}

/** The shape every error response carries in `error.data` (tRPC) and in the REST body. */
export interface ErrorData {
  code: ErrorCode;
  httpStatus: number;
  message: string;
  requestId?: string;
  details?: Record<string, unknown>;
  /** Flattened Zod issues on bad input: field path -> messages. */
  fieldErrors?: Record<string, string[]>;
  formErrors?: string[];
  /** The same problems, each with its message key or Zod issue code and parameters (see ErrorIssue). */
  issues?: ErrorIssue[];
}
