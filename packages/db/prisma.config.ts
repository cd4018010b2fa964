// Prisma CLI configuration. `engine: "js"` selects the WebAssembly schema engine, driven through an
// in-memory PGlite, so no native Prisma engine is downloaded or needed at install, generate or migrate time.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig, type PrismaConfig } from "prisma/config";

type MigrateAdapter = Awaited<ReturnType<NonNullable<Extract<PrismaConfig, { engine: "js" }>["adapter"]>>>;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // The adapter is typed for driver-adapter-utils 6.10; see docs/decisions/0002-prisma-rust-free-on-pglite.md.
  adapter: async () => new PrismaPGlite(new PGlite({ extensions: { pg_trgm } })) as unknown as MigrateAdapter,
});
