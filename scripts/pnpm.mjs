// Runs pnpm at the version pinned in package.json: the global one when it matches, else through npx
// (corepack cannot fetch pnpm on every machine, npm always can). As a module it is used by the other
// scripts; as a command (`node scripts/pnpm.mjs <args>`) it is what the root package.json's npm scripts
// call, so `npm run <script>` works on a machine without a global pnpm.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const pinned = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).packageManager.split("@")[1];

let resolved;

/** The command and leading arguments that run the pinned pnpm (found once, on first use). */
export function pnpmCommand() {
  if (!resolved) resolved = globalPnpmMatches() ? ["pnpm", []] : ["npx", ["--yes", `pnpm@${pinned}`]];
  return resolved;
}

function globalPnpmMatches() {
  try {
    return execFileSync("pnpm", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() === pinned;
  } catch {
    return false;
  }
}

/** Runs `pnpm <args>`, inheriting stdio; returns the exit code. */
export function pnpm(args, options = {}) {
  const [cmd, base] = pnpmCommand();
  const result = spawnSync(cmd, [...base, ...args], { stdio: "inherit", ...options });
  return result.status ?? 1;
}

/**
 * Runs `pnpm <args>` with its output passed through as it comes and also handed, line by line, to
 * `onLine` (the test command keeps what a failure printed, to repeat it in its summary). Resolves to the
 * exit code.
 */
export function pnpmTee(args, onLine, options = {}) {
  const [cmd, base] = pnpmCommand();
  const child = spawn(cmd, [...base, ...args], { ...options, stdio: ["inherit", "pipe", "pipe"] });
  for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
    let rest = "";
    from.on("data", (chunk) => {
      to.write(chunk);
      const lines = (rest + chunk.toString("utf8")).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) onLine(line);
    });
    from.on("end", () => rest && onLine(rest));
  }
  return new Promise((resolve) => {
    child.on("error", () => resolve(1));
    child.on("close", (code) => resolve(code ?? 1));
  });
}

/** Runs pnpm and exits the process with its code when it fails. */
export function pnpmOrExit(args, options) {
  const code = pnpm(args, options);
  if (code !== 0) process.exit(code);
}

/** Starts `pnpm <args>` without waiting (so the caller can still react to signals); returns the child. */
export function spawnPnpm(args, options = {}) {
  const [cmd, base] = pnpmCommand();
  return spawn(cmd, [...base, ...args], { stdio: "inherit", ...options });
}

// As a command: run pnpm with our arguments and leave with its exit code. Ctrl-C reaches pnpm directly
// (same process group); a SIGINT/SIGTERM/SIGHUP sent to this process alone is passed on, and we wait.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const child = spawnPnpm(process.argv.slice(2));
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("error", (error) => {
    console.error(`Could not run pnpm: ${error.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" ? 130 : 1)));
}
