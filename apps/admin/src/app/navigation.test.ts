import { describe, expect, it } from "vitest";
import { homePath, safeNext, tenantNav } from "./navigation.js";

describe("tenant navigation", () => {
  it("shows only the entries the user's permissions allow", () => {
    expect(tenantNav(["tenant.read", "audit.read"]).map((entry) => entry.path)).toEqual(["/t", "/t/audit", "/t/events/live", "/t/events/catalog"]);
    expect(tenantNav(["tenant.read", "users.read", "audit.read", "settings.manage"])).toHaveLength(6);
    expect(tenantNav(["users.read", "roles.manage"]).map((entry) => entry.path)).toEqual(["/t/users", "/t/roles"]);
    expect(tenantNav([])).toEqual([]);
  });

  it("lists the notification rules for those who manage them (every user's inbox is beside the profile)", () => {
    expect(tenantNav(["notifications.manage"]).map((entry) => entry.path)).toEqual(["/t/notification-rules"]);
    expect(tenantNav(["users.read"]).map((entry) => entry.path)).not.toContain("/t/notification-rules");
  });
});

describe("homePath", () => {
  it("sends each principal to its area, and anyone with a pending password change to the change form", () => {
    expect(homePath({ kind: "platform_admin", permissions: [], mustChangePassword: false })).toBe("/platform/tenants");
    expect(homePath({ kind: "user", permissions: ["tenant.read"], mustChangePassword: false })).toBe("/t");
    expect(homePath({ kind: "user", permissions: ["audit.read"], mustChangePassword: false })).toBe("/t/audit");
    expect(homePath({ kind: "user", permissions: ["tenant.read"], mustChangePassword: true })).toBe("/change-password");
    expect(homePath({ kind: "user", permissions: [], mustChangePassword: false })).toBe("/t/profile");
  });
});

describe("safeNext", () => {
  it("follows only paths of this app", () => {
    expect(safeNext("/t/audit?action=x")).toBe("/t/audit?action=x");
    expect(safeNext("//evil.example/")).toBeNull();
    expect(safeNext("https://evil.example/")).toBeNull();
    expect(safeNext("/login")).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
