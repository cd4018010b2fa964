// `npm run test:all`: every check on a fresh clone. Installs, typechecks, lints, runs the unit and
// integration tests on PGlite, again on PostgreSQL when one is reachable (always in CI), builds the
// admin app and runs the browser tests in Debian's Chromium, then `npm start` for real (restart without
// rebuilding, clean stops on Ctrl-C, SIGINT and SIGTERM: scripts/start.test.mjs). Prints one closing line.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { pnpm, pnpmOrExit, pnpmTee } from "./pnpm.mjs";

const startedAt = Date.now();
const env = process.env;
const serverUrl = env.TEST_DATABASE_URL ?? env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const steps = [];

async function step(name, fn) {
  const started = Date.now();
  console.log(`\n=== ${name}`);
  const failures = [];
  const code = await fn((line) => keepFailureLine(failures, line));
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  steps.push({ name, ok: code === 0, seconds, failures });
  console.log(`=== ${name}: ${code === 0 ? "ok" : "FAILED"} (${seconds} s)`);
  return code === 0;
}

// Lines that name what failed (vitest, Playwright, node --test), kept so the summary repeats them: CI shows
// only the end of the output, after the later steps.
const FAILURE_LINE = /(\bFAIL\b|^\s*not ok\b|[✗×✘]|^\s*\d+\) \[|^\s*(AssertionError|Error|TypeError|TimeoutError)\b|Test timed out|\bexpected\b.*\b(to|but)\b)/;
const KEPT_FAILURE_LINES = 60;

function keepFailureLine(failures, line) {
  // eslint-disable-next-line no-control-regex
  const text = line.replace(/\x1b\[[0-9;]*m/g, "").trimEnd();
  if (!text || text.startsWith("{") || !FAILURE_LINE.test(text)) return;
  failures.push(text.slice(0, 300));
  if (failures.length > KEPT_FAILURE_LINES) failures.shift();
}

function postgresReachable() {
  const r = spawnSync("node", ["-e", `const pg=require("pg");const c=new pg.Client({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))`, serverUrl], {
    cwd: "packages/db",
    stdio: "ignore",
  });
  return r.status === 0;
}

pnpmOrExit(["install", "--frozen-lockfile"]);
pnpmOrExit(["--filter", "@tenancy/db", "db:generate"]);

const noDbEnv = { ...env, DATABASE_URL: "", TEST_DATABASE_URL: "" };
await step("typecheck", () => pnpm(["-r", "--workspace-concurrency=1", "typecheck"]));
await step("lint", () => pnpm(["lint"]));
await step("tests on PGlite (embedded)", (onLine) => pnpmTee(["-r", "--workspace-concurrency=1", "test"], onLine, { env: noDbEnv }));

if (postgresReachable()) {
  await step("tests on PostgreSQL", (onLine) =>
    pnpmTee(["--filter", "@tenancy/db", "--filter", "@tenancy/api", "--filter", "@tenancy/client", "--workspace-concurrency=1", "test"], onLine, {
      env: { ...env, DATABASE_URL: "", TEST_DATABASE_URL: serverUrl },
    }),
  );
} else if (env.CI) {
  steps.push({ name: "tests on PostgreSQL", ok: false, seconds: "0" });
  console.error(`PostgreSQL is not reachable at ${serverUrl}; CI must run the suite on it.`);
} else {
  console.log(`\n(PostgreSQL not reachable at ${serverUrl}: the suite ran on PGlite only. Set TEST_DATABASE_URL to run it on a server.)`);
}

const chromium = env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium) && process.getuid?.() === 0) {
  console.log("\nInstalling Debian's Chromium for the browser tests…");
  try {
    execFileSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null"], { stdio: "inherit" });
  } catch {
    console.error("Could not install chromium with apt-get.");
  }
}
if (existsSync(chromium)) {
  await step("browser tests (Chromium)", (onLine) => pnpmTee(["--filter", "@tenancy/admin", "test:e2e"], onLine, { env: noDbEnv }));
} else {
  steps.push({ name: "browser tests (Chromium)", ok: false, seconds: "0" });
  console.error(`Chromium not found at ${chromium}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
}

// After the browser tests, which build the admin app: the starts here find it current and do not rebuild.
await step("npm start: restart without rebuild, clean stop on Ctrl-C/SIGINT/SIGTERM", () =>
  spawnSync(process.execPath, ["--test", "scripts/start.test.mjs"], { stdio: "inherit", env: noDbEnv }).status ?? 1,
);

console.log("\nSummary:");
for (const s of steps) console.log(`  ${s.ok ? "ok    " : "FAILED"} ${s.name} (${s.seconds} s)`);
for (const s of steps.filter((s) => !s.ok && s.failures?.length)) {
  console.log(`\nWhat "${s.name}" printed about its failures (the last ${KEPT_FAILURE_LINES} such lines at most):`);
  for (const line of s.failures) console.log(`  | ${line}`);
}
const failed = steps.filter((s) => !s.ok).length;
console.log(`\n${steps.length - failed} passed, ${failed} failed, in ${((Date.now() - startedAt) / 1000).toFixed(0)} s (install included)`);
process.exit(failed === 0 ? 0 : 1);
