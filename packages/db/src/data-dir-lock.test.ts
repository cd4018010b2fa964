import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "./data-dir-lock.js";

describe("data folder lock", () => {
  it("refuses a second owner while the first runs, and frees the folder on release", () => {
    const dir = mkdtempSync(join(tmpdir(), "lock-"));
    writeFileSync(join(dir, "tenancy.lock"), String(process.ppid)); // a live process that is not us
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    writeFileSync(join(dir, "tenancy.lock"), "999999999"); // a process that does not exist: stale
    const release = lockDataDir(dir);
    release();
    lockDataDir(dir)();
  });
});
