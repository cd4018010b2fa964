// The permission walk: every tenant procedure declares the permission it needs, and a user holding every
// permission but that one is refused with FORBIDDEN naming it. Procedures are discovered from the router.
import { PERMISSION_NAMES } from "@tenancy/contracts";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./harness.js";
import { callPath, discoverProcedures } from "./procedures.js";

/** Tenant procedures any signed-in tenant user may call on themselves. */
const SELF_SERVICE = new Set(["users.updateProfile"]);

let h: Harness;
let t: Awaited<ReturnType<Harness["makeTenant"]>>;
const tenantProcedures = discoverProcedures().filter((p) => p.access === "tenant");

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
