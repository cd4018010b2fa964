#!/usr/bin/env node
// Stands in for Prisma 7's native schema engine (see scripts/prisma.mjs): `prisma generate` only checks
// that the file exists. A command that really runs the schema engine ends here, with directions (a plain
// line, then the same as the JSON log line the CLI reads from a failed engine).
const message =
  "No Prisma schema engine is installed in this project. To write a migration run `pnpm db:migrate <name>`; " +
  "the app (embedded) or `pnpm db:deploy` (server) applies migrations. See docs/decisions/0015-prisma-7.md.";
console.error(`${message}\n${JSON.stringify({ level: "ERROR", target: "stand-in", fields: { message } })}`);
process.exit(1);
