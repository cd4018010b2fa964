// Runs the Prisma 7 CLI (`node scripts/prisma.mjs generate`) without touching the network, on any OS.
// The CLI checks for its native schema engine before every command, even `generate`, which never uses
// it, and downloads it when missing; pointing PRISMA_SCHEMA_ENGINE_BINARY at a stand-in file ends that
// (a real engine given by the caller wins). CHECKPOINT_DISABLE stops the CLI's update check, a
// background request to Prisma's servers. Migrations are written by `pnpm db:migrate` instead
// (scripts/schema-diff.ts); see docs/decisions/0015-prisma-7.md.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || fileURLToPath(new URL("./schema-engine-stand-in.mjs", import.meta.url)),
  CHECKPOINT_DISABLE: "1",
};
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
