// The offline schema differ behind `pnpm db:migrate` and the drift test. Prisma 7's `migrate diff` needs
// a native schema engine, which cannot be downloaded here; Prisma 6.19's CLI (the devDependency
// `prisma-migrate-cli`, an npm alias) brings a WebAssembly one. It reads our Prisma 7 schema once a
// temporary copy bridges two differences: the datasource `url` (required by 6.19; Prisma 7 moved it to
// prisma.config.ts) and `engineType = "client"` on the generator (without it, 6.19 downloads a query
// engine). See docs/decisions/0015-prisma-7.md.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const cli = createRequire(import.meta.url).resolve("prisma-migrate-cli/build/index.js");
const config = fileURLToPath(new URL("./migrate-cli.config.ts", import.meta.url));

/** The schema text as Prisma 6.19's CLI wants it (the datamodel is untouched). */
export function forMigrateCli(schema: string): string {
  return schema
    .replace(/^(datasource\s+\w+\s*\{)([^}]*)\}/gm, (block, open: string, body: string) =>
      /^\s*url\s*=/m.test(body) ? block : `${open}\n  url = "postgresql://unused.invalid/unused"${body}}`,
    )
    .replace(/^(generator\s+\w+\s*\{)([^}]*)\}/gm, (block, open: string, body: string) =>
      /^\s*engineType\s*=/m.test(body) ? block : `${open}\n  engineType = "client"${body}}`,
    );
}

/**
 * The SQL script that takes a database from the schema file `from` (null: an empty database) to the
 * schema file `to`. Prisma writes "-- This is an empty migration." when they agree.
 */
export function schemaDiffScript(from: string | null, to: string): string {
  const dir = mkdtempSync(join(tmpdir(), "schema-diff-"));
  try {
    const copy = (path: string, name: string) => {
      const target = join(dir, name);
      writeFileSync(target, forMigrateCli(readFileSync(path, "utf8")));
      return target;
    };
    const target = copy(to, "to.prisma");
    const source = from ? ["--from-schema-datamodel", copy(from, "from.prisma")] : ["--from-empty"];
    return execFileSync(
      process.execPath,
      [cli, "migrate", "diff", "--config", config, ...source, "--to-schema-datamodel", target, "--script"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, SCHEMA_DIFF_SCHEMA: target, CHECKPOINT_DISABLE: "1" } },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
