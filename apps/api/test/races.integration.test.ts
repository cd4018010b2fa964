// Guards that two concurrent requests must not both pass: the last tenant admin, the last platform admin,
// and role deletion with reassignment racing a new assignment. Run on PGlite and on PostgreSQL (where
// requests really run in parallel transactions).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_EMAIL, createHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

async function loggedIn(email: string, password: string, workspace?: string) {
  const caller = h.caller();
  await caller.auth.login({ email, password, workspace });
  return caller;
}

describe("last tenant admin", () => {
  it("admins deactivating each other at once always leave an active Tenant Admin", async () => {
    const t = await h.makeTenant();
    const adminRoleId = (await t.admin.roles.list()).items.find((r) => r.key === "tenant_admin")!.id;
    const admins = [{ id: t.adminId, api: t.admin }];
    for (let i = 0; i < 3; i++) {
      const email = `admin-${i}@race.example`;
      const { user } = await t.admin.users.create({ email, name: `Admin ${i}`, roleIds: [adminRoleId], password: `race long passphrase ${i}` });
      const api = await loggedIn(email, `race long passphrase ${i}`, t.slug);
      await api.auth.changePassword({ currentPassword: `race long passphrase ${i}`, newPassword: `race newer passphrase ${i}` });
      admins.push({ id: user.id, api });
    }
    // Every admin tries to deactivate every other one, all at once (12 requests).
    const attempts = admins.flatMap((actor) => admins.filter((target) => target !== actor).map((target) => actor.api.users.deactivate({ userId: target.id })));
    const results = await Promise.allSettled(attempts);
    for (const r of results) if (r.status === "rejected") expect((r.reason as { code: string }).code).not.toBe("INTERNAL_SERVER_ERROR");
    const active = await h.db.prisma.user.count({
      where: { tenantId: t.tenantId, status: "active", roles: { some: { role: { key: "tenant_admin" } } } },
    });
    expect(active).toBe(1);
  });

  it("admins removing each other's admin role at once always leave one", async () => {
    const t = await h.makeTenant();
    const roles = (await t.admin.roles.list()).items;
    const adminRoleId = roles.find((r) => r.key === "tenant_admin")!.id;
    const viewerRoleId = (await t.admin.roles.create({ name: "Viewer", permissions: ["users.read"] })).id;
    const { user: second } = await t.admin.users.create({ email: "second@race.example", name: "Second", roleIds: [adminRoleId], password: "second long passphrase" });
    const secondApi = await loggedIn("second@race.example", "second long passphrase", t.slug);
    await secondApi.auth.changePassword({ currentPassword: "second long passphrase", newPassword: "second newer passphrase" });
    for (let round = 0; round < 5; round++) {
      await Promise.allSettled([
        t.admin.users.update({ userId: second.id, roleIds: [viewerRoleId] }),
        secondApi.users.update({ userId: t.adminId, roleIds: [viewerRoleId] }),
      ]);
      const admins = await h.db.prisma.user.findMany({
        where: { tenantId: t.tenantId, status: "active", roles: { some: { roleId: adminRoleId } } },
        select: { id: true },
      });
      expect(admins.length).toBe(1);
      // Restore two admins for the next round, through the one that is left.
      const remaining = admins[0]!.id === t.adminId ? t.admin : secondApi;
      const demoted = admins[0]!.id === t.adminId ? second.id : t.adminId;
      await remaining.users.update({ userId: demoted, roleIds: [adminRoleId] });
    }
  });
});

describe("role deletion with reassignment", () => {
  it("a user given the role while it is being deleted is reassigned, never left without a role", async () => {
    const t = await h.makeTenant();
    const target = (await t.admin.roles.create({ name: "Target", permissions: ["users.read"] })).id;
    for (let round = 0; round < 8; round++) {
      const doomed = (await t.admin.roles.create({ name: `Doomed ${round}`, permissions: ["tenant.read"] })).id;
      const other = (await t.admin.roles.create({ name: `Other ${round}`, permissions: ["tenant.read"] })).id;
      const late = [];
      for (let i = 0; i < 4; i++) late.push((await t.admin.users.create({ email: `late-${round}-${i}@race.example`, name: "Late", roleIds: [other] })).user.id);
      await Promise.allSettled([
        ...late.slice(0, 2).map((userId) => t.admin.users.update({ userId, roleIds: [doomed] })),
        t.admin.roles.delete({ roleId: doomed, reassignToRoleId: target }),
        ...late.slice(2).map((userId) => t.admin.users.update({ userId, roleIds: [doomed] })),
      ]);
      const doomedLeft = await h.db.prisma.role.count({ where: { id: doomed } });
      for (const userId of late) {
        const roles = (await h.db.prisma.userRole.findMany({ where: { userId }, select: { roleId: true } })).map((r) => r.roleId);
        expect(roles.length).toBeGreaterThan(0);
        if (doomedLeft === 0) expect(roles).not.toContain(doomed);
      }
    }
    const roleless = await h.db.prisma.user.count({ where: { tenantId: t.tenantId, roles: { none: {} } } });
    expect(roleless).toBe(0);
  });
});

describe("last platform admin", () => {
  it("platform admins deactivating each other at once always leave one active", async () => {
    const ops = await h.platformAdmin();
    const others = [];
    for (let i = 0; i < 3; i++) {
      const email = `ops-${i}@race.example`;
      await ops.platform.admins.create({ email, name: `Ops ${i}`, password: `ops long passphrase ${i}` });
      const api = await loggedIn(email, `ops long passphrase ${i}`);
      await api.auth.changePassword({ currentPassword: `ops long passphrase ${i}`, newPassword: `ops newer passphrase ${i}` });
      others.push(api);
    }
    const all = await h.db.prisma.platformAdmin.findMany({ select: { id: true, email: true } });
    const apis = new Map([[ADMIN_EMAIL, ops], ...others.map((api, i) => [`ops-${i}@race.example`, api] as const)]);
    const attempts = all.flatMap((actor) =>
      all.filter((target) => target.id !== actor.id).map((target) => apis.get(actor.email)!.platform.admins.deactivate({ adminId: target.id })),
    );
    const results = await Promise.allSettled(attempts);
    // Refused with LAST_ADMIN or because the actor was deactivated meanwhile: never a server error.
    for (const r of results) if (r.status === "rejected") expect((r.reason as { code: string }).code).not.toBe("INTERNAL_SERVER_ERROR");
    expect(await h.db.prisma.platformAdmin.count({ where: { status: "active" } })).toBe(1);
  });
});
