// `pnpm db:migrate <name>`: writes the next migration offline, as the diff between the schema as of the
// newest migration (prisma/migrations/schema.snapshot.prisma) and prisma/schema.prisma, then updates the
// snapshot. (prisma migrate dev cannot make a second migration without a shadow database here.)
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: pnpm db:migrate <name>   (lowercase letters, digits and underscores, e.g. add_roles)");
  process.exit(1);
}
const snapshot = "prisma/migrations/schema.snapshot.prisma";
const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
const script = execFileSync(
  "prisma",
  ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
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
