// Starts the real API server for a browser test: a free port, a fresh data directory (or DATABASE_URL
// when set), the built admin app as its static files; waits until /readyz answers, and stops it after.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const apiDir = fileURLToPath(new URL("../../api/", import.meta.url));
export const adminDist = fileURLToPath(new URL("../dist/", import.meta.url));

export interface ApiServer {
  url: string;
  /** With the test clock: moves time forward and optionally runs the billing job now. */
  advanceClock: (advanceMs: number, runBilling?: boolean) => Promise<{ now: string; issued: number }>;
  /** With the test clock: stops (true) or restarts (false) time. */
  freezeClock: (frozen: boolean) => Promise<{ now: string; issued: number }>;
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
}

export interface ApiServerOptions {
  /** Start with the test clock (decision 39): POST /test/clock moves time and runs the billing job. */
  testClock?: boolean;
  readyWithinMs?: number;
}

export async function startApiServer(platformAdmin: { email: string; password: string }, options: ApiServerOptions | number = {}): Promise<ApiServer> {
  const { testClock = false, readyWithinMs = 90_000 } = typeof options === "number" ? { readyWithinMs: options } : options;
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), "tenancy-e2e-"));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    DATA_DIR: dataDir,
    PLATFORM_ADMIN_EMAIL: platformAdmin.email,
    PLATFORM_ADMIN_PASSWORD: platformAdmin.password,
    ADMIN_DIST: adminDist,
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    // A test that moves time a month ahead must not see its sessions expire on the way.
    ...(testClock ? { TEST_CLOCK: "1", SESSION_DAYS: "365" } : {}),
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  };
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: apiDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited(child);
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200)
        return {
          url,
          output: () => output,
          stop,
          advanceClock: (advanceMs, runBilling = false) => callTestClock(url, { advanceMs, runBilling }),
          freezeClock: (freeze) => callTestClock(url, { freeze }),
        };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`The API server did not become ready at ${url}/readyz.\n${output}`);
}

async function callTestClock(url: string, body: { advanceMs?: number; runBilling?: boolean; freeze?: boolean }): Promise<{ now: string; issued: number }> {
  const response = await fetch(`${url}/test/clock`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST /test/clock failed (${response.status}): ${await response.text()}`);
  return (await response.json()) as { now: string; issued: number };
}
