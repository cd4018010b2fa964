// One mapping from errors to what clients see: AppError codes to tRPC codes and HTTP statuses, Zod issues
// to field errors, Prisma constraint errors to conflicts, anything else to a 500 without internals.
import { TRPCError } from "@trpc/server";
import { ERRORS, type ErrorCode, type ErrorData } from "@tenancy/contracts";
import { ZodError } from "zod";
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
  METHOD_NOT_SUPPORTED: "BAD_INPUT",
};

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

function fieldErrorsOf(error: ZodError) {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of error.issues) {
    if (issue.path.length === 0) formErrors.push(issue.message);
    else (fieldErrors[issue.path.join(".")] ??= []).push(issue.message);
  }
  return { fieldErrors, formErrors };
}

export function formatError(error: TRPCError, requestId: string | undefined): { message: string; data: ErrorData } {
  const app = error.cause instanceof AppError ? error.cause : undefined;
  if (error.cause instanceof ZodError) {
    const { fieldErrors, formErrors } = fieldErrorsOf(error.cause);
    const first = Object.entries(fieldErrors)[0];
    const message = first ? `${first[0]}: ${first[1][0]}` : (formErrors[0] ?? "The request is not valid.");
    return { message, data: { code: "BAD_INPUT", httpStatus: 400, message, requestId, fieldErrors, formErrors } };
  }
  const code: ErrorCode = app?.code ?? FROM_TRPC[error.code] ?? "INTERNAL";
  const httpStatus = ERRORS[code].status;
  const message =
    code === "INTERNAL"
      ? `Something went wrong on our side. Try again; if it keeps happening, quote request ${requestId ?? "(unknown)"}.`
      : error.message;
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
