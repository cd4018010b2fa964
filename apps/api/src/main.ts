// Entry point: validate config, open the database (embedded PGlite by default), migrate, bootstrap the
// first platform admin, serve, and shut down gracefully on SIGINT/SIGTERM.
import { DataDirLockedError, openDatabase, pendingMigrations } from "@tenancy/db";
import { pino } from "pino";
import { ensureFirstPlatformAdmin } from "./bootstrap.js";
import { EnvError, loadEnv } from "./env.js";
import { systemClock } from "./lib/clock.js";
import { createEmailSender } from "./lib/email.js";
import { startJobs } from "./jobs/runner.js";
import { createServer } from "./server.js";

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
  const log = pino({ level: env.LOG_LEVEL, redact: ["req.headers.cookie", "req.headers.authorization"] });
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
      console.error(`The database has ${pending.length} pending migration(s) (${pending.join(", ")}). Run: pnpm db:deploy`);
      await db.close();
      process.exit(1);
    }
  }
  const services = { prisma: db.prisma, query: db.query, clock: systemClock, email: createEmailSender(env.EMAIL_SENDER, log), log, env };
  const first = await ensureFirstPlatformAdmin(services);
  if (process.argv[2] === "worker") {
    // Worker mode: only the background jobs, for server databases where API processes scale separately.
    const jobs = startJobs(services);
    log.info("worker started: sealing the audit chain and enforcing retention");
    const stop = async () => {
      await jobs.stop();
      await db.close();
      process.exit(0);
    };
    process.on("SIGINT", () => void stop());
    process.on("SIGTERM", () => void stop());
    return;
  }
  const server = await createServer({ env, db, log });
  // In-process jobs unless a separate worker runs them (RUN_JOBS=false); always with the embedded database.
  const jobs = env.RUN_JOBS || db.kind === "pglite" ? startJobs(services) : null;
  const address = await server.start();
  const url = address.replace("0.0.0.0", "localhost").replace("[::]", "localhost");

  const lines = [``, `  Tenancy is running at ${url}`, `  Database: ${db.kind === "pglite" ? `embedded (PGlite) in ${env.DATA_DIR}` : "PostgreSQL"}`];
  if (!server.hasAdmin) lines.push(`  (The admin app is not built; run \`pnpm build\` or use \`pnpm start\`.)`);
  if (first?.generatedPassword) {
    lines.push(`  First platform admin created. Log in with (shown once, you will be asked to change it):`, `    e-mail:   ${first.email}`, `    password: ${first.generatedPassword}`);
  } else if (first) {
    lines.push(`  First platform admin created: log in as ${first.email} with PLATFORM_ADMIN_PASSWORD.`);
  } else {
    lines.push(`  Log in with an existing platform admin account.`);
  }
  console.log(lines.join("\n") + "\n");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const timer = setTimeout(() => process.exit(1), 10_000);
    await server.stop();
    await jobs?.stop();
    await db.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

await main();
