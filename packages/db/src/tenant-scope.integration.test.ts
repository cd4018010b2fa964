import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./client.js";
import { forTenant, TENANT_MODELS } from "./tenant-scope.js";
import { createTestDatabase } from "./testing.js";
import { uuidv7 } from "./uuid.js";

let db: Database;
const tenantA = uuidv7();
const tenantB = uuidv7();

async function makeTenant(id: string, slug: string) {
  await db.prisma.tenant.create({
    data: { id, slug, name: slug, contactEmail: `${slug}@example.com`, country: "FR", timeZone: "Europe/Paris", currency: "EUR", language: "fr" },
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await makeTenant(tenantA, "a");
  await makeTenant(tenantB, "b");
});
afterAll(async () => db?.close());

describe("forTenant", () => {
  it("lists every model of the schema that has a tenantId column", () => {
    const schema = readFileSync(new URL("../prisma/schema.prisma", import.meta.url), "utf8");
    const withTenant = [...schema.matchAll(/model (\w+) \{([^}]*)\}/g)]
      .filter(([, , body]) => /^\s+tenantId\s/m.test(body!))
      .map(([, name]) => name!)
      // Sessions are looked up by token before any tenant is known; suspension deletes them by tenantId.
      .filter((name) => name !== "Session");
    expect(new Set(withTenant)).toEqual(TENANT_MODELS);
  });

  it("stamps creates with its tenant and hides other tenants' rows from every read and write", async () => {
    const a = forTenant(db.prisma, tenantA);
    const b = forTenant(db.prisma, tenantB);
    const roleA = await a.role.create({ data: { id: uuidv7(), name: "Editors", permissions: [] } as never });
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

  it("refuses to move a row to another tenant", async () => {
    const a = forTenant(db.prisma, tenantA);
    const role = await a.role.create({ data: { id: uuidv7(), name: "Movers", permissions: [] } as never });
    await expect(a.role.update({ where: { id: role.id }, data: { tenantId: tenantB } as never })).rejects.toThrow(/cannot be changed/);
  });

  it("keeps its filter inside interactive transactions", async () => {
    const b = forTenant(db.prisma, tenantB);
    const count = await b.$transaction(async (tx) => tx.role.count());
    expect(count).toBe(0);
  });
});
