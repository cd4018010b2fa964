import { CreateTenantInput, ERROR_CODES, type ErrorData } from "@tenancy/contracts";
import { TRPCError } from "@trpc/server";
import { afterEach, describe, expect, it } from "vitest";
import { formatError } from "../../../api/src/trpc/errors.js";
import { en } from "./i18n/en.js";
import { fr } from "./i18n/fr.js";
import { createTranslator } from "./i18n/translate.js";
import { describeError, isRetryable, readServerError } from "./server-error.js";
import { setValidationLanguage } from "./zod-form.js";

const english = createTranslator("en");
const french = createTranslator("fr");

/** A tRPC client error as the app receives it. */
const failure = (data: Omit<Partial<ErrorData>, "code"> & { code: string }, message = "English message from the server") => ({ message, data });

/** What the API answers for this input refused by this schema, as the app receives it. */
function refused(schema: typeof CreateTenantInput, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected a refusal");
  const { message, data } = formatError(new TRPCError({ code: "BAD_REQUEST", cause: parsed.error }), "req-9");
  return { message, data };
}

afterEach(() => setValidationLanguage("en"));

describe("readServerError", () => {
  it("words every error code of the contracts in each language, not with the server's English", () => {
    for (const t of [english, french]) {
      for (const code of ERROR_CODES) {
        const read = readServerError(failure({ code }), t);
        expect(read.code, code).toBe(code);
        expect(read.message, code).not.toBe("English message from the server");
        expect(read.message, code).not.toMatch(/\{\w+\}|^error\./);
      }
    }
    expect(readServerError(failure({ code: "EMAIL_TAKEN" }), french).message).toBe(fr["error.EMAIL_TAKEN"]);
    expect(readServerError(failure({ code: "WRONG_PASSWORD" }), english).message).toBe(en["error.WRONG_PASSWORD"]);
  });

  it("words the usage limit and the spending cap with their details: the limit and use, the cap and spend as amounts", () => {
    const usage = failure({ code: "USAGE_LIMIT_REACHED", details: { moduleKey: "integrations", metric: "api_calls", limit: 50000, current: 50000, periodStart: "2026-03-01T00:00:00.000Z" } });
    expect(readServerError(usage, english).message).toBe("Your plan allows 50,000 of this for the period, and 50,000 are used. A workspace administrator can change to a plan with a higher limit.");
    expect(readServerError(usage, french).message).toMatch(/^Votre offre permet 50\s000 pour la période, et 50\s000 sont déjà utilisés\./);
    const cap = failure({ code: "SPEND_CAP_REACHED", details: { cap: 150000, spend: 152550, currency: "EUR", moduleKey: "integrations", metric: "api_calls", periodStart: "2026-03-01T00:00:00.000Z" } });
    expect(readServerError(cap, english).message).toMatch(/^This month's spend, 1,525\.5 EUR, has reached the workspace's spending cap of 1,500 EUR\./);
    expect(readServerError(cap, french).message).toMatch(/^Les dépenses du mois, 1\s525,5\sEUR, ont atteint le plafond de dépenses de l'espace de travail, 1\s500\sEUR\./);
    expect(readServerError(failure({ code: "SPEND_CAP_CURRENCY", details: { currency: "EUR" } }), french).message).toContain("EUR");
  });

  it("says how long to wait after a rate limit: minutes, or seconds under a minute, pluralized", () => {
    const wait = (seconds: number, t = english) => readServerError(failure({ code: "RATE_LIMITED", details: { retryAfterSeconds: seconds } }), t);
    expect(wait(170).message).toBe("Too many attempts. Try again in 3 minutes.");
    expect(wait(60).message).toBe("Too many attempts. Try again in 1 minute.");
    expect(wait(41.2).message).toBe("Too many attempts. Try again in 42 seconds.");
    expect(wait(1).message).toBe("Too many attempts. Try again in 1 second.");
    expect(wait(900, french).message).toBe("Trop de tentatives. Réessayez dans 15 minutes.");
    expect(wait(30, french).message).toBe("Trop de tentatives. Réessayez dans 30 secondes.");
    expect(wait(41.2)).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 42 });
  });

  it("uses the error's details as parameters: users holding a role, the missing permission, the request to quote", () => {
    const inUse = readServerError(failure({ code: "ROLE_IN_USE", details: { userCount: 1 } }), french);
    expect(inUse).toMatchObject({ code: "ROLE_IN_USE", details: { userCount: 1 }, retryAfterSeconds: null });
    expect(inUse.message).toMatch(/^1 utilisateur a ce rôle\./);
    expect(readServerError(failure({ code: "ROLE_IN_USE", details: { userCount: 3 } }), english).message).toMatch(/^3 users hold this role\./);
    expect(readServerError(failure({ code: "FORBIDDEN", details: { permission: "users.manage" } }), french).message).toContain("« Gérer les utilisateurs »");
    expect(readServerError(failure({ code: "FORBIDDEN", details: { missing: ["audit.read", "roles.manage"] } }), english).message).toContain(
      "(Read the audit log, Manage roles)",
    );
    expect(readServerError(failure({ code: "INTERNAL", requestId: "req-42" }), english).message).toContain("req-42");
  });

  it("shows the server's field errors in the user's language, from their message keys or Zod's issue codes", () => {
    setValidationLanguage("fr");
    const error = refused(CreateTenantInput, {
      name: "Acme", slug: "ab", contactEmail: "ops", country: "FR", timeZone: "Europe/Paris", currency: "EUR", language: "fr",
      admin: { email: "a@acme.test", name: "Ada", password: "short" }, legalName: "x".repeat(201),
    });
    const read = readServerError(error, french);
    expect(read.code).toBe("BAD_INPUT");
    expect(read.fieldErrors).toEqual({
      slug: "Un identifiant compte au moins 3 caractères.",
      contactEmail: "Saisissez une adresse e-mail valide, comme nom@exemple.fr.",
      "admin.password": "Utilisez au moins 12 caractères ; une courte phrase de plusieurs mots convient bien.",
      legalName: "200 caractères au plus.",
    });
    expect(read.message).toBe("Un identifiant compte au moins 3 caractères.");
    expect(JSON.stringify(read)).not.toMatch(/characters|valid e-mail/);
  });

  it("words Zod's own checks the server reports through Zod's locale for the user's language", () => {
    setValidationLanguage("fr");
    const read = readServerError(
      failure({ code: "BAD_INPUT", issues: [{ path: "workspace", code: "too_big", message: "Too big: expected string to have <=40 characters", params: { origin: "string", maximum: 40, inclusive: true } }] }),
      french,
    );
    expect(read.fieldErrors.workspace).toMatch(/^Trop grand.*40 caractères/);
  });

  it("puts an error that names its field (e-mail taken, wrong password) on that field, in the user's language", () => {
    const read = readServerError(failure({ code: "EMAIL_TAKEN", details: { field: "email" }, fieldErrors: { email: ["A user with this e-mail already exists."] } }), french);
    expect(read.fieldErrors).toEqual({ email: fr["error.EMAIL_TAKEN"] });
    const wrong = readServerError(failure({ code: "WRONG_PASSWORD", details: { field: "currentPassword" }, fieldErrors: { currentPassword: ["x"] } }), french);
    expect(wrong.fieldErrors).toEqual({ currentPassword: "Le mot de passe actuel est incorrect." });
  });

  it("every error code's sentence exists in every language", () => {
    for (const code of ERROR_CODES) {
      for (const t of [english, french]) expect(describeError(t, code, { details: null, retryAfterSeconds: null, requestId: null }), code).not.toMatch(/^error\./);
    }
  });

  it("falls back when the error did not come from our API (network down, proxy page); shows a code this build does not know as the server said it", () => {
    expect(readServerError(new TypeError("Failed to fetch"), french, "errors.unreachable").message).toBe(fr["errors.unreachable"]);
    expect(readServerError(null, english)).toEqual({ message: en["errors.unexpected"], code: null, fieldErrors: {}, details: null, retryAfterSeconds: null, requestId: null });
    expect(readServerError(failure({ code: "QUOTA_EXCEEDED" }, "Your quota is used up."), french).message).toBe("Your quota is used up.");
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
