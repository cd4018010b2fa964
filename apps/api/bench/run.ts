// `pnpm bench [scenario] [--db=pglite|postgres] [--duration=10] [--warmup=2] [--connections=50] [--rounds=3] [--rate=N]`
// Runs each scenario on a fresh PGlite and, when DATABASE_URL is set, on a fresh PostgreSQL database; prints
// a table per run and writes it as JSON under <repo>/bench/results/. Exits 0 when targets are missed (they
// are reported, not asserted) and non-zero when a scenario itself fails (errors, non-2xx answers).
import { parseArgs } from "node:util";
import { loadEnv } from "../src/env.js";
import { openBenchDatabase, type DbKind } from "./lib/databases.js";
import { formatReport, machineInfo, writeReport, type Report } from "./lib/report.js";
import type { Scenario, Settings } from "./lib/scenario.js";
import { analytics } from "./scenarios/analytics.js";
import { auditLog } from "./scenarios/audit-log.js";
import { authRead } from "./scenarios/auth-read.js";
import { billing } from "./scenarios/billing.js";
import { events } from "./scenarios/events.js";
import { usersSearch } from "./scenarios/users-search.js";

const SCENARIOS: Scenario[] = [authRead, auditLog, usersSearch, billing, analytics, events];

const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  allowPositionals: true,
  options: {
    db: { type: "string" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "50" },
    rate: { type: "string" },
    rounds: { type: "string", default: "3" },
  },
});

function positive(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be an integer from 1 to ${max}, got "${value}"`);
  return n;
}

const settings: Settings = {
  durationS: positive("duration", values.duration, 120),
  warmupS: positive("warmup", values.warmup, 30),
  connections: positive("connections", values.connections, 1000),
  rate: values.rate === undefined ? undefined : positive("rate", values.rate, 100_000),
  rounds: positive("rounds", values.rounds, 20),
};

const env = loadEnv();
const unknown = positionals.filter((p) => !SCENARIOS.some((s) => s.name === p));
if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(", ")}; known: ${SCENARIOS.map((s) => s.name).join(", ")}`);
const scenarios = positionals.length > 0 ? SCENARIOS.filter((s) => positionals.includes(s.name)) : SCENARIOS;
const kinds: DbKind[] = values.db ? [values.db as DbKind] : env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
if (kinds.some((k) => k !== "pglite" && k !== "postgres")) throw new Error(`--db must be pglite or postgres`);
if (kinds.includes("postgres") && !env.DATABASE_URL) throw new Error("--db=postgres needs DATABASE_URL");

let failed = false;
for (const scenario of scenarios) {
  for (const kind of kinds) {
    console.log(`\n${scenario.name} on ${kind}: ${scenario.summary}`);
    const startedAt = new Date().toISOString();
    const database = await openBenchDatabase(kind, env.DATABASE_POOL_SIZE);
    // Ctrl-C must still drop the PostgreSQL database this run created.
    const onSignal = () => void database.close().finally(() => process.exit(130));
    process.once("SIGINT", onSignal);
    try {
      const result = await scenario.run(database, settings);
      const report: Report = {
        scenario: scenario.name,
        db: kind,
        startedAt,
        targetsBinding: kind === "postgres",
        machine: machineInfo(),
        settings: { ...settings, poolSize: database.poolSize },
        ...result,
      };
      console.log(`\n${formatReport(report)}\n  written to ${writeReport(report)}`);
    } catch (error) {
      failed = true;
      console.error(`\n${scenario.name} on ${kind} FAILED:`, error);
    } finally {
      process.off("SIGINT", onSignal);
      await database.close();
    }
  }
}
process.exit(failed ? 1 : 0);
