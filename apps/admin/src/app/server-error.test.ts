import { describe, expect, it } from "vitest";
import { isRetryable, readServerError } from "./server-error.js";

describe("readServerError", () => {
  it("keeps the server's message, code and the wait of a rate limit", () => {
    const error = { message: "Too many attempts; retry in 42 s.", data: { code: "RATE_LIMITED", httpStatus: 429, details: { retryAfterSeconds: 41.2 } } };
    expect(readServerError(error, "fallback")).toEqual({
      message: "Too many attempts; retry in 42 s.",
      code: "RATE_LIMITED",
      fieldErrors: {},
      details: { retryAfterSeconds: 41.2 },
      retryAfterSeconds: 42,
    });
  });

  it("joins the messages of each invalid field, keyed by the form's field path", () => {
    const error = {
      message: "admin.password: too short",
      data: { code: "BAD_INPUT", fieldErrors: { "admin.password": ["Use at least 12 characters.", "Too common."], slug: [] } },
    };
    expect(readServerError(error, "fallback").fieldErrors).toEqual({ "admin.password": "Use at least 12 characters. Too common." });
  });

  it("passes the error's details on, e.g. how many users hold a role that cannot be deleted yet", () => {
    const error = { message: "2 user(s) have this role.", data: { code: "ROLE_IN_USE", httpStatus: 409, details: { userCount: 2 } } };
    expect(readServerError(error, "fallback")).toMatchObject({ code: "ROLE_IN_USE", details: { userCount: 2 }, retryAfterSeconds: null });
  });

  it("falls back when the error did not come from our API (network down, proxy page)", () => {
    expect(readServerError(new TypeError("Failed to fetch"), "Server unreachable").message).toBe("Server unreachable");
    expect(readServerError(null, "Server unreachable")).toEqual({ message: "Server unreachable", code: null, fieldErrors: {}, details: null, retryAfterSeconds: null });
  });
});

describe("isRetryable", () => {
  it("retries server failures and network errors, not answers the client caused", () => {
    expect(isRetryable({ data: { httpStatus: 500 } })).toBe(true);
    expect(isRetryable(new TypeError("Failed to fetch"))).toBe(true);
    expect(isRetryable({ data: { httpStatus: 403 } })).toBe(false);
    expect(isRetryable({ data: { httpStatus: 404 } })).toBe(false);
  });
});
