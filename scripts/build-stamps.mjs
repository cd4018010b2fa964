// Stamps of what `npm start` prepares (installed dependencies, the generated Prisma client, the admin app's
// build): each is a SHA-256 of its inputs' content, written beside the output when it is made, so a restart
// without changes skips the step. Content, not modification times: a checkout or a copy changes times,
// not what is built. Plain Node.js only, as it runs before anything is installed.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** Folders that are never inputs: outputs, caches, dependencies, test reports. */
const SKIPPED_DIRS = new Set(["node_modules", "dist", "test-results", "coverage", ".turbo", "generated"]);
/** Tests are not bundled, so changing them does not call for a rebuild. */
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

const workspacePackageJsons = () =>
  ["apps", "packages"].flatMap((dir) =>
    readdirSync(join(repoRoot, dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(repoRoot, dir, entry.name, "package.json")))
      .map((entry) => `${dir}/${entry.name}/package.json`),
  );

/**
 * What each step makes: the stamp file, a file that must exist for the output to count as present, and the
 * inputs (files or folders, relative to the repository) whose content decides whether it is current.
 */
export const STEPS = {
  install: {
    stamp: "node_modules/.tenancy-install-stamp",
    output: "node_modules/.modules.yaml",
    inputs: () => ["pnpm-lock.yaml", "pnpm-workspace.yaml", "package.json", ...workspacePackageJsons()],
  },
  prisma: {
    stamp: "packages/db/src/generated/.generate-stamp",
    output: "packages/db/src/generated/prisma/client.ts",
    inputs: () => ["packages/db/prisma/schema.prisma", "packages/db/prisma.config.ts", "pnpm-lock.yaml"],
  },
  admin: {
    // Inside dist/: Vite empties dist/ when a build starts, so an interrupted build leaves no stamp.
    stamp: "apps/admin/dist/.build-stamp",
    output: "apps/admin/dist/index.html",
    inputs: () => ["apps/admin", "packages/ui", "packages/contracts", "pnpm-lock.yaml", "tsconfig.base.json"],
  },
};

function addFile(hash, file) {
  hash.update(relative(repoRoot, file).split(sep).join("/"));
  hash.update("\0");
  hash.update(readFileSync(file));
  hash.update("\0");
}

function addTree(hash, dir) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // e2e/ holds the browser tests, not app code.
      if (!SKIPPED_DIRS.has(entry.name) && entry.name !== "e2e" && !entry.name.startsWith(".")) addTree(hash, path);
    } else if (entry.isFile() && !TEST_FILE.test(entry.name) && !entry.name.startsWith(".")) {
      addFile(hash, path);
    }
  }
}

/** The content hash of a step's inputs (with `extra`, e.g. the build mode, mixed in). */
export function inputsHash(step, extra = "") {
  const hash = createHash("sha256");
  hash.update(`${step}\0${extra}\0`);
  for (const input of STEPS[step].inputs()) {
    const path = join(repoRoot, input);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) addTree(hash, path);
    else addFile(hash, path);
  }
  return hash.digest("hex");
}

/** Whether a step's output is present and was made from the inputs as they are now. */
export function isCurrent(step, extra = "") {
  const { stamp, output } = STEPS[step];
  if (!existsSync(join(repoRoot, output)) || !existsSync(join(repoRoot, stamp))) return false;
  return readFileSync(join(repoRoot, stamp), "utf8").trim() === inputsHash(step, extra);
}

/** Records that a step's output was made from `hash` (computed before the step ran, so a change made meanwhile is not hidden). */
export function writeStamp(step, hash) {
  writeFileSync(join(repoRoot, STEPS[step].stamp), `${hash}\n`);
}
