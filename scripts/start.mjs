// `npm start`: prepares what is missing or stale, then runs the API server (which serves the admin app) on
// the embedded database. Each preparation step (installing dependencies, generating the Prisma client,
// building the admin app) is skipped when the stamp of its inputs' content matches (scripts/build-stamps.mjs),
// so a restart without changes starts the server at once.
//
// Stopping: Ctrl-C (SIGINT to the whole terminal group), or SIGINT/SIGTERM/SIGHUP sent to npm or to this
// process, stops the server gracefully (port and data-folder lock released) and exits with code 0. The server
// runs as our direct child (`node --import tsx`, no pnpm or tsx CLI in between, so no wrapper prints an
// error banner about a signal); the preparation steps run in a process group of their own, so a Ctrl-C
// reaches them only through us: we end the whole group and drop what it prints from then on (pnpm would
// report the step it ran as failed). The package.json script is `exec node ...`,
// so npm's signals reach this process rather than a shell that would die and leave us behind; should our
// parent still disappear, we stop as if signalled.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { setInterval, setTimeout } from "node:timers";
import { inputsHash, isCurrent, repoRoot, writeStamp } from "./build-stamps.mjs";
import { spawnPnpm } from "./pnpm.mjs";

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];

/** The signal that asked us to stop, once one did. */
let stopSignal = null;
/** What runs now: a preparation step (its own process group) or the server. */
let current = null;

function requestStop(signal) {
  if (!stopSignal) stopSignal = signal;
  if (!current) return;
  if (current.group) {
    // The step (pnpm and everything it started) ends at once; its stamp is not written, so it runs again next time.
    const group = -current.child.pid;
    killGroup(group, "SIGTERM");
    setTimeout(() => killGroup(group, "SIGKILL"), 5000).unref();
  } else {
    // The server stops gracefully; it ignores a second signal (a Ctrl-C reaches it directly too).
    current.child.kill(signal);
  }
}

function killGroup(group, signal) {
  try {
    process.kill(group, signal);
  } catch {
    // Already gone.
  }
}

for (const signal of STOP_SIGNALS) process.on(signal, () => requestStop(signal));
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) requestStop("SIGTERM");
}, 1000).unref();

/** Runs a child to its end; resolves with its exit code (or signal). */
function run(child, group) {
  current = { child, group };
  return new Promise((resolve) => {
    child.on("error", (error) => {
      console.error(error.message);
      resolve({ code: 1, signal: null });
    });
    child.on("exit", (code, signal) => {
      current = null;
      resolve({ code, signal });
    });
  });
}

/** A preparation step, run only when its output is missing or stale. */
async function prepare(step, { extra = "", says, pnpmArgs, stampAfter = true }) {
  if (stopSignal) stopped();
  if (isCurrent(step, extra)) return false;
  const hash = inputsHash(step, extra);
  console.log(`\n> ${says}`);
  const child = spawnPnpm(pnpmArgs, { cwd: repoRoot, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (chunk) => stopSignal || process.stdout.write(chunk));
  child.stderr.on("data", (chunk) => stopSignal || process.stderr.write(chunk));
  const { code, signal } = await run(child, true);
  if (stopSignal) stopped();
  if (code !== 0) {
    console.error(`\n${says.replace(/…$/, "")} failed (${signal ?? `exit code ${code}`}).`);
    process.exit(code || 1);
  }
  if (stampAfter) writeStamp(step, hash);
  return true;
}

function stopped() {
  console.log("\nStopped before the server started.");
  process.exit(0);
}

await prepare("install", { says: "Installing dependencies (pnpm install)…", pnpmArgs: ["install", "--frozen-lockfile"] });
await prepare("prisma", { says: "Generating the database client (prisma generate)…", pnpmArgs: ["--filter", "@tenancy/db", "db:generate"] });
const built = await prepare("admin", {
  extra: "production",
  says: "Building the admin app (first start, or its sources changed since the last build); this takes a minute…",
  pnpmArgs: ["--filter", "@tenancy/admin", "build"],
  // The build writes its own stamp (apps/admin/vite.config.ts), so every build counts, not only ours.
  stampAfter: false,
});
if (!built) console.log("The admin app is up to date (apps/admin/dist was built from the current sources): not rebuilding it.");

if (stopSignal) stopped();
const server = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: join(repoRoot, "apps/api"), stdio: "inherit" });
const { code, signal } = await run(server, false);
if (stopSignal) {
  // A signal we asked for (or the terminal's Ctrl-C) ended it: a clean stop, unless the server said otherwise.
  if (code !== null && code !== 0) process.exit(code);
  console.log("Stopped.");
  process.exit(0);
}
process.exit(code ?? (signal ? 1 : 0));
