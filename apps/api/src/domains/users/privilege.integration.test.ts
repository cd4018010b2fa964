// Nobody grants what they do not hold: a custom role with users.manage or roles.manage cannot reach past
// its own permissions (give itself Tenant Admin, take over the admin's account, widen its own role).
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../test/harness.js";
import type { AppError } from "../../lib/app-error.js";

let h: Harness;
let t: Awaited<ReturnType<Harness["makeTenant"]>>;
let adminRoleId: string;
let viewerRoleId: string;
let helpdeskRoleId: string;
let roleAdminRoleId: string;
let helpdesk: Awaited<ReturnType<typeof loginWith>>;
let roleAdmin: Awaited<ReturnType<typeof loginWith>>;
let viewerId: string;
let n = 0;

async function loginWith(roleIds: string[]) {
  const email = `member-${++n}@privilege.example`;
  const { user } = await t.admin.users.create({ email, name: `Member ${n}`, roleIds, password: `first long passphrase ${n}` });
  const caller = h.caller();
  await caller.auth.login({ email, password: `first long passphrase ${n}`, workspace: t.slug });
  await caller.auth.changePassword({ currentPassword: `first long passphrase ${n}`, newPassword: `second long passphrase ${n}` });
  return { api: caller, id: user.id };
}

async function forbidden(p: Promise<unknown>, ...missing: string[]) {
  let error: TRPCError | undefined;
  try {
    await p;
  } catch (e) {
    error = e as TRPCError;
  }
  expect(error?.code).toBe("FORBIDDEN");
  for (const permission of missing) expect(error!.message).toContain(permission);
  return (error!.cause as AppError).details?.missing as string[];
}

beforeAll(async () => {
  h = await createHarness();
  t = await h.makeTenant();
  adminRoleId = (await t.admin.roles.list()).items.find((r) => r.key === "tenant_admin")!.id;
  viewerRoleId = (await t.admin.roles.create({ name: "Viewer", permissions: ["users.read", "tenant.read"] })).id;
  helpdeskRoleId = (await t.admin.roles.create({ name: "Helpdesk", permissions: ["users.read", "users.manage", "tenant.read"] })).id;
  roleAdminRoleId = (await t.admin.roles.create({ name: "Role admin", permissions: ["roles.manage", "users.read"] })).id;
  helpdesk = await loginWith([helpdeskRoleId]);
  roleAdmin = await loginWith([roleAdminRoleId]);
  viewerId = (await loginWith([viewerRoleId])).id;
});
afterAll(async () => h?.close());

describe("users.manage cannot reach past its holder's permissions", () => {
  it("cannot give itself (or anyone) Tenant Admin, naming what it lacks", async () => {
    const missing = await forbidden(helpdesk.api.users.update({ userId: helpdesk.id, roleIds: [helpdeskRoleId, adminRoleId] }), "roles.manage");
    expect(missing).toEqual(expect.arrayContaining(["audit.read", "roles.manage", "settings.manage"]));
    await forbidden(helpdesk.api.users.update({ userId: viewerId, roleIds: [adminRoleId] }), "roles.manage");
    await forbidden(helpdesk.api.users.create({ email: "sleeper@privilege.example", name: "Sleeper", roleIds: [adminRoleId] }), "roles.manage");
    expect(await h.db.prisma.user.count({ where: { email: "sleeper@privilege.example" } })).toBe(0);
    expect((await t.admin.users.get({ userId: helpdesk.id })).roles.map((r) => r.id)).toEqual([helpdeskRoleId]);
  });

  it("cannot reset the Tenant Admin's password, deactivate or edit them", async () => {
    await forbidden(helpdesk.api.users.resetPassword({ userId: t.adminId, password: "attacker chosen passphrase" }), "roles.manage");
    await forbidden(helpdesk.api.users.deactivate({ userId: t.adminId }), "settings.manage");
    await forbidden(helpdesk.api.users.update({ userId: t.adminId, name: "Pwned" }), "audit.read");
    // The admin's account is untouched: same password, same name, still active, session alive.
    await expect(h.caller().auth.login({ email: t.adminEmail, password: t.adminPassword, workspace: t.slug })).resolves.toBeTruthy();
    expect(await t.admin.users.get({ userId: t.adminId })).toMatchObject({ status: "active", mustChangePassword: false });
    expect((await t.admin.users.get({ userId: t.adminId })).name).not.toBe("Pwned");
  });

  it("cannot touch a user whose custom role holds more than it does", async () => {
    const auditor = await loginWith([(await t.admin.roles.create({ name: "Auditor", permissions: ["audit.read"] })).id]);
    await forbidden(helpdesk.api.users.resetPassword({ userId: auditor.id }), "audit.read");
    await forbidden(helpdesk.api.users.deactivate({ userId: auditor.id }), "audit.read");
  });

  it("still manages users within its own permissions", async () => {
    const { user } = await helpdesk.api.users.create({ email: "fine@privilege.example", name: "Fine", roleIds: [viewerRoleId] });
    await expect(helpdesk.api.users.resetPassword({ userId: user.id })).resolves.toBeTruthy();
    await expect(helpdesk.api.users.update({ userId: user.id, name: "Fine Renamed" })).resolves.toMatchObject({ name: "Fine Renamed" });
    await expect(helpdesk.api.users.deactivate({ userId: user.id })).resolves.toMatchObject({ status: "deactivated" });
  });
});

describe("roles.manage cannot hand out permissions its holder lacks", () => {
  it("cannot add a permission to its own role or create a role with it", async () => {
    await forbidden(roleAdmin.api.roles.update({ roleId: roleAdminRoleId, permissions: ["roles.manage", "users.read", "audit.read"] }), "audit.read");
    await forbidden(roleAdmin.api.roles.create({ name: "Wider", permissions: ["settings.manage"] }), "settings.manage");
    expect((await t.admin.roles.list()).items.find((r) => r.id === roleAdminRoleId)!.permissions.sort()).toEqual(["roles.manage", "users.read"]);
    expect((await t.admin.roles.list()).items.some((r) => r.name === "Wider")).toBe(false);
  });

  it("cannot edit or delete a role that holds more than it does, nor move users onto one", async () => {
    await forbidden(roleAdmin.api.roles.update({ roleId: helpdeskRoleId, permissions: ["users.read"] }), "users.manage");
    await forbidden(roleAdmin.api.roles.delete({ roleId: helpdeskRoleId, reassignToRoleId: viewerRoleId }), "users.manage");
    const narrow = await roleAdmin.api.roles.create({ name: "Narrow", permissions: ["users.read"] });
    await loginWith([narrow.id]);
    await forbidden(roleAdmin.api.roles.delete({ roleId: narrow.id, reassignToRoleId: helpdeskRoleId }), "users.manage");
    await expect(roleAdmin.api.roles.delete({ roleId: narrow.id, reassignToRoleId: roleAdminRoleId })).resolves.toEqual({ ok: true });
  });
});

describe("Tenant Admin holds everything", () => {
  it("can give Tenant Admin, widen any role and reset anyone's password", async () => {
    await expect(t.admin.roles.update({ roleId: roleAdminRoleId, permissions: ["roles.manage", "users.read", "audit.read"] })).resolves.toBeTruthy();
    await expect(t.admin.users.resetPassword({ userId: helpdesk.id })).resolves.toBeTruthy();
    await expect(t.admin.users.update({ userId: viewerId, roleIds: [adminRoleId] })).resolves.toBeTruthy();
  });
});
