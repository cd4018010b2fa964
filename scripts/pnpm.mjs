// Runs pnpm at the version pinned in package.json: the global one when it matches, else through npx
// (corepack cannot fetch pnpm on every machine, npm always can).
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const pinned = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).packageManager.split("@")[1];

function globalPnpmMatches() {
  try {
    return execFileSync("pnpm", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() === pinned;
  } catch {
    return false;
  }
}

const useGlobal = globalPnpmMatches();

/** Runs `pnpm <args>`, inheriting stdio; returns the exit code. */
export function pnpm(args, options = {}) {
  const [cmd, base] = useGlobal ? ["pnpm", []] : ["npx", ["--yes", `pnpm@${pinned}`]];
  const result = spawnSync(cmd, [...base, ...args], { stdio: "inherit", ...options });
  return result.status ?? 1;
}

/** Runs pnpm and exits the process with its code when it fails. */
export function pnpmOrExit(args, options) {
  const code = pnpm(args, options);
  if (code !== 0) process.exit(code);
}
