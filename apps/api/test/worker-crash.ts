// A real worker process (`tsx src/main.ts worker`) on the test database, SIGKILLed in the middle of a
// dispatch batch and restarted, while a stream of events is written: the dispatcher's crash test, and the
// base of the checks of everything it feeds (inboxes): each check runs after the stream is fully dispatched.
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { systemClock } from "../src/lib/clock.js";
import { systemScope } from "../src/lib/scope.js";
import { record } from "../src/lib/record.js";
import type { Harness } from "./harness.js";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./harness.js";

const apiDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The dispatcher's advisory lock namespace (dispatcher.ts): a held one means a batch is in flight. */
const DISPATCH_LOCK_NAMESPACE = 0x0d15;

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** Sends the signal and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function startWorker(url: string, { delayMs = 0 }: { delayMs?: number } = {}): WorkerProcess {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: url,
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    PLATFORM_ADMIN_EMAIL: ADMIN_EMAIL,
    PLATFORM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    TEST_DISPATCH_DELAY_MS: String(delayMs),
  };
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "worker"], { cwd: apiDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return {
    child,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((done) => child.once("exit", () => done()));
      child.kill(signal);
      await exited;
    },
  };
}

async function waitFor(check: () => Promise<boolean>, ms: number, what: string, output: () => string = () => "") {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms\n${output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface CrashRun {
  /** The ids of the events the stream wrote, in the order they were written (and committed). */
  eventIds: string[];
}

/** The default stream: one `role.created` per tenant in turn, each in its own transaction, as a mutation writes it. */
export async function writeRoleEvent(h: Harness, tenantId: string, i: number): Promise<void> {
  // System time, not the harness's fixed clock: the worker's retention job must not see these as old.
  const scope = systemScope({ ...h.services, clock: systemClock });
  await h.db.prisma.$transaction((tx) => record(tx, scope, { type: "role.created", tenantId, payload: { roleId: `crash-${i}`, name: `crash ${i}` } }));
}

/**
 * Writes `count` events spread over `tenantIds` (through `write`, default `writeRoleEvent`) while a worker
 * dispatches them; SIGKILLs the worker while one of its batches is open, writes on, starts a second worker,
 * and returns once nothing is pending. The database must be PostgreSQL (a worker is another process).
 */
export async function crashWorkerMidStream(
  h: Harness,
  tenantIds: string[],
  { count = 120, delayMs = 300, write = writeRoleEvent }: { count?: number; delayMs?: number; write?: (h: Harness, tenantId: string, i: number) => Promise<void> } = {},
): Promise<CrashRun> {
  if (!h.db.url) throw new Error("The crash test needs a PostgreSQL test database.");
  const url = h.db.url;
  const before = new Set((await h.db.prisma.event.findMany({ select: { id: true } })).map((e) => e.id));
  let written = 0;
  const writeUpTo = async (n: number) => {
    for (; written < n; written++) await write(h, tenantIds[written % tenantIds.length]!, written);
  };

  const first = startWorker(url, { delayMs });
  try {
    await writeUpTo(Math.floor(count / 3));
    // Wait for a batch in flight, and some work already done, then kill the worker inside that batch.
    await waitFor(async () => (await h.db.prisma.event.count({ where: { dispatchedAt: { not: null }, id: { notIn: [...before] } } })) > 0, 60_000, "first dispatch", first.output);
    await writeUpTo(Math.floor((2 * count) / 3));
    // A worker that caught up holds no batch: write one more event at a time until one is in flight (on a
    // loaded machine the writes are slower than the batches, and waiting alone could wait forever).
    const batchInFlight = async () =>
      (
        await h.db.prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`, DISPATCH_LOCK_NAMESPACE)
      ).length > 0;
    await waitFor(
      async () => {
        if (await batchInFlight()) return true;
        if (written < Math.floor((5 * count) / 6)) await writeUpTo(written + 1);
        return false;
      },
      30_000,
      "a batch in flight",
      first.output,
    );
    await first.kill("SIGKILL");
  } finally {
    await first.kill("SIGKILL");
  }
  const pendingAfterKill = await h.db.prisma.event.count({ where: { dispatchedAt: null } });
  if (pendingAfterKill === 0) throw new Error("The worker was killed after it had dispatched everything: nothing was mid-stream.");

  await writeUpTo(Math.floor((5 * count) / 6));
  const second = startWorker(url);
  try {
    await writeUpTo(count);
    await waitFor(async () => (await h.db.prisma.event.count({ where: { dispatchedAt: null } })) === 0, 90_000, "everything dispatched", second.output);
  } finally {
    await second.kill("SIGTERM");
  }
  const rows = await h.db.prisma.event.findMany({ where: { id: { notIn: [...before] } }, orderBy: { position: "asc" }, select: { id: true } });
  return { eventIds: rows.map((r) => r.id) };
}
