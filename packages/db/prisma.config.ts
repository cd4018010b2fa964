// Prisma CLI configuration. `engine: "js"` selects the WebAssembly schema engine, driven through an
// in-memory PGlite, so no native Prisma engine is downloaded or needed at install, generate or migrate time.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaPGlite(new PGlite()),
});
