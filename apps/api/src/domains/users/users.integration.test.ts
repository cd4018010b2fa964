import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../test/harness.js";

let h: Harness;
let t: Awaited<ReturnType<Harness["makeTenant"]>>;
let adminRoleId: string;
let viewerRoleId: string;

beforeAll(async () => {
  h = await createHarness();
  t = await h.makeTenant();
  adminRoleId = (await t.admin.roles.list()).items.find((r) => r.key === "tenant_admin")!.id;
  viewerRoleId = (await t.admin.roles.create({ name: "Viewer", permissions: ["users.read", "tenant.read"] })).id;
});
afterAll(async () => h?.close());

async function fails(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as TRPCError;
  }
  throw new Error("expected failure");
}

describe("users", () => {
  it("creates a user with a one-time password who must change it at first login", async () => {
    const { user, generatedPassword } = await t.admin.users.create({ email: "Zoe@Example.com", name: "Zoé", roleIds: [viewerRoleId] });
    expect(user).toMatchObject({ email: "zoe@example.com", status: "active", mustChangePassword: true, roles: [{ id: viewerRoleId, name: "Viewer" }] });
    const zoe = h.caller();
    const { me } = await zoe.auth.login({ email: "zoe@example.com", password: generatedPassword!, workspace: t.slug });
    expect(me.mustChangePassword).toBe(true);
    expect(me.permissions.sort()).toEqual(["tenant.read", "users.read"]);
  });

  it("refuses a duplicate e-mail, an unknown role and a weak password, changing nothing", async () => {
    const before = await h.db.prisma.user.count();
    expect((await fails(t.admin.users.create({ email: "zoe@example.com", name: "Again", roleIds: [viewerRoleId] }))).code).toBe("CONFLICT");
    expect((await fails(t.admin.users.create({ email: "new@example.com", name: "N", roleIds: ["0190aaaa-0000-7000-8000-000000000000"] }))).code).toBe("NOT_FOUND");
    expect((await fails(t.admin.users.create({ email: "new@example.com", name: "N", roleIds: [viewerRoleId], password: "short" }))).code).toBe("BAD_REQUEST");
    expect(await h.db.prisma.user.count()).toBe(before);
  });

  it("deactivation ends the user's sessions at once and blocks login; reactivation restores access", async () => {
    const { user } = await t.admin.users.create({ email: "dan@example.com", name: "Dan", roleIds: [viewerRoleId], password: "dan's long passphrase" });
    const dan = h.caller();
    await dan.auth.login({ email: "dan@example.com", password: "dan's long passphrase", workspace: t.slug });
    await dan.auth.changePassword({ currentPassword: "dan's long passphrase", newPassword: "dan's newer passphrase" });
    expect((await dan.users.list({})).items.length).toBeGreaterThan(0);
    expect(await h.db.prisma.session.count({ where: { userId: user.id } })).toBe(1);
    await t.admin.users.deactivate({ userId: user.id });
    expect(await h.db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await dan.auth.me()).toBeNull();
    expect((await fails(h.caller().auth.login({ email: "dan@example.com", password: "dan's newer passphrase", workspace: t.slug }))).message).toMatch(/deactivated/);
    await t.admin.users.reactivate({ userId: user.id });
    // The session from before the deactivation stays ended: reactivation restores the account, not old logins.
    expect(await dan.auth.me()).toBeNull();
    await expect(h.caller().auth.login({ email: "dan@example.com", password: "dan's newer passphrase", workspace: t.slug })).resolves.toBeTruthy();
  });

  it("protects the last active tenant admin from deactivation and from losing the role", async () => {
    expect((await fails(t.admin.users.deactivate({ userId: t.adminId }))).code).toBe("CONFLICT");
    const { user: second } = await t.admin.users.create({ email: "second-admin@example.com", name: "Second", roleIds: [adminRoleId] });
    // With two admins, one can be demoted; the remaining one then cannot.
    await t.admin.users.update({ userId: second.id, roleIds: [viewerRoleId] });
    const lose = await fails(t.admin.users.update({ userId: t.adminId, roleIds: [viewerRoleId] }));
    expect(lose.code).toBe("CONFLICT");
    expect(lose.message).toMatch(/last active tenant admin/);
    expect((await t.admin.users.get({ userId: t.adminId })).roles.map((r) => r.id)).toEqual([adminRoleId]);
  });

  it("resets a password: sessions end and a change is forced", async () => {
    const { user } = await t.admin.users.create({ email: "rita@example.com", name: "Rita", roleIds: [viewerRoleId], password: "rita's long passphrase" });
    const rita = h.caller();
    await rita.auth.login({ email: "rita@example.com", password: "rita's long passphrase", workspace: t.slug });
    const { generatedPassword } = await t.admin.users.resetPassword({ userId: user.id });
    expect(await h.db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await rita.auth.me()).toBeNull();
    const { me } = await h.caller().auth.login({ email: "rita@example.com", password: generatedPassword!, workspace: t.slug });
    expect(me.mustChangePassword).toBe(true);
  });

  it("lets users change their own name and language", async () => {
    const updated = await t.admin.users.updateProfile({ name: "Renamed Admin", language: "en" });
    expect(updated).toMatchObject({ name: "Renamed Admin", language: "en" });
    expect((await t.admin.auth.me())!.language).toBe("en");
  });

  it("lists with search, filters, sorting and keyset pages", async () => {
    for (const name of ["Yan", "Xena", "Wim"]) {
      await t.admin.users.create({ email: `${name.toLowerCase()}@list.example`, name, roleIds: [viewerRoleId] });
    }
    const search = await t.admin.users.list({ search: "LIST.example", sort: "name" });
    expect(search.items.map((u) => u.name)).toEqual(["Wim", "Xena", "Yan"]);
    const p1 = await t.admin.users.list({ search: "list.example", sort: "name", limit: 2 });
    const p2 = await t.admin.users.list({ search: "list.example", sort: "name", limit: 2, cursor: p1.nextCursor! });
    expect([...p1.items, ...p2.items].map((u) => u.name)).toEqual(["Wim", "Xena", "Yan"]);
    expect(p2.nextCursor).toBeNull();
    const admins = await t.admin.users.list({ roleId: adminRoleId });
    expect(admins.items.every((u) => u.roles.some((r) => r.id === adminRoleId))).toBe(true);
    const wim = search.items.find((u) => u.name === "Wim")!;
    await t.admin.users.deactivate({ userId: wim.id });
    const inactive = await t.admin.users.list({ status: "deactivated" });
    expect(inactive.items.map((u) => u.name)).toContain("Wim");
    expect(inactive.items.every((u) => u.status === "deactivated")).toBe(true);
    const active = await t.admin.users.list({ status: "active", search: "list.example", sort: "name" });
    expect(active.items.map((u) => u.name)).toEqual(["Xena", "Yan"]);
    expect((await fails(t.admin.users.list({ sort: "email", cursor: p1.nextCursor! }))).code).toBe("BAD_REQUEST");
    // Search text is literal: LIKE metacharacters match themselves only.
    await t.admin.users.create({ email: "under_score@list.example", name: "100% Sure", roleIds: [viewerRoleId] });
    expect((await t.admin.users.list({ search: "_" })).items.map((u) => u.email)).toEqual(["under_score@list.example"]);
    expect((await t.admin.users.list({ search: "0%" })).items.map((u) => u.name)).toEqual(["100% Sure"]);
    expect((await t.admin.users.list({ search: "\\" })).items).toEqual([]);
  });
});

describe("roles", () => {
  it("a user without a permission is refused with FORBIDDEN naming it", async () => {
    const { user } = await t.admin.users.create({ email: "limited@example.com", name: "Limited", roleIds: [viewerRoleId], password: "limited long passphrase" });
    const limited = h.caller();
    await limited.auth.login({ email: user.email, password: "limited long passphrase", workspace: t.slug });
    await limited.auth.changePassword({ currentPassword: "limited long passphrase", newPassword: "limited newer passphrase" });
    const error = await fails(limited.users.create({ email: "x@example.com", name: "X", roleIds: [viewerRoleId] }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/users\.manage/);
    // Granting the permission takes effect at the next request.
    await t.admin.roles.update({ roleId: viewerRoleId, permissions: ["users.read", "tenant.read", "users.manage"] });
    await expect(limited.users.create({ email: "x@example.com", name: "X", roleIds: [viewerRoleId] })).resolves.toBeTruthy();
    await t.admin.roles.update({ roleId: viewerRoleId, permissions: ["users.read", "tenant.read"] });
  });

  it("refuses unknown permissions, duplicate names and edits of the built-in role", async () => {
    expect((await fails(t.admin.roles.create({ name: "Bad", permissions: ["users.fly" as never] }))).code).toBe("BAD_REQUEST");
    expect((await fails(t.admin.roles.create({ name: "viewer", permissions: [] }))).code).toBe("CONFLICT");
    expect((await fails(t.admin.roles.update({ roleId: adminRoleId, permissions: [] }))).code).toBe("CONFLICT");
    expect((await fails(t.admin.roles.delete({ roleId: adminRoleId }))).code).toBe("CONFLICT");
  });

  it("role names with LIKE metacharacters are plain text: no wildcard match, no error", async () => {
    await t.admin.roles.create({ name: "Editors", permissions: [] });
    await expect(t.admin.roles.create({ name: "Edit%", permissions: [] })).resolves.toMatchObject({ name: "Edit%" });
    await expect(t.admin.roles.create({ name: "Edit_rs", permissions: [] })).resolves.toMatchObject({ name: "Edit_rs" });
    await expect(t.admin.roles.create({ name: "%_%\\", permissions: [] })).resolves.toMatchObject({ name: "%_%\\" });
    expect((await fails(t.admin.roles.create({ name: "EDITORS", permissions: [] }))).code).toBe("CONFLICT");
    expect((await fails(t.admin.roles.create({ name: "%_%\\", permissions: [] }))).code).toBe("CONFLICT");
    const editors = (await t.admin.roles.list()).items.find((r) => r.name === "Editors")!;
    await expect(t.admin.roles.update({ roleId: editors.id, name: "%ditors" })).resolves.toMatchObject({ name: "%ditors" });
  });

  it("a role in use is deleted only by reassigning its users", async () => {
    const temp = await t.admin.roles.create({ name: "Temporary", permissions: ["audit.read"] });
    const { user } = await t.admin.users.create({ email: "temp@example.com", name: "Temp", roleIds: [temp.id] });
    const inUse = await fails(t.admin.roles.delete({ roleId: temp.id }));
    expect(inUse.message).toMatch(/1 user/);
    await t.admin.roles.delete({ roleId: temp.id, reassignToRoleId: viewerRoleId });
    expect((await t.admin.users.get({ userId: user.id })).roles.map((r) => r.id)).toEqual([viewerRoleId]);
  });
});
