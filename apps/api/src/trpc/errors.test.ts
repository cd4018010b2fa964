import { CreateTenantInput, LoginInput } from "@tenancy/contracts";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { formatError } from "./errors.js";

function badInput(schema: { safeParse(input: unknown): { success: boolean; error?: unknown } }, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected the input to be refused");
  return formatError(new TRPCError({ code: "BAD_REQUEST", cause: parsed.error as Error }), "req-1");
}

describe("formatError on invalid input", () => {
  it("answers English in message and fieldErrors, and each issue's message key with its parameters for clients that translate", () => {
    const { message, data } = badInput(LoginInput, { email: "not-an-email", password: "", workspace: "w".repeat(41) });
    expect(data.code).toBe("BAD_INPUT");
    expect(message).toBe("email: Enter a valid e-mail address, like name@example.com.");
    expect(data.fieldErrors).toEqual({
      email: ["Enter a valid e-mail address, like name@example.com."],
      password: ["Enter your password."],
      workspace: [expect.stringMatching(/40/)],
    });
    expect(data.issues).toEqual([
      { path: "email", code: "invalid_format", message: "Enter a valid e-mail address, like name@example.com.", key: "email.invalid", params: {} },
      { path: "password", code: "too_small", message: "Enter your password.", key: "password.required", params: { minimum: 1 } },
      // Zod's own check (no message of ours): its code and parameters, for Zod's locales.
      {
        path: "workspace",
        code: "too_big",
        message: expect.stringMatching(/40/),
        params: expect.objectContaining({ origin: "string", maximum: 40, inclusive: true }),
      },
    ]);
    expect(JSON.stringify(data)).not.toMatch(/"(email|password)\.\w+"\]/); // no key leaks into the English
  });

  it("fills a message's parameters in English: limits of the check, or a refinement's params", () => {
    const { data } = badInput(CreateTenantInput, {
      name: "Acme", slug: "ab", contactEmail: "ops@acme.test", country: "FR", timeZone: "Europe/Paris", currency: "EUR", language: "de",
      admin: { email: "a@acme.test", name: "Ada", password: "short" },
    });
    expect(data.fieldErrors?.slug).toEqual(["A slug has at least 3 characters."]);
    expect(data.fieldErrors?.["admin.password"]).toEqual(["Use at least 12 characters; a short phrase of several words works well."]);
    expect(data.fieldErrors?.language).toEqual(["Choose a supported language (BCP 47 tag): en, fr, optionally with a region like fr-CA."]);
    expect(data.issues?.find((issue) => issue.path === "admin.password")).toMatchObject({ key: "password.tooShort", params: { minimum: 12 } });
    expect(data.issues?.find((issue) => issue.path === "language")).toMatchObject({ key: "language.invalid", params: { languages: "en, fr" } });
  });
});
