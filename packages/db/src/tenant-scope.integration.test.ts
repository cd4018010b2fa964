import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./client.js";
import { forTenant, tenantModels, TenantScopeError } from "./tenant-scope.js";
import { createTestDatabase } from "./testing.js";
import { uuidv7 } from "./uuid.js";

let db: Database;
const tenantA = uuidv7();
const tenantB = uuidv7();

async function makeTenant(id: string, slug: string) {
  await db.prisma.tenant.create({
    data: { id, slug, name: slug, nameSortKey: slug, contactEmail: `${slug}@example.com`, country: "FR", timeZone: "Europe/Paris", currency: "EUR", language: "fr" },
  });
}

async function makeUser(tenantId: string, email: string) {
  const id = uuidv7();
  await db.prisma.user.create({ data: { id, tenantId, email, name: email, nameSortKey: email, passwordHash: "x" } });
  return id;
}

async function makeRole(tenantId: string, name: string) {
  const id = uuidv7();
  await db.prisma.role.create({ data: { id, tenantId, name, nameSortKey: name.toLowerCase(), permissions: ["users.manage"] } });
  return id;
}

/** Calls a property the types rightly do not offer, as buggy or hostile tenant code would. */
const untyped = (client: object) => client as unknown as Record<string, Record<string, (args?: unknown) => Promise<unknown>> & ((...args: unknown[]) => Promise<unknown>)>;

beforeAll(async () => {
  db = await createTestDatabase();
  await makeTenant(tenantA, "a");
  await makeTenant(tenantB, "b");
});
afterAll(async () => db?.close());

describe("forTenant", () => {
  it("derives the tenant-owned models from the schema: a tenantId field and a relation to Tenant", () => {
    // Sessions carry a tenantId but no relation to Tenant: identity data, reached through a named helper only.
    expect(tenantModels(db.prisma)).toEqual(["AuditEntry", "Event", "Invoice", "InvoiceLine", "Notification", "NotificationMute", "NotificationRule", "NotificationThread", "PendingCharge", "Role", "Subscription", "UsageCounter", "User", "UserRole"]);
  });

  it("stamps creates with its tenant and hides other tenants' rows from every read and write", async () => {
    const a = forTenant(db.prisma, tenantA);
    const b = forTenant(db.prisma, tenantB);
    const roleA = await a.role.create({ data: { id: uuidv7(), name: "Editors", nameSortKey: "editors", permissions: [] } as never });
    expect(roleA.tenantId).toBe(tenantA);
    expect(await b.role.findUnique({ where: { id: roleA.id } })).toBeNull();
    expect(await b.role.findMany()).toEqual([]);
    expect(await b.role.count()).toBe(0);
    expect((await b.role.updateMany({ where: { id: roleA.id }, data: { name: "x" } })).count).toBe(0);
    await expect(b.role.update({ where: { id: roleA.id }, data: { name: "x" } })).rejects.toThrow();
    await expect(b.role.delete({ where: { id: roleA.id } })).rejects.toThrow();
    // A compound key naming the other tenant still finds nothing.
    expect(await b.role.findUnique({ where: { tenantId_name: { tenantId: tenantA, name: "Editors" } } })).toBeNull();
    expect(await a.role.findUnique({ where: { id: roleA.id } })).not.toBeNull();
  });

  it("refuses to move a row to another tenant, by update, updateMany, updateManyAndReturn or upsert", async () => {
    const a = forTenant(db.prisma, tenantA);
    const role = await a.role.create({ data: { id: uuidv7(), name: "Movers", nameSortKey: "movers", permissions: [] } as never });
    const move = { tenantId: tenantB } as never;
    await expect(a.role.update({ where: { id: role.id }, data: move })).rejects.toThrow(TenantScopeError);
    await expect(a.role.updateMany({ where: { id: role.id }, data: move })).rejects.toThrow(TenantScopeError);
    await expect(a.role.updateManyAndReturn({ where: { id: role.id }, data: move })).rejects.toThrow(TenantScopeError);
    await expect(a.role.upsert({ where: { id: role.id }, create: { id: role.id, name: "Movers", permissions: [] } as never, update: move })).rejects.toThrow(TenantScopeError);
    // Even "moving" to its own tenant is a write of tenantId, refused.
    await expect(a.role.update({ where: { id: role.id }, data: { tenantId: tenantA } as never })).rejects.toThrow(TenantScopeError);
    expect((await db.prisma.role.findUniqueOrThrow({ where: { id: role.id } })).tenantId).toBe(tenantA);
  });

  it("refuses a create stamped for another tenant", async () => {
    const a = forTenant(db.prisma, tenantA);
    await expect(a.role.create({ data: { id: uuidv7(), tenantId: tenantB, name: "Intruders", nameSortKey: "intruders", permissions: [] } })).rejects.toThrow(TenantScopeError);
    await expect(a.role.createMany({ data: [{ id: uuidv7(), tenantId: tenantB, name: "Intruders", nameSortKey: "intruders", permissions: [] }] })).rejects.toThrow(TenantScopeError);
    expect(await db.prisma.role.count({ where: { name: "Intruders" } })).toBe(0);
  });

  it("refuses nested and relation writes: linking another tenant's role, connecting another tenant", async () => {
    const a = forTenant(db.prisma, tenantA);
    const userA = await makeUser(tenantA, "nested@a.example");
    const roleA = await makeRole(tenantA, "Nested A");
    const roleB = await makeRole(tenantB, "Nested B");
    await expect(a.user.update({ where: { id: userA }, data: { roles: { create: { roleId: roleB } } } as never })).rejects.toThrow(TenantScopeError);
    await expect(a.role.update({ where: { id: roleA }, data: { tenant: { connect: { id: tenantB } } } as never })).rejects.toThrow(TenantScopeError);
    await expect(a.user.create({ data: { id: uuidv7(), email: "n2@a.example", name: "n", passwordHash: "x", roles: { create: [{ roleId: roleA }] } } as never })).rejects.toThrow(TenantScopeError);
    await expect(a.userRole.create({ data: { userId: userA, roleId: roleA, role: { connect: { id: roleB } } } as never })).rejects.toThrow(TenantScopeError);
    expect(await db.prisma.userRole.count({ where: { userId: userA } })).toBe(0);
  });

  it("refuses every model that is not tenant-owned, and raw SQL, outside and inside transactions", async () => {
    const a = forTenant(db.prisma, tenantA);
    for (const model of ["tenant", "platformAdmin", "session", "loginThrottle", "auditChain"]) {
      expect(() => untyped(a)[model]!.findMany!({})).toThrow(TenantScopeError);
    }
    // The attack from the review: all tenants' users through the Tenant model.
    expect(() => untyped(a).tenant!.findMany!({ include: { users: true } })).toThrow(TenantScopeError);
    for (const raw of ["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe", "$extends", "$connect"]) {
      expect(() => untyped(a)[raw]!("SELECT 1")).toThrow(TenantScopeError);
    }
    await a.$transaction(async (tx) => {
      expect(() => untyped(tx).tenant!.findMany!({})).toThrow(TenantScopeError);
      expect(() => untyped(tx).session!.deleteMany!({})).toThrow(TenantScopeError);
      expect(() => untyped(tx).$queryRawUnsafe!("SELECT 1")).toThrow(TenantScopeError);
      expect(() => untyped(tx).$executeRaw!("DELETE FROM users")).toThrow(TenantScopeError);
    });
  });

  it("refuses reading a relation into a model that is not tenant-owned", async () => {
    const a = forTenant(db.prisma, tenantA);
    await expect(a.user.findMany({ include: { sessions: true } } as never)).rejects.toThrow(TenantScopeError);
    await expect(a.role.findMany({ select: { id: true, tenant: { select: { users: true } } } } as never)).rejects.toThrow(TenantScopeError);
    await expect(a.userRole.findMany({ select: { user: { select: { sessions: true } } } } as never)).rejects.toThrow(TenantScopeError);
    // Relations between tenant-owned rows stay readable.
    await expect(a.role.findMany({ select: { id: true, users: { select: { user: { select: { email: true } } } }, _count: { select: { users: true } } } })).resolves.toBeDefined();
  });

  it("reaches its own tenant row and its users' sessions through named helpers only", async () => {
    const a = forTenant(db.prisma, tenantA);
    expect(await a.ownTenant.get({ slug: true })).toEqual({ slug: "a" });
    await a.ownTenant.update({ name: "A renamed" }, { name: true });
    expect((await db.prisma.tenant.findUniqueOrThrow({ where: { id: tenantB } })).name).toBe("b");
    await expect(a.ownTenant.update({ status: "active" } as never, { id: true })).rejects.toThrow(TenantScopeError);
    await expect(a.ownTenant.get({ users: true } as never)).rejects.toThrow(TenantScopeError);

    const userB = await makeUser(tenantB, "session@b.example");
    const session = { secretHash: "0".repeat(64), expiresAt: new Date(Date.now() + 60_000), userId: userB, tenantId: tenantB };
    await db.prisma.session.create({ data: { id: `s-${uuidv7()}`, ...session } });
    // A's helper cannot end B's user's sessions, even given the id.
    expect(await a.sessions.endForUser(userB)).toBe(0);
    expect(await forTenant(db.prisma, tenantB).sessions.endForUser(userB)).toBe(1);
  });

  it("the database refuses a cross-tenant link by itself (composite foreign keys)", async () => {
    const userA = await makeUser(tenantA, "fk@a.example");
    const roleB = await makeRole(tenantB, "FK B");
    // Through the unscoped client, as a bug in platform code or a hand-written migration would.
    await expect(db.prisma.userRole.create({ data: { tenantId: tenantA, userId: userA, roleId: roleB } })).rejects.toThrow();
    await expect(db.prisma.userRole.create({ data: { tenantId: tenantB, userId: userA, roleId: roleB } })).rejects.toThrow();
    await expect(db.sql.query(`INSERT INTO user_roles ("tenantId", "userId", "roleId") VALUES ($1, $2, $3)`, [tenantA, userA, roleB])).rejects.toThrow(/foreign key/);
    // A session of A's user cannot claim tenant B.
    await expect(
      db.prisma.session.create({ data: { id: `s-${uuidv7()}`, secretHash: "0".repeat(64), expiresAt: new Date(), userId: userA, tenantId: tenantB } }),
    ).rejects.toThrow();
    expect(await db.prisma.userRole.count({ where: { userId: userA } })).toBe(0);
  });

  it("keeps its filter inside interactive transactions", async () => {
    const b = forTenant(db.prisma, tenantB);
    const count = await b.$transaction(async (tx) => tx.role.count());
    expect(count).toBe(await db.prisma.role.count({ where: { tenantId: tenantB } }));
    expect(count).toBeLessThan(await db.prisma.role.count());
  });
});

describe("the catalog helper", () => {
  beforeAll(async () => {
    await db.prisma.module.create({ data: { key: "catalog_probe", name: { en: "Probe", fr: "Sonde" }, description: {}, category: "productivity", icon: "puzzle" } });
    await db.prisma.plan.create({ data: { id: uuidv7(), moduleKey: "catalog_probe", code: "basic", name: {}, interval: "monthly", version: 1, prices: { EUR: 100 } } });
  });

  it("reads the platform's modules and plans, the same for every tenant, with relations inside the catalog", async () => {
    const a = forTenant(db.prisma, tenantA);
    const modules = await a.catalog.module.findMany({ where: { key: "catalog_probe" }, include: { plans: true } });
    expect(modules).toEqual([expect.objectContaining({ key: "catalog_probe", plans: [expect.objectContaining({ code: "basic" })] })]);
    expect(await forTenant(db.prisma, tenantB).catalog.plan.count({ where: { moduleKey: "catalog_probe" } })).toBe(1);
    expect(await a.$transaction((tx) => tx.catalog.plan.count({ where: { module: { is: { key: "catalog_probe" } } } }))).toBe(1);
  });

  it("cannot reach tenant rows through the catalog: no include, count, filter or ordering across a relation out of it", async () => {
    const a = forTenant(db.prisma, tenantA);
    const [plan] = await db.prisma.plan.findMany({ where: { moduleKey: "catalog_probe" } });
    const now = new Date();
    await db.prisma.subscription.create({
      data: {
        id: uuidv7(), tenantId: tenantB, moduleKey: "catalog_probe", planId: plan!.id, status: "active", currency: "EUR",
        billingAnchor: now, currentPeriodStart: now, currentPeriodEnd: now,
      },
    });
    const plans = a.catalog.plan as unknown as { findMany(args: unknown): Promise<unknown>; count(args: unknown): Promise<unknown> };
    await expect(plans.findMany({ include: { subscriptions: true } })).rejects.toThrow(TenantScopeError);
    await expect(plans.findMany({ select: { id: true, _count: { select: { subscriptions: true } } } })).rejects.toThrow(TenantScopeError);
    await expect(plans.count({ where: { subscriptions: { some: { tenantId: tenantB } } } })).rejects.toThrow(TenantScopeError);
    await expect(plans.count({ where: { OR: [{ code: "x" }, { subscriptions: { none: {} } }] } })).rejects.toThrow(TenantScopeError);
    await expect(plans.findMany({ orderBy: { subscriptions: { _count: "desc" } } })).rejects.toThrow(TenantScopeError);
    const modules = a.catalog.module as unknown as { findMany(args: unknown): Promise<unknown> };
    await expect(modules.findMany({ include: { plans: { include: { subscriptions: true } } } })).rejects.toThrow(TenantScopeError);
    await expect(modules.findMany({ where: { plans: { some: { subscriptions: { some: {} } } } } })).rejects.toThrow(TenantScopeError);
  });

  it("cannot write the catalog", async () => {
    const catalog = untyped(forTenant(db.prisma, tenantA)).catalog!;
    for (const operation of ["create", "update", "updateMany", "upsert", "delete", "deleteMany", "createMany"]) {
      expect(() => untyped(catalog.plan as object)[operation], operation).toThrow(TenantScopeError);
    }
    expect(() => catalog.subscription).toThrow(TenantScopeError);
  });
});
