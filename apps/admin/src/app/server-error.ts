// Reads what the API says about a failure out of a tRPC client error and words it in the user's language:
// the error code from the contracts catalog (`error.<CODE>` in the catalog) with its details as parameters
// (how many users hold a role in use, which permission is missing, how long to wait), field errors for bad
// input (from the issues' message keys, or Zod's issue codes), and the wait before retrying. The server's
// English message is for logs and API users; it is shown only for a code this build does not know.
import { currencyDigits, ERRORS, PASSWORD_MIN, type ErrorCode } from "@tenancy/contracts";
import { permissionLabel } from "./catalog-labels.js";
import type { PlainMessageKey, Translate } from "./i18n/translate.js";
import { serverIssueMessage, type IssueData } from "./zod-form.js";

export interface ServerError {
  /** What went wrong, in the user's language. */
  message: string;
  code: ErrorCode | null;
  /** Field path (as the form names it) -> what is wrong with it, in the user's language. */
  fieldErrors: Record<string, string>;
  details: Record<string, unknown> | null;
  retryAfterSeconds: number | null;
  requestId: string | null;
}

interface ErrorLike {
  message?: unknown;
  data?: {
    code?: unknown;
    fieldErrors?: unknown;
    issues?: unknown;
    details?: Record<string, unknown> | null;
    requestId?: unknown;
  } | null;
}

/** The code of a failure, when it came from our API (no wording needed). */
export function errorCodeOf(error: unknown): ErrorCode | null {
  const code = (error as ErrorLike | null)?.data?.code;
  return typeof code === "string" && Object.hasOwn(ERRORS, code) ? (code as ErrorCode) : null;
}

/** The details a failure from our API carries (e.g. why a session ended), when it has any. */
export function errorDetailsOf(error: unknown): Record<string, unknown> | null {
  const details = (error as ErrorLike | null)?.data?.details;
  return details && typeof details === "object" ? details : null;
}

const MINUTE = 60;

/** "Too many attempts. Try again in 3 minutes." (seconds under a minute), or without a wait when unknown. */
function rateLimited(t: Translate, seconds: number | null): string {
  if (seconds === null) return t("error.RATE_LIMITED");
  if (seconds < MINUTE) return t("error.RATE_LIMITED.seconds", { count: seconds });
  return t("error.RATE_LIMITED.minutes", { count: Math.ceil(seconds / MINUTE) });
}

/** An amount of minor units in the catalog's language: "12,50 EUR" (the translator formats the number). */
function money(t: Translate, minorUnits: number, currency: string): string {
  const digits = currencyDigits(currency);
  return t("error.amount", { amount: minorUnits / 10 ** digits, currency });
}

/** The sentence for an error code, with its details as parameters. */
export function describeError(
  t: Translate,
  code: ErrorCode,
  { details, retryAfterSeconds, requestId }: Pick<ServerError, "details" | "retryAfterSeconds" | "requestId">,
): string {
  switch (code) {
    case "RATE_LIMITED":
      return rateLimited(t, retryAfterSeconds);
    case "ROLE_IN_USE": {
      const count = details?.userCount;
      // Without a count (an older server), the plural form still reads right.
      return t("error.ROLE_IN_USE", { count: typeof count === "number" ? count : 2 });
    }
    case "FORBIDDEN": {
      if (typeof details?.permission === "string") return t("error.FORBIDDEN.permission", { permission: permissionLabel(t, details.permission) });
      const missing = Array.isArray(details?.missing) ? details.missing.filter((p): p is string => typeof p === "string") : [];
      if (missing.length > 0) return t("error.FORBIDDEN.missing", { permissions: missing.map((p) => permissionLabel(t, p)).join(", ") });
      return t("error.FORBIDDEN");
    }
    case "USAGE_LIMIT_REACHED": {
      const { limit, current } = details ?? {};
      return typeof limit === "number" && typeof current === "number" ? t("error.USAGE_LIMIT_REACHED", { limit, current }) : t("error.USAGE_LIMIT_REACHED.noDetails");
    }
    case "SPEND_CAP_REACHED": {
      const { cap, spend, currency } = details ?? {};
      if (typeof cap !== "number" || typeof spend !== "number" || typeof currency !== "string") return t("error.SPEND_CAP_REACHED.noDetails");
      return t("error.SPEND_CAP_REACHED", { cap: money(t, cap, currency), spend: money(t, spend, currency) });
    }
    case "SPEND_CAP_CURRENCY":
      return t("error.SPEND_CAP_CURRENCY", { currency: typeof details?.currency === "string" ? details.currency : "" });
    case "WEAK_PASSWORD":
      return t("error.WEAK_PASSWORD", { minimum: PASSWORD_MIN });
    case "INTERNAL":
      return requestId ? t("error.INTERNAL", { requestId }) : t("error.INTERNAL.noRequest");
    default:
      return t(`error.${code}` as PlainMessageKey); // every code has one: errors.en.ts checks it
  }
}

/**
 * `fallback` is shown when the error did not come from our API (e.g. the network is down): "errors.unreachable"
 * for a failed load, "errors.unexpected" for a failed action.
 */
export function readServerError(error: unknown, t: Translate, fallback: PlainMessageKey = "errors.unexpected"): ServerError {
  const { message: serverMessage, data } = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
  const rawCode = typeof data?.code === "string" ? data.code : null;
  const code = errorCodeOf(error);
  const details = data?.details && typeof data.details === "object" ? data.details : null;
  const retry = details?.retryAfterSeconds;
  const retryAfterSeconds = typeof retry === "number" && retry > 0 ? Math.ceil(retry) : null;
  const requestId = typeof data?.requestId === "string" ? data.requestId : null;

  // Field errors: each issue in the user's language; without issues (an error of a service naming its
  // field), the error's own sentence on that field.
  const fieldErrors: Record<string, string> = {};
  const issueTexts: string[] = [];
  const issues = Array.isArray(data?.issues) ? (data.issues as (IssueData & { path?: unknown })[]) : [];
  for (const issue of issues) {
    const text = serverIssueMessage(t, issue) ?? t("error.BAD_INPUT.field");
    issueTexts.push(text);
    const path = typeof issue.path === "string" ? issue.path : "";
    if (path !== "") fieldErrors[path] = fieldErrors[path] ? `${fieldErrors[path]} ${text}` : text;
  }

  let message: string;
  if (code === "BAD_INPUT") message = issueTexts[0] ?? t("error.BAD_INPUT");
  else if (code) message = describeError(t, code, { details, retryAfterSeconds, requestId });
  else if (rawCode && typeof serverMessage === "string" && serverMessage !== "") message = serverMessage;
  else message = t(fallback);

  if (issues.length === 0 && data?.fieldErrors && typeof data.fieldErrors === "object") {
    for (const [path, messages] of Object.entries(data.fieldErrors as Record<string, unknown>)) {
      if (!Array.isArray(messages) || messages.length === 0) continue;
      fieldErrors[path] = code === "BAD_INPUT" ? t("error.BAD_INPUT.field") : code ? message : messages.map(String).join(" ");
    }
  }

  return { message, code, fieldErrors, details, retryAfterSeconds, requestId };
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
