// `npm start` for real, as a user runs it: in a temporary DATA_DIR on a free port, wait for the server, stop
// it, and check that the whole process tree is gone with exit code 0, without an error banner, the port
// free and the data folder's lock released. Each way of stopping is tried: Ctrl-C in a terminal (SIGINT to
// the process group), SIGTERM and SIGINT to npm, SIGTERM to the process npm started. Restarts must not
// prepare anything again (no install, no client generation, no admin build) and are timed. One restart
// runs with no pnpm on PATH at all. The first start builds the admin app only if dist/ is not current
// (test-all runs this after the browser tests, which build it). Run: `npm run test:start`.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, test } from "node:test";
import { setTimeout } from "node:timers";
import { isCurrent, repoRoot } from "./build-stamps.mjs";

const READY_WITHIN_MS = 240_000;
const STOPPED_WITHIN_MS = 15_000;
const WRAPPER_ERRORS = /ERR_PNPM|ELIFECYCLE|npm error|npm ERR!|Command failed/;
const PREPARATION = /Installing dependencies|Generating the database client|Building the admin app/;

let dataDir;
let port;
const timings = [];
/** Every npm start of this file, so none outlives a failed test. */
const runs = [];

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "tenancy-start-"));
  port = await freePort();
});

// A failed test must not leave its server holding the port and the data folder for the next one.
afterEach(async () => {
  for (const { pid } of runs) if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(join(dataDir, "tenancy.lock"), { force: true });
});

after(() => {
  rmSync(dataDir, { recursive: true, force: true });
  if (timings.length) console.log(`\nnpm start, ready after: ${timings.map(({ label, ms }) => `${label} ${(ms / 1000).toFixed(1)} s`).join("; ")}`);
});

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** A PATH with node, npm, npx and sh but no pnpm, as on a machine where only Node.js is installed. */
function pathWithoutPnpm() {
  const bin = join(dataDir, "bin-without-pnpm");
  mkdirSync(bin, { recursive: true });
  for (const tool of ["node", "npm", "npx", "sh"]) {
    const found = (process.env.PATH ?? "").split(":").map((dir) => join(dir, tool)).find((path) => existsSync(path));
    if (found && !existsSync(join(bin, tool))) symlinkSync(found, join(bin, tool));
  }
  return bin;
}

/** Runs `npm start` in its own process group (as a terminal would), returns when /readyz answers. */
async function npmStart({ path } = {}) {
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info", ...(path ? { PATH: path } : {}) };
  for (const name of ["DATABASE_URL", "PLATFORM_ADMIN_EMAIL", "PLATFORM_ADMIN_PASSWORD", "NODE_ENV", "ADMIN_DIST", "npm_config_script_shell"]) delete env[name];
  const started = Date.now();
  const child = spawn("npm", ["start"], { cwd: repoRoot, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  runs.push(child);
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  let exit = null;
  void exited.then((result) => (exit = result));

  const url = `http://127.0.0.1:${port}`;
  while (Date.now() - started < READY_WITHIN_MS && exit === null) {
    try {
      if ((await globalThis.fetch(`${url}/readyz`)).ok && output.includes("Tenancy is running at")) {
        return { child, exited, readyMs: Date.now() - started, output: () => output };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (exit === null) process.kill(-child.pid, "SIGKILL");
  throw new Error(`npm start did not become ready at ${url} (${exit ? `exited ${JSON.stringify(exit)}` : "timed out"}):\n${output}`);
}

/** The pid npm started for the script (with `exec`, the node process of scripts/start.mjs). */
function scriptPid(npmPid) {
  const children = readFileSync(`/proc/${npmPid}/task/${npmPid}/children`, "utf8").trim().split(/\s+/).map(Number);
  assert.equal(children.length, 1, `npm runs one child, found ${children.length}`);
  return children[0];
}

/** Stops the run as asked and checks that it ended cleanly and left nothing behind. */
async function stopAndCheck(run, how) {
  const { child } = run;
  if (how === "Ctrl-C") process.kill(-child.pid, "SIGINT");
  else if (how === "SIGTERM to npm") child.kill("SIGTERM");
  else if (how === "SIGINT to npm") child.kill("SIGINT");
  else if (how === "SIGTERM to the script") process.kill(scriptPid(child.pid), "SIGTERM");
  else throw new Error(`unknown way to stop: ${how}`);

  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), STOPPED_WITHIN_MS));
  const exit = await Promise.race([run.exited, timeout]);
  if (exit === null) process.kill(-child.pid, "SIGKILL");
  const output = run.output();
  assert.notEqual(exit, null, `${how}: npm start did not stop within ${STOPPED_WITHIN_MS / 1000} s:\n${output}`);
  assert.deepEqual(exit, { code: 0, signal: null }, `${how}: exit code 0 expected:\n${output}`);
  assert.doesNotMatch(output, WRAPPER_ERRORS, `${how}: no error banner expected`);
  assert.match(output, /"msg":"shutting down"/, `${how}: the server shuts down gracefully`);

  // Everything npm started is gone (the process group is empty), the port is free, the lock released.
  const deadline = Date.now() + 2000;
  while (groupAlive(child.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(groupAlive(child.pid), false, `${how}: a process of npm start outlived it`);
  assert.equal(await portIsFree(port), true, `${how}: port ${port} still taken`);
  assert.equal(existsSync(join(dataDir, "tenancy.lock")), false, `${how}: the data folder is still locked`);
}

test("first start: prepares only what is missing, prints the framed one-time password last; Ctrl-C stops everything with exit code 0", { timeout: READY_WITHIN_MS + 30_000 }, async () => {
  const stale = !isCurrent("admin", "production");
  const run = await npmStart();
  const output = run.output();
  await stopAndCheck(run, "Ctrl-C");

  // Decided by what the start saw, not by `stale`: in a shared work tree another build may finish in between.
  const built = output.includes("Building the admin app");
  timings.push({ label: built ? "first start (with build)" : "first start (admin app already built)", ms: run.readyMs });
  if (stale) assert.ok(built || output.includes("The admin app is up to date"), "the first start says what it does about the admin app");
  else assert.match(output, /The admin app is up to date/);
  const listening = output.indexOf("Server listening at");
  const password = output.search(/│ {3}password: \S+/);
  assert.ok(listening >= 0 && password > listening, "the framed password comes after the start-up logs");
  assert.match(output, /┌─+┐\n│ Tenancy is running at/);
});

test("a restart without changes prepares nothing (no install, no build); SIGTERM to npm stops it with exit code 0", { timeout: 120_000 }, async () => {
  const run = await npmStart();
  const output = run.output();
  await stopAndCheck(run, "SIGTERM to npm");
  timings.push({ label: "restart", ms: run.readyMs });
  assert.doesNotMatch(output, PREPARATION);
  assert.match(output, /The admin app is up to date/);
  assert.match(output, /Log in with an existing platform admin account/, "the one-time password is shown only once");
});

test("a restart on a machine without pnpm works; SIGINT to npm stops it with exit code 0", { timeout: 120_000 }, async () => {
  const run = await npmStart({ path: pathWithoutPnpm() });
  const output = run.output();
  await stopAndCheck(run, "SIGINT to npm");
  timings.push({ label: "restart without pnpm on PATH", ms: run.readyMs });
  assert.doesNotMatch(output, PREPARATION);
});

test("SIGTERM to the process npm started stops it with exit code 0", { timeout: 120_000, skip: process.platform !== "linux" && "reads /proc" }, async () => {
  const run = await npmStart();
  await stopAndCheck(run, "SIGTERM to the script");
  timings.push({ label: "restart", ms: run.readyMs });
});
