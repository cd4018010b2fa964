// `pnpm db:migrate <name>`: writes the next migration offline, as the diff between the schema as of the
// newest migration (prisma/migrations/schema.snapshot.prisma) and prisma/schema.prisma, then updates the
// snapshot. (prisma migrate dev cannot make a second migration without a shadow database here.) The diff
// comes from Prisma 6.19's WebAssembly schema engine: see scripts/schema-diff.ts.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { schemaDiffScript } from "./schema-diff.js";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: pnpm db:migrate <name>   (lowercase letters, digits and underscores, e.g. add_roles)");
  process.exit(1);
}
const snapshot = "prisma/migrations/schema.snapshot.prisma";
const script = schemaDiffScript(existsSync(snapshot) ? snapshot : null, "prisma/schema.prisma");
if (!/^\s*(CREATE|ALTER|DROP|COMMENT)/im.test(script)) {
  console.log("schema.prisma and the migrations agree: nothing to migrate.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = join("prisma/migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), script);
copyFileSync("prisma/schema.prisma", snapshot);
console.log(`Wrote ${dir}/migration.sql; review it, then commit it with the snapshot.`);
