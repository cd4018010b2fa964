// The tenant boundary is also a lint rule: code in a tenant domain that imports or reaches the unscoped
// client fails `pnpm lint`. This runs the project's own ESLint config on small samples of such code.
import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const eslint = new ESLint({ cwd: root });

async function problems(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

const TENANT_SERVICE = "apps/api/src/domains/users/service.ts";

describe("lint: tenant code never reaches the unscoped client", () => {
  it.each([
    ["importing PrismaClient", `import { PrismaClient } from "@tenancy/db";\nexport const x = PrismaClient;\n`],
    ["importing openDatabase", `import { openDatabase } from "@tenancy/db";\nexport const x = openDatabase;\n`],
    ["importing forTenant (building a scope for another tenant)", `import { forTenant } from "@tenancy/db";\nexport const x = forTenant;\n`],
    ["importing the generated client", `import { PrismaClient } from "@tenancy/db/generated";\nexport const x = PrismaClient;\n`],
    ["importing pg", `import pg from "pg";\nexport const x = pg;\n`],
    ["reaching scope.prisma", `export const f = (scope: { prisma: unknown }) => scope.prisma;\n`],
    ["destructuring prisma from services", `export const f = ({ prisma }: { prisma: unknown }) => prisma;\n`],
    ["raw SQL on any client", `export const f = (db: { $queryRawUnsafe(q: string): unknown }) => db.$queryRawUnsafe("SELECT 1");\n`],
  ])("%s fails lint in a tenant service", async (_name, code) => {
    expect(await problems(code, TENANT_SERVICE)).not.toEqual([]);
  });

  it("applies to every tenant domain file, routers and routes included", async () => {
    const code = `export const f = (services: { prisma: unknown }) => services.prisma;\n`;
    expect(await problems(code, "apps/api/src/domains/audit/export-route.ts")).not.toEqual([]);
    expect(await problems(code, "apps/api/src/domains/some-new-domain/router.ts")).not.toEqual([]);
  });

  it("allows the tenant-bound client and the schema types, and leaves platform and auth code alone", async () => {
    const tenantCode = `import { uuidv7, type Prisma } from "@tenancy/db";\nexport const f = (scope: { db: { user: { count(): Promise<number> } } }) => scope.db.user.count();\nexport type W = Prisma.UserWhereInput;\nexport const id = uuidv7;\n`;
    expect(await problems(tenantCode, TENANT_SERVICE)).toEqual([]);
    const platformCode = `export const f = (scope: { prisma: { tenant: { count(): Promise<number> } } }) => scope.prisma.tenant.count();\n`;
    expect(await problems(platformCode, "apps/api/src/domains/platform/tenants-service.ts")).toEqual([]);
  });

  it("leaves a domain's platform side (platform-*.ts) alone, and only that file of the domain", async () => {
    const code = `export const f = (scope: { prisma: { module: { count(): Promise<number> } } }) => scope.prisma.module.count();\n`;
    expect(await problems(code, "apps/api/src/domains/modules/platform-service.ts")).toEqual([]);
    expect(await problems(code, "apps/api/src/domains/modules/marketplace.ts")).not.toEqual([]);
    expect(await problems(code, "apps/api/src/domains/modules/router.ts")).not.toEqual([]);
    expect(await problems(`import Fastify from "fastify";\nexport const x = Fastify;\n`, "apps/api/src/domains/modules/platform-service.ts")).not.toEqual([]);
  });

  it("still keeps tenant services transport-free", async () => {
    expect(await problems(`import Fastify from "fastify";\nexport const x = Fastify;\n`, TENANT_SERVICE)).not.toEqual([]);
  });
});
