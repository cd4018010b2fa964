import { describe, expect, it } from "vitest";
import { dbErrorKind, isUniqueViolation } from "./app-error.js";

// The shapes below are those Prisma 7.10 throws over @prisma/adapter-pg and pglite-prisma-adapter 0.7
// (same on both), a bare DriverAdapterError, and an error of a raw query on pg or PGlite.
const prismaError = (code: string, originalCode?: string, kind = "postgres") => ({
  name: "PrismaClientKnownRequestError",
  code,
  message: `Invalid invocation: ${code}`,
  meta: originalCode ? { modelName: "Tenant", driverAdapterError: { name: "DriverAdapterError", cause: { originalCode, kind } } } : { modelName: "Tenant" },
});

describe("dbErrorKind", () => {
  it("classifies Prisma 7 errors by their P-code and the SQLSTATE beneath it", () => {
    expect(dbErrorKind(prismaError("P2002", "23505", "UniqueConstraintViolation"))).toBe("unique");
    expect(dbErrorKind(prismaError("P2003", "23503", "ForeignKeyConstraintViolation"))).toBe("foreign_key");
    expect(dbErrorKind(prismaError("P2025"))).toBe("not_found");
    expect(dbErrorKind(prismaError("P2039", "22021"))).toBe("invalid_value");
    expect(dbErrorKind(prismaError("P2007", "22P02", "InvalidInputValue"))).toBe("invalid_value");
  });

  it("classifies a bare DriverAdapterError and a raw query's error by their SQLSTATE", () => {
    expect(dbErrorKind({ name: "DriverAdapterError", cause: { originalCode: "23505", kind: "UniqueConstraintViolation" } })).toBe("unique");
    expect(dbErrorKind({ name: "error", code: "23503", severity: "ERROR" })).toBe("foreign_key");
    expect(dbErrorKind({ name: "error", code: "22001", severity: "ERROR" })).toBe("invalid_value");
  });

  it("leaves other errors alone", () => {
    expect(dbErrorKind(new Error("boom"))).toBeUndefined();
    expect(dbErrorKind(prismaError("P2039", "40001"))).toBeUndefined();
    expect(dbErrorKind("P2002")).toBeUndefined();
  });

  it("finds the field of a unique violation in the error", () => {
    const error = { ...prismaError("P2002", "23505", "UniqueConstraintViolation"), message: "Unique constraint failed on the fields: (`slug`)" };
    expect(isUniqueViolation(error, "slug")).toBe(true);
    expect(isUniqueViolation(error, "email")).toBe(false);
  });
});
