import { ChangePasswordInput, CreateTenantInput, LoginInput } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import { toCreateInput, type TenantFormValues } from "../features/platform/tenant-form.js";
import { zodResolver } from "./zod-form.js";

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
