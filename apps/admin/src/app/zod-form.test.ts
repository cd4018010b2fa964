import { AuditFilters, ChangePasswordInput, CreateTenantInput, LoginInput, MESSAGE_KEYS, messageText } from "@tenancy/contracts";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { toCreateInput, type TenantFormValues } from "../features/platform/tenant-form.js";
import { createTranslator } from "./i18n/translate.js";
import { setValidationLanguage, validationMessage, zodResolver } from "./zod-form.js";

const tenant: TenantFormValues = {
  name: "Acme",
  slug: "acme",
  legalName: "",
  contactEmail: "ops@acme.test",
  phone: "",
  addressLine: "",
  city: "",
  postalCode: "",
  country: "FR",
  timeZone: "Europe/Paris",
  currency: "EUR",
  language: "fr",
  admin: { email: "admin@acme.test", name: "Ada", password: "" },
};

describe("zodResolver", () => {
  it("accepts valid values: an empty optional password means 'generate one'", () => {
    expect(zodResolver(CreateTenantInput, toCreateInput)(tenant)).toEqual({});
  });

  it("reports the contracts' messages under the form's dotted field names", () => {
    const errors = zodResolver(CreateTenantInput, toCreateInput)({
      ...tenant,
      slug: "-bad-",
      timeZone: "Mars/Olympus",
      admin: { ...tenant.admin, password: "short" },
    });
    expect(Object.keys(errors).sort()).toEqual(["admin.password", "slug", "timeZone"]);
    expect(errors["admin.password"]).toMatch(/at least 12 characters/);
  });

  it("refuses common passwords and a new password equal to the current one", () => {
    const validate = zodResolver(ChangePasswordInput);
    expect(validate({ currentPassword: "x", newPassword: "password1234" }).newPassword).toMatch(/common/);
    expect(validate({ currentPassword: "correct horse battery", newPassword: "correct horse battery" }).newPassword).toMatch(/different/);
    expect(validate({ currentPassword: "x", newPassword: "correct horse battery" })).toEqual({});
  });

  it("lets a platform admin sign in with no workspace", () => {
    expect(zodResolver(LoginInput)({ email: "ops@example.com", password: "secret", workspace: "" })).toEqual({});
    expect(zodResolver(LoginInput)({ email: "nope", password: "", workspace: "" })).toEqual({
      email: expect.any(String),
      password: "Enter your password.",
    });
  });
});

describe("validation in the user's language", () => {
  afterEach(() => setValidationLanguage("en"));

  it("words the contracts' messages and Zod's own checks in French once the UI speaks French", () => {
    setValidationLanguage("fr");
    expect(zodResolver(LoginInput)({ email: "nope", password: "", workspace: "" })).toEqual({
      email: "Saisissez une adresse e-mail valide, comme nom@exemple.fr.",
      password: "Saisissez votre mot de passe.",
    });
    const errors = zodResolver(CreateTenantInput, toCreateInput)({ ...tenant, slug: "a", admin: { ...tenant.admin, password: "short" } });
    expect(errors.slug).toBe("Un identifiant compte au moins 3 caractères.");
    expect(errors["admin.password"]).toBe("Utilisez au moins 12 caractères ; une courte phrase de plusieurs mots convient bien.");
    expect(zodResolver(AuditFilters)({ from: "2026-03-12", to: "2026-03-01" }).to).toBe("La date de fin est antérieure à la date de début.");
    // A check of Zod's own (no message of ours): Zod's French locale.
    expect(zodResolver(z.object({ code: z.string().max(3) }))({ code: "abcd" }).code).toMatch(/^Trop grand/);

    setValidationLanguage("en");
    expect(zodResolver(LoginInput)({ email: "x@y.z", password: "", workspace: "" }).password).toBe("Enter your password.");
    expect(zodResolver(z.object({ code: z.string().max(3) }))({ code: "abcd" }).code).toMatch(/^Too big/);
  });

  it("has every contracts message in every language, with the same placeholders as the English", () => {
    const params = { minimum: 7, maximum: 9, min: "1970-01-01", max: "2999-12-31", languages: "en, fr", known: "users.read", code: "XYZ", eventTypes: "user.deactivated", field: "total", placeholder: "user.email", op: "in" };
    for (const key of MESSAGE_KEYS) {
      expect(validationMessage(createTranslator("en"), key, params), key).toBe(messageText(key, params));
      const french = validationMessage(createTranslator("fr"), key, params);
      expect(french, key).not.toBe(messageText(key, params));
      expect(french, key).not.toMatch(/\{\w+\}/);
    }
  });
});
