// Prisma 7 CLI configuration, for `prisma generate` (run through scripts/prisma.mjs, which keeps the CLI
// from trying to download a schema engine that generate does not use). Migrations are written by
// `pnpm db:migrate` with Prisma 6.19's WebAssembly schema engine (scripts/schema-diff.ts) and applied by our
// own runner (src/migrate.ts); see docs/decisions/0015-prisma-7.md.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Read only by Prisma's own migrate commands (e.g. `prisma migrate deploy` taking over a server database,
  // on a machine with a schema engine); the app connects through driver adapters (src/client.ts).
  datasource: { url: process.env.DATABASE_URL },
});
