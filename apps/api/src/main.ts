// Entry point: validate config, open the database (embedded PGlite by default), migrate, bootstrap the
// first platform admin, serve, and print the framed start banner after the start-up logs. SIGINT, SIGTERM
// and SIGHUP stop it gracefully with exit code 0 (also when they arrive while it is still starting: it
// finishes starting, then stops), releasing the port and the data folder's lock.
import { DataDirLockedError, openDatabase, pendingMigrations } from "@tenancy/db";
import { destination, pino } from "pino";
import { ensureFirstPlatformAdmin } from "./bootstrap.js";
import { EnvError, loadEnv } from "./env.js";
import { offsetClock, systemClock } from "./lib/clock.js";
import { createEmailSender } from "./lib/email.js";
import { startJobs } from "./jobs/runner.js";
import { eventConsumers } from "./events/consumers.js";
import { startDispatcher } from "./events/dispatcher.js";
import { createServer } from "./server.js";
import { startBanner } from "./start-banner.js";

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** How long a graceful stop may take before the process gives up on it (exit code 1). */
const STOP_TIMEOUT_MS = 10_000;

/** The stop requested by a signal, run as soon as there is something to stop; later signals are ignored. */
let stopSignal: string | null = null;
let stopNow: ((signal: string) => Promise<void>) | null = null;
for (const signal of STOP_SIGNALS) {
  process.on(signal, () => {
    if (stopSignal) return;
    stopSignal = signal;
    if (stopNow) void stopNow(signal);
  });
}

/** Installs how to stop; if a signal already came while starting, stops at once. */
function onStop(stop: (signal: string) => Promise<void>) {
  stopNow = async (signal) => {
    const timer = setTimeout(() => process.exit(1), STOP_TIMEOUT_MS);
    timer.unref();
    await stop(signal);
    process.exit(0);
  };
  if (stopSignal) void stopNow(stopSignal);
}

async function main() {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // The logs' stream, asynchronous like pino's default; the start banner goes through it too (below), so it
  // can never overtake a log line still being written.
  const out = destination({ dest: 1, sync: false });
  const log = pino({ level: env.LOG_LEVEL, redact: ["req.headers.cookie", "req.headers.authorization"] }, out);
  let db;
  try {
    db = env.DATABASE_URL
      ? await openDatabase({ kind: "postgres", url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE })
      : await openDatabase({ kind: "pglite", dataDir: env.DATA_DIR }, { runMigrations: true });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (db.kind === "postgres") {
    const pending = await pendingMigrations(db.sql);
    if (pending.length > 0) {
      console.error(`The database has ${pending.length} pending migration(s) (${pending.join(", ")}). Run: npm run db:deploy`);
      await db.close();
      process.exit(1);
    }
  }
  // Browser tests move time through POST /test/clock (decision 39); env.ts refuses it in production.
  const clock = env.TEST_CLOCK ? offsetClock() : systemClock;
  const services = { prisma: db.prisma, query: db.query, clock, email: createEmailSender(env.EMAIL_SENDER, log), log, env };
  const first = await ensureFirstPlatformAdmin(services);
  // The event dispatcher runs wherever the jobs run (decision 49).
  const dispatch = () =>
    startDispatcher(services, db, eventConsumers(services), { delayMs: env.NODE_ENV === "test" ? env.TEST_DISPATCH_DELAY_MS : 0 });
  if (process.argv[2] === "worker") {
    // Worker mode: only the background jobs, for server databases where API processes scale separately.
    const jobs = startJobs(services);
    const dispatcher = await dispatch();
    log.info("worker started: dispatching events, sealing the audit chain and enforcing retention");
    onStop(async (signal) => {
      log.info({ signal }, "shutting down");
      await dispatcher.stop();
      await jobs.stop();
      await db.close();
    });
    return;
  }
  const server = await createServer({ env, db, log, clock });
  // In-process jobs unless a separate worker runs them (RUN_JOBS=false); always with the embedded database.
  const runJobs = env.RUN_JOBS || db.kind === "pglite";
  const jobs = runJobs ? startJobs(services) : null;
  const dispatcher = runJobs ? await dispatch() : null;
  const address = await server.start();
  const url = address.replace("0.0.0.0", "localhost").replace("[::]", "localhost");
  const database = db.kind === "pglite" ? `embedded (PGlite) in ${env.DATA_DIR}` : "PostgreSQL";
  // After Fastify's "Server listening" line, so nothing of the start-up scrolls it away. pino writes
  // asynchronously and its flush() does not wait for a write in flight, so the banner is queued on the same
  // stream, behind every log line.
  out.write(`${startBanner({ url, database, hasAdmin: server.hasAdmin, firstAdmin: first })}\n`);

  onStop(async (signal) => {
    log.info({ signal }, "shutting down");
    await server.stop();
    await dispatcher?.stop();
    await jobs?.stop();
    await db.close();
  });
}

await main();
