// Configuration of Prisma 6.19's CLI (the `prisma-migrate-cli` devDependency), used only by
// scripts/schema-diff.ts: `engine: "js"` selects its WebAssembly schema engine, driven through an
// in-memory PGlite, so writing a migration needs no native engine and no network. `schema` (set by
// schema-diff.ts) names a schema whose generator says `engineType = "client"`, without which this CLI
// would download a query engine. See docs/decisions/0015-prisma-7.md.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig, type PrismaConfig } from "prisma-migrate-cli/config";

type MigrateAdapter = Awaited<ReturnType<NonNullable<Extract<PrismaConfig, { engine: "js" }>["adapter"]>>>;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: process.env.SCHEMA_DIFF_SCHEMA,
  // pglite-prisma-adapter 0.7 is typed for Prisma 7's driver adapters; a datamodel-to-datamodel diff runs
  // no query through it.
  adapter: async () => new PrismaPGlite(new PGlite({ extensions: { pg_trgm } })) as unknown as MigrateAdapter,
});
