// One mapping from errors to what clients see, for tRPC procedures and plain HTTP routes alike: AppError
// codes to tRPC codes and HTTP statuses, the client's invalid input to field errors, Prisma constraint
// errors to conflicts, Fastify's own 4xx to catalog codes, anything else to a 500 without internals.
// Invalid input is told in English (`message`, `fieldErrors`) and, for clients that speak the user's
// language, as `issues`: each with the contracts' message key or Zod's issue code, and its parameters.
import { TRPCError } from "@trpc/server";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { ERRORS, isMessageKey, issueParams, issueText, type ErrorCode, type ErrorData, type ErrorIssue } from "@tenancy/contracts";
import { ZodError, type z } from "zod";
import { AppError, dbErrorKind } from "../lib/app-error.js";

type TRPCCode = TRPCError["code"];

const FROM_TRPC: Partial<Record<TRPCCode, ErrorCode>> = {
  BAD_REQUEST: "BAD_INPUT",
  PARSE_ERROR: "BAD_INPUT",
  UNAUTHORIZED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  TOO_MANY_REQUESTS: "RATE_LIMITED",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  METHOD_NOT_SUPPORTED: "METHOD_NOT_ALLOWED",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
};

/** The body of every error answer: the tRPC error shape, also used as is by the plain HTTP routes. */
export interface ErrorEnvelope {
  message: string;
  /** The JSON-RPC code tRPC clients read (e.g. -32600 for BAD_REQUEST). */
  code: number;
  data: ErrorData;
}

/** Turns what a service threw into an AppError when we know what it means, else returns undefined. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  switch (dbErrorKind(error)) {
    case "unique":
      return new AppError("CONFLICT", "This conflicts with an existing record; reload and try again.");
    case "foreign_key":
      return new AppError("CONFLICT", "This refers to a record that does not exist or is still in use.");
    case "not_found":
      return new AppError("NOT_FOUND", "This record does not exist (any more).");
    case "invalid_value":
      return new AppError("BAD_INPUT", "A value in this request is not valid for its field.");
    default:
      return undefined;
  }
}

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: ERRORS[error.code].trpc as TRPCCode, message: error.message, cause: error });
}

/** The client's input failed its contract: the same error tRPC raises when a procedure's `.input()` refuses. */
export function inputError(cause: ZodError): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", cause });
}

/** What a Zod issue holds besides its wording: its limits, expected type, format, ... (JSON-safe). */
const ISSUE_OWN_KEYS = new Set(["code", "path", "message", "input", "inst", "params", "errors", "issues", "continue", "abort"]);

function toErrorIssue(issue: z.core.$ZodIssue, path: string): ErrorIssue {
  const message = issueText(issue);
  if (isMessageKey(issue.message)) return { path, code: issue.code, message, key: issue.message, params: issueParams(issue) };
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(issue)) {
    if (ISSUE_OWN_KEYS.has(name)) continue;
    if (typeof value === "bigint") params[name] = value.toString();
    else if (value instanceof RegExp) params[name] = value.source;
    else params[name] = value;
  }
  return { path, code: issue.code, message, ...(Object.keys(params).length > 0 ? { params } : {}) };
}

function fieldErrorsOf(error: ZodError) {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  const issues: ErrorIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    const described = toErrorIssue(issue, path);
    issues.push(described);
    if (path === "") formErrors.push(described.message);
    else (fieldErrors[path] ??= []).push(described.message);
  }
  return { fieldErrors, formErrors, issues };
}

export const internalMessage = (requestId: string | undefined) =>
  `Something went wrong on our side. Try again; if it keeps happening, quote request ${requestId ?? "(unknown)"}.`;

export function formatError(error: TRPCError, requestId: string | undefined): { message: string; data: ErrorData } {
  const app = error.cause instanceof AppError ? error.cause : undefined;
  // Only tRPC's input parsing raises BAD_REQUEST with a ZodError cause. A ZodError anywhere else (our own
  // output validation, an event payload schema) is a bug of ours: it falls through to INTERNAL below.
  if (error.code === "BAD_REQUEST" && error.cause instanceof ZodError) {
    const { fieldErrors, formErrors, issues } = fieldErrorsOf(error.cause);
    const first = Object.entries(fieldErrors)[0];
    const message = first ? `${first[0]}: ${first[1][0]}` : (formErrors[0] ?? "The request is not valid.");
    return { message, data: { code: "BAD_INPUT", httpStatus: 400, message, requestId, fieldErrors, formErrors, issues } };
  }
  const code: ErrorCode = app?.code ?? FROM_TRPC[error.code] ?? "INTERNAL";
  const httpStatus = ERRORS[code].status;
  const message = code === "INTERNAL" ? internalMessage(requestId) : error.message;
  const field = typeof app?.details?.field === "string" ? app.details.field : undefined;
  return {
    message,
    data: {
      code,
      httpStatus,
      message,
      requestId,
      ...(app?.details ? { details: app.details } : {}),
      ...(field ? { fieldErrors: { [field]: [message] } } : {}),
    },
  };
}

/** Fastify's own refusals (body parsing, limits), by their error code, in words an API user understands. */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "The request body is larger than this server accepts (1 MiB).",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "This content type is not accepted here; send the body as JSON (Content-Type: application/json).",
  FST_ERR_CTP_INVALID_JSON_BODY: "The request body is not valid JSON.",
  FST_ERR_CTP_EMPTY_JSON_BODY: "The request body is empty although its content type says JSON; send a JSON body or no content type.",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "The Content-Length header does not match the body.",
  FST_ERR_CTP_INVALID_TYPE: "The Content-Type header is not valid.",
  FST_ERR_CTP_EMPTY_TYPE: "The Content-Type header is empty.",
  FST_ERR_BAD_URL: "The address of this request is not valid: its percent-encoding is broken.",
};

/** Fastify's HTTP statuses, as tRPC codes, so FROM_TRPC and ERRORS decide the catalog code and status. */
const TRPC_BY_STATUS: Record<number, TRPCCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_SUPPORTED",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "TOO_MANY_REQUESTS",
};

/** Anything thrown in a route, a hook or Fastify itself, as the TRPCError the one formatter understands. */
export function asTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  const app = toAppError(error);
  if (app) return toTRPCError(app);
  const fastify = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  const status = typeof fastify?.statusCode === "number" ? fastify.statusCode : 500;
  if (status >= 400 && status < 500) {
    const known = typeof fastify.code === "string" ? FASTIFY_MESSAGES[fastify.code] : undefined;
    const message = known ?? (typeof fastify.message === "string" && fastify.message ? fastify.message : "This request is not valid.");
    return new TRPCError({ code: TRPC_BY_STATUS[status] ?? "BAD_REQUEST", message, cause: error });
  }
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
}

/** The error envelope of a plain HTTP answer (the same object tRPC answers, without its transformer). */
export function errorEnvelope(error: TRPCError, requestId: string | undefined): ErrorEnvelope {
  const { message, data } = formatError(error, requestId);
  const code = data.code === "INTERNAL" ? TRPC_ERROR_CODES_BY_KEY.INTERNAL_SERVER_ERROR : TRPC_ERROR_CODES_BY_KEY[error.code];
  return { message, code, data };
}
