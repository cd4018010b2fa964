// The permission walk: every tenant procedure declares the permission it needs, and a user holding every
// permission but that one is refused with FORBIDDEN naming it. Every platform procedure is refused to a
// tenant admin (who holds every permission) and to a platform admin who must first change a one-time
// password. Procedures are discovered from the router.
import { PERMISSION_NAMES } from "@tenancy/contracts";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./harness.js";
import { callPath, discoverProcedures } from "./procedures.js";

/** Tenant procedures any signed-in tenant user may call on themselves. */
const SELF_SERVICE = new Set([
  "users.updateProfile",
  "subscriptions.modules",
  // Everyone reads and manages their own notifications (decision 50); rules need notifications.manage.
  ...["list", "thread", "unreadCount", "markRead", "markAllRead", "archive"].map((p) => `notifications.inbox.${p}`),
  "notifications.preferences.get",
  "notifications.preferences.setMuted",
  "notifications.live",
]);

let h: Harness;
let t: Awaited<ReturnType<Harness["makeTenant"]>>;
const tenantProcedures = discoverProcedures().filter((p) => p.access === "tenant");
const platformProcedures = discoverProcedures().filter((p) => p.access === "platform");

beforeAll(async () => {
  h = await createHarness();
  t = await h.makeTenant();
});
afterAll(async () => h?.close());

let made = 0;
async function userWithout(permission: string) {
  made += 1;
  const role = await t.admin.roles.create({ name: `All but ${permission} (${made})`, permissions: PERMISSION_NAMES.filter((p) => p !== permission) });
  const email = `without-${made}-${permission.replace(/\W/g, "-")}@example.com`;
  const { generatedPassword } = await t.admin.users.create({ email, name: `Without ${permission}`, roleIds: [role.id] });
  const caller = h.caller();
  await caller.auth.login({ email, password: generatedPassword!, workspace: t.slug });
  await caller.auth.changePassword({ currentPassword: generatedPassword!, newPassword: "walking the permission tree" });
  return caller;
}

describe("permission walk", () => {
  it("finds the tenant procedures, and each declares a permission from the catalog or is self-service", () => {
    expect(tenantProcedures.map((p) => p.path)).toEqual(expect.arrayContaining(["users.create", "users.list", "roles.create", "settings.update", "audit.list"]));
    for (const p of tenantProcedures) {
      if (SELF_SERVICE.has(p.path)) continue;
      expect(p.meta?.permission, `${p.path} declares no permission`).toBeDefined();
      expect(PERMISSION_NAMES).toContain(p.meta!.permission);
    }
  });

  it("refuses every procedure to a user lacking its permission, with FORBIDDEN naming it", async () => {
    const byPermission = new Map<string, string[]>();
    for (const p of tenantProcedures) {
      if (!p.meta?.permission) continue;
      byPermission.set(p.meta.permission, [...(byPermission.get(p.meta.permission) ?? []), p.path]);
    }
    let checked = 0;
    for (const [permission, paths] of byPermission) {
      const caller = await userWithout(permission);
      for (const path of paths) {
        const error = (await callPath(caller, path, {}).then(
          () => null,
          (e: unknown) => e,
        )) as TRPCError | null;
        expect(error?.code, `${path} without ${permission}`).toBe("FORBIDDEN");
        expect(error?.message).toContain(permission);
        checked += 1;
      }
    }
    expect(checked).toBe(tenantProcedures.filter((p) => p.meta?.permission).length);
  });

  it("a user with the permission gets past the check (the walk can tell the difference)", async () => {
    const caller = await userWithout("roles.manage");
    await expect(callPath(caller, "users.list", {})).resolves.toMatchObject({ items: expect.any(Array) });
  });
});

describe("platform walk", () => {
  const codeOf = (path: string, caller: object) =>
    callPath(caller, path, {}).then(
      () => "OK",
      (e: unknown) => (e as TRPCError).code,
    );

  it("finds the platform procedures, the profile and the platform audit log among them", () => {
    expect(platformProcedures.map((p) => p.path)).toEqual(
      expect.arrayContaining(["platform.tenants.create", "platform.admins.resetPassword", "platform.profile.get", "platform.profile.update", "platform.audit.list"]),
    );
  });

  it("refuses every platform procedure to a tenant admin, who holds every tenant permission", async () => {
    for (const p of platformProcedures) expect(await codeOf(p.path, t.admin), p.path).toBe("FORBIDDEN");
  });

  it("refuses every platform procedure, the profile included, to a platform admin who must change a one-time password first", async () => {
    const ops = await h.platformAdmin();
    const { generatedPassword } = await ops.platform.admins.create({ email: "pending-walk@example.com", name: "Pending" });
    const pending = h.caller();
    await pending.auth.login({ email: "pending-walk@example.com", password: generatedPassword! });
    for (const p of platformProcedures) {
      const error = (await callPath(pending, p.path, {}).then(
        () => null,
        (e: unknown) => e,
      )) as TRPCError | null;
      expect(error?.code, p.path).toBe("FORBIDDEN");
      expect(error?.message, p.path).toMatch(/Change your password/);
    }
    // The walk can tell the difference: the same admin gets through once the password is changed.
    await pending.auth.changePassword({ currentPassword: generatedPassword!, newPassword: "walking the platform tree" });
    await expect(callPath(pending, "platform.profile.get", undefined)).resolves.toMatchObject({ email: "pending-walk@example.com" });
  });
});
