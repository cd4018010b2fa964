import { CreateUserInput, PERMISSION_NAMES, UpdateProfileInput, UpdateUserInput } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import { zodResolver } from "../../app/zod-form.js";
import { profileValues, toProfileInput } from "./profile-page.js";
import { editUserValues, permissionsLost, toCreateUserInput, toUpdateUserInput, type NewUserValues, type User } from "./user-form.js";
import { WORKSPACE_LANGUAGE } from "./user-language.js";

const roleA = "0190f0c2-0000-7000-8000-00000000000a";
const roleB = "0190f0c2-0000-7000-8000-00000000000b";
const user: User = {
  id: "0190f0c2-0000-7000-8000-000000000001",
  email: "ada@example.com",
  name: "Ada Lovelace",
  status: "active",
  mustChangePassword: false,
  language: null,
  roles: [{ id: roleA, key: null, name: "Support" }],
  lastLoginAt: null,
  createdAt: new Date("2025-01-01T00:00:00Z"),
};

describe("the new user form", () => {
  const values: NewUserValues = { email: "grace@example.com", name: "Grace", roleIds: [roleA], password: "", language: WORKSPACE_LANGUAGE };

  it("leaves out an empty password (the server generates one) and the workspace's language", () => {
    expect(toCreateUserInput(values)).toEqual({ email: "grace@example.com", name: "Grace", roleIds: [roleA], password: undefined, language: undefined });
    expect(zodResolver(CreateUserInput, toCreateUserInput)(values)).toEqual({});
    expect(toCreateUserInput({ ...values, language: "fr-CA" }).language).toBe("fr-CA");
  });

  it("asks for at least one role and a strong password when one is typed", () => {
    const errors = zodResolver(CreateUserInput, toCreateUserInput)({ ...values, roleIds: [], password: "short" });
    expect(errors.roleIds).toMatch(/at least one role/);
    expect(errors.password).toMatch(/at least 12 characters/);
  });
});

describe("the edit user form", () => {
  it("sends only what changed, roles compared as a set, the workspace's language as null", () => {
    const prepare = toUpdateUserInput(user);
    const unchanged = editUserValues(user);
    expect(prepare(unchanged)).toEqual({ userId: user.id });
    expect(prepare({ ...unchanged, name: "Ada King" })).toEqual({ userId: user.id, name: "Ada King" });
    expect(prepare({ ...unchanged, roleIds: [roleB, roleA] })).toEqual({ userId: user.id, roleIds: [roleB, roleA] });
    expect(prepare({ ...unchanged, language: "fr" })).toEqual({ userId: user.id, language: "fr" });
    const french = { ...user, language: "fr" };
    expect(toUpdateUserInput(french)({ ...editUserValues(french), language: WORKSPACE_LANGUAGE })).toEqual({ userId: user.id, language: null });
    expect(zodResolver(UpdateUserInput, prepare)({ ...unchanged, roleIds: [] }).roleIds).toMatch(/at least one role/);
  });
});

describe("the profile form", () => {
  const tenant = { id: "t", slug: "acme", name: "Acme", timeZone: "UTC", currency: "EUR", language: "fr", dateFormat: "locale", numberFormat: "locale" };

  it("shows a language equal to the workspace's as the workspace's, and sends only what changed", () => {
    expect(profileValues({ name: "Ada", language: "fr", tenant })).toEqual({ name: "Ada", language: WORKSPACE_LANGUAGE });
    expect(profileValues({ name: "Ada", language: "en-GB", tenant })).toEqual({ name: "Ada", language: "en-GB" });
    const prepare = toProfileInput({ name: "Ada", language: WORKSPACE_LANGUAGE });
    expect(prepare({ name: "Ada", language: "en" })).toEqual({ language: "en" });
    expect(prepare({ name: " Ada Byron ", language: WORKSPACE_LANGUAGE })).toEqual({ name: " Ada Byron " });
    expect(toProfileInput({ name: "Ada", language: "en" })({ name: "Ada", language: WORKSPACE_LANGUAGE })).toEqual({ language: null });
    expect(zodResolver(UpdateProfileInput, prepare)({ name: "", language: WORKSPACE_LANGUAGE }).name).toMatch(/Enter a name/);
  });
});

describe("editing one's own roles", () => {
  const roles = [
    { id: roleA, key: null, permissions: ["users.read", "audit.read"] },
    { id: roleB, key: "tenant_admin", permissions: [] },
  ];

  it("names every right the chosen roles would not give", () => {
    expect(permissionsLost(PERMISSION_NAMES, [roleA], roles).sort()).toEqual(PERMISSION_NAMES.filter((p) => p !== "users.read" && p !== "audit.read").sort());
    expect(permissionsLost(["users.read", "users.manage"], [roleA], roles)).toEqual(["users.manage"]);
  });

  it("loses nothing while the Tenant Admin role stays, or when the new roles give at least as much", () => {
    expect(permissionsLost(PERMISSION_NAMES, [roleA, roleB], roles)).toEqual([]);
    expect(permissionsLost(["users.read"], [roleA], roles)).toEqual([]);
  });

  it("counts a role it does not know as giving nothing", () => {
    expect(permissionsLost(["users.read"], ["0190f0c2-0000-7000-8000-0000000000ff"], roles)).toEqual(["users.read"]);
  });
});
