// The billing engine at scale, beside the thinnest code doing the same writes, in the same run:
// - the billing job (runBilling, the product) over 10,000 tenants x 3 monthly subscriptions at one period
//   boundary: every subscription renews and gets its period's invoice; beside `bare sql`, a loop of the same
//   inserts (counter, invoice, line, audit entries and events, subscription update) in batches of the same
//   size, one transaction per batch and a savepoint per subscription, the price joined into the claim.
//   Interleaved: each round the product bills one boundary, then the ceiling the next month's.
// - the usage increment (incrementUsage in its own transaction) beside a bare UPSERT in a transaction.
// Seeded with bulk SQL in the run's own database (a PostgreSQL clone dropped at the end, or a fresh PGlite).
import { uuidv7, type Database } from "@tenancy/db";
import { testServerUrl } from "@tenancy/db/testing";
import { PERMISSION_NAMES } from "@tenancy/contracts";
import pg from "pg";
import { destination, pino } from "pino";
import { incrementUsage } from "../../src/domains/usage/meter.js";
import { logOnlyGateway, type PaymentGateway } from "../../src/domains/billing/gateway.js";
import { testEnv } from "../../src/env.js";
import { runBilling } from "../../src/jobs/billing.js";
import { fixedClock } from "../../src/lib/clock.js";
import { createEmailSender } from "../../src/lib/email.js";
import { SYSTEM_ACTOR, tenantScope, type Services } from "../../src/lib/scope.js";
import type { BenchDatabase } from "../lib/databases.js";
import type { Measurement } from "../lib/load.js";
import type { Row } from "../lib/report.js";
import type { Scenario, ScenarioResult, Settings } from "../lib/scenario.js";

/** BENCH_BILLING_TENANTS: fewer tenants for iteration (the targets are for the full 10,000). */
const TENANTS = Number(process.env.BENCH_BILLING_TENANTS ?? 10_000);
/** BENCH_BILLING_WORKERS: billing jobs running the boundary at once (the job claims with SKIP LOCKED). */
const WORKERS = Math.max(1, Number(process.env.BENCH_BILLING_WORKERS ?? 1));
const MODULES = ["bench_a", "bench_b", "bench_c"] as const;
const PRICE = 2900;
const BATCH = 50;
/** Boundary k is the first of month k after December 2026 (UTC): no month-end clamping. */
const boundary = (k: number) => new Date(Date.UTC(2027, k, 1));
const TARGET_RATIO = 0.4;
const TARGET_BOUNDARY_S = 60;
const USAGE_CALLS = 2000;
const USAGE_MAX_S = 20;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

interface Timed {
  count: number;
  seconds: number;
  cpuMs: number;
  latencies: number[];
  peakRssMb: number;
}

function measurement(t: Timed, connections: number): Measurement {
  return {
    mode: { kind: "max", connections },
    ok: t.count,
    durationS: t.seconds,
    rps: t.count / t.seconds,
    latencyMs: { p50: percentile(t.latencies, 50), p95: percentile(t.latencies, 95), p99: percentile(t.latencies, 99), max: Math.max(0, ...t.latencies) },
    non2xx: 0,
    errors: 0,
    unanswered: 0,
    statusCodes: {},
    peakRssMb: t.peakRssMb,
    cpuMsPerReq: t.cpuMs / Math.max(1, t.count),
  };
}

async function timed(fn: (lap: (ms: number) => void) => Promise<number>): Promise<Timed> {
  const latencies: number[] = [];
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const count = await fn((ms) => latencies.push(ms));
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return { count, seconds, cpuMs: (used.user + used.system) / 1000, latencies, peakRssMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

// ---- Seed ------------------------------------------------------------------------------------------------

async function seedCatalog(db: Database): Promise<Record<string, string>> {
  const plans: Record<string, string> = {};
  // Invoices stay unpaid here (the log-only gateway): without long grace periods the boundaries of later rounds
  // would also run dunning on the earlier rounds' invoices, which is not what is measured.
  await db.prisma.billingSettings.upsert({ where: { id: 1 }, create: { id: 1, pastDueAfterDays: 365, cancelAfterDays: 365 }, update: { pastDueAfterDays: 365, cancelAfterDays: 365 } });
  for (const key of MODULES) {
    const text = { en: key, fr: key };
    await db.prisma.module.create({
      data: { key, name: text, description: text, category: "productivity", icon: "puzzle", status: "published", publishedAt: new Date(), metrics: [{ key: "api_calls", name: { en: "API calls", fr: "Appels d'API" }, resets: "monthly" }] },
    });
    const id = uuidv7();
    await db.prisma.plan.create({ data: { id, moduleKey: key, code: "std", name: text, interval: "monthly", version: 1, prices: { EUR: PRICE }, limits: { api_calls: 2_000_000_000 } } });
    plans[key] = id;
  }
  return plans;
}

/** 10,000 tenants and 3 active monthly subscriptions each, their current period ending at `boundary(0)`, invoiced. */
async function seedTenants(db: Database, plans: Record<string, string>): Promise<void> {
  const sql = db.sql;
  const end = boundary(0).toISOString();
  const start = boundary(-1).toISOString();
  await sql.query(
    `INSERT INTO tenants (id, slug, name, "nameSortKey", "contactEmail", country, "timeZone", currency, language, "updatedAt")
     SELECT (lpad(to_hex(1700000000000 + g.n), 12, '0') || '7' || substr(md5(g.n::text), 1, 3) || '8' || substr(md5(g.n::text), 4, 15))::uuid,
            'bench-' || g.n, 'Bench ' || g.n, 'bench ' || g.n, 'billing' || g.n || '@example.com', 'FR', 'Europe/Paris', 'EUR', 'fr', now()
     FROM generate_series(1, ${TENANTS}) AS g(n)`,
    [],
  );
  for (const key of MODULES) {
    await sql.query(
      `INSERT INTO subscriptions (id, "tenantId", "moduleKey", "planId", status, currency, quantity, "billingAnchor", "currentPeriodStart", "currentPeriodEnd",
                                  "invoicedPeriodStart", "nextBillingAt", "updatedAt")
       SELECT (lpad(to_hex(1700000000000 + g.n), 12, '0') || '7' || substr(md5(g.n::text || $1::text), 1, 3) || '8' || substr(md5(g.n::text || $1::text), 4, 15))::uuid,
              t.id, $1::text, $2::uuid, 'active', 'EUR', 1, $3::timestamptz, $3::timestamptz, $4::timestamptz, $3::timestamptz, $4::timestamptz, now()
       FROM generate_series(1, ${TENANTS}) AS g(n)
       JOIN tenants t ON t.slug = 'bench-' || g.n`,
      [key, plans[key], start, end],
    );
  }
  await sql.query(`ANALYZE tenants; ANALYZE subscriptions`, []).catch(() => undefined);
}

// ---- The product: the billing job ------------------------------------------------------------------------

async function productBoundary(services: Services, clock: ReturnType<typeof fixedClock>, k: number): Promise<Timed> {
  // The log-only gateway of production (its log goes nowhere here): charging happens after commit, as in the job.
  const gateway: PaymentGateway = logOnlyGateway(services.log);
  clock.set(new Date(boundary(k).getTime() + 1000));
  return timed(async (lap) => {
    let invoices = 0;
    const worker = async () => {
      for (;;) {
        const started = performance.now();
        const run = await runBilling(services, { gateway, batchSize: BATCH, maxBatches: 1 });
        if (run.worked === 0) break;
        lap((performance.now() - started) / Math.max(1, run.issued.length));
        invoices += run.issued.length;
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    return invoices;
  });
}

// ---- The ceiling: the same writes as a bare SQL loop -----------------------------------------------------

interface SqlClient {
  query<T>(text: string, params: unknown[]): Promise<T[]>;
  transaction<T>(fn: (q: (text: string, params: unknown[]) => Promise<unknown[]>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function sqlClient(database: BenchDatabase): Promise<SqlClient> {
  if (database.kind === "pglite") {
    const pglite = database.db.pglite!;
    return {
      query: async <T>(text: string, params: unknown[]) => (await pglite.query<T>(text, params)).rows,
      transaction: (fn) => pglite.transaction((tx) => fn(async (text, params) => (await tx.query(text, params)).rows)),
      close: async () => undefined,
    };
  }
  const [row] = await database.raw.query<{ name: string }>("SELECT current_database() AS name", []);
  const url = new URL(testServerUrl()!);
  url.pathname = `/${row!.name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    query: async <T>(text: string, params: unknown[]) => (await client.query(text, params)).rows as T[],
    async transaction(fn) {
      await client.query("BEGIN");
      try {
        const result = await fn(async (text, params) => (await client.query(text, params)).rows);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    close: () => client.end(),
  };
}

const CEILING_CLAIM = `
  SELECT s.id, s."tenantId", s."moduleKey", s."planId", s."currentPeriodEnd", (p.prices ->> s.currency)::int AS price
  FROM subscriptions s JOIN plans p ON p.id = s."planId"
  WHERE s."nextBillingAt" <= $1::timestamptz
  ORDER BY s."nextBillingAt", s.id LIMIT $2::int FOR UPDATE OF s SKIP LOCKED`;

async function ceilingBoundary(sql: SqlClient, k: number): Promise<Timed> {
  const now = new Date(boundary(k).getTime() + 1000);
  const periodEnd = boundary(k + 1);
  return timed(async (lap) => {
    let invoices = 0;
    for (;;) {
      const started = performance.now();
      const done = await sql.transaction(async (q) => {
        const claimed = (await q(CEILING_CLAIM, [now, BATCH])) as { id: string; tenantId: string; moduleKey: string; planId: string; currentPeriodEnd: Date; price: number }[];
        for (const s of claimed) {
          await q("SAVEPOINT s", []);
          const [counter] = (await q(`INSERT INTO invoice_counters (year, last) VALUES ($1::int, 1) ON CONFLICT (year) DO UPDATE SET last = invoice_counters.last + 1 RETURNING last`, [
            now.getUTCFullYear(),
          ])) as { last: number }[];
          const number = `${now.getUTCFullYear()}-${String(counter!.last).padStart(6, "0")}`;
          const invoiceId = uuidv7(now.getTime());
          const start = s.currentPeriodEnd;
          await q(
            `INSERT INTO invoices (id, "tenantId", "subscriptionId", number, year, sequence, status, currency, subtotal, tax, total, "issuedAt", "dueAt", "nextDunningAt", "createdAt")
             VALUES ($1, $2, $3, $4, $5, $6, 'open', 'EUR', $7, 0, $7, $8, $8, $9, $8)`,
            [invoiceId, s.tenantId, s.id, number, now.getUTCFullYear(), counter!.last, s.price, now, new Date(now.getTime() + 7 * 86_400_000)],
          );
          await q(
            `INSERT INTO invoice_lines (id, "tenantId", "invoiceId", position, kind, "moduleKey", "planId", description, quantity, "unitAmount", amount, "periodStart", "periodEnd", "periodKey")
             VALUES ($1, $2, $3, 0, 'subscription', $4, $5, $6, 1, $7, $7, $8, $9, $10)`,
            [uuidv7(now.getTime()), s.tenantId, invoiceId, s.moduleKey, s.planId, `${s.moduleKey} std`, s.price, start, periodEnd, `${s.id}/${start.toISOString()}`],
          );
          const target = { renewed: s.id, issued: invoiceId };
          await q(
            `INSERT INTO audit_entries (id, "tenantId", action, crud, module, "actorType", "actorName", "targetType", "targetId", "targetName", changes, "createdAt")
             VALUES ($1, $3, 'subscription.renewed', 'u', 'billing', 'system', 'system', 'subscription', $4, $5, $6, $8),
                    ($2, $3, 'invoice.issued', 'c', 'billing', 'system', 'system', 'invoice', $7, $9, $10, $8)`,
            [
              uuidv7(now.getTime()), uuidv7(now.getTime()), s.tenantId, target.renewed, s.moduleKey,
              JSON.stringify({ planId: { from: s.planId, to: s.planId }, periodStart: start.toISOString(), periodEnd: periodEnd.toISOString(), quantity: 1 }),
              invoiceId, now, number, JSON.stringify({ number, status: "open", total: s.price, currency: "EUR", lines: 1 }),
            ],
          );
          await q(
            `INSERT INTO events (id, "tenantId", type, version, module, payload, "createdAt")
             VALUES ($1, $3, 'subscription.renewed', 1, 'billing', $4, $6), ($2, $3, 'invoice.issued', 1, 'billing', $5, $6)`,
            [
              uuidv7(now.getTime()), uuidv7(now.getTime()), s.tenantId,
              JSON.stringify({ subscriptionId: s.id, moduleKey: s.moduleKey, planId: s.planId, fromPlanId: s.planId, periodStart: start.toISOString(), periodEnd: periodEnd.toISOString(), quantity: 1 }),
              JSON.stringify({ invoiceId, number, subscriptionId: s.id, total: s.price, currency: "EUR", status: "open" }),
              now,
            ],
          );
          await q(
            `UPDATE subscriptions SET "currentPeriodStart" = $2, "currentPeriodEnd" = $3, "invoicedPeriodStart" = $2, "nextBillingAt" = $3, "lockVersion" = "lockVersion" + 1, "updatedAt" = $4
             WHERE id = $1`,
            [s.id, start, periodEnd, now],
          );
          await q("RELEASE SAVEPOINT s", []);
        }
        return claimed.length;
      });
      if (done === 0) break;
      lap((performance.now() - started) / done);
      invoices += done;
    }
    return invoices;
  });
}

// ---- The usage increment --------------------------------------------------------------------------------

async function usageRows(database: BenchDatabase, services: Services, sql: SqlClient, settings: Settings): Promise<{ rows: Row[]; notes: string[] }> {
  const [tenant] = await sql.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'bench-1'`, []);
  const tenantId = tenant!.id;
  const scope = tenantScope(services, { tenantId, timeZone: "Europe/Paris", actor: SYSTEM_ACTOR, permissions: PERMISSION_NAMES }, { ip: null, userAgent: null, requestId: null });
  const periodStart = new Date(Date.UTC(services.clock.now().getUTCFullYear(), services.clock.now().getUTCMonth(), 1));
  const product = (lap: (ms: number) => void) => loop(lap, () => scope.db.$transaction((tx) => incrementUsage(tx, scope, { moduleKey: MODULES[0], metric: "api_calls" })));
  const bare = (lap: (ms: number) => void) =>
    loop(lap, () =>
      sql.transaction((q) =>
        q(
          `INSERT INTO usage_counters ("tenantId", "moduleKey", metric, "periodStart", value, "updatedAt") VALUES ($1, $2, 'api_calls', $3, 1, now())
           ON CONFLICT ("tenantId", "moduleKey", metric, "periodStart") DO UPDATE SET value = usage_counters.value + 1, "updatedAt" = now() RETURNING value`,
          [tenantId, MODULES[1], periodStart],
        ),
      ),
    );
  const results: Record<"product" | "bare", Timed[]> = { product: [], bare: [] };
  for (let round = 0; round < settings.rounds; round++) {
    results.product.push(await timed(product));
    results.bare.push(await timed(bare));
  }
  const ratios = results.product.map((p, i) => p.count / p.seconds / (results.bare[i]!.count / results.bare[i]!.seconds));
  const costRatios = results.product.map((p, i) => p.seconds / p.count / (results.bare[i]!.seconds / results.bare[i]!.count));
  const pick = (list: Timed[]) => list.find((t) => t.count / t.seconds === median(list.map((x) => x.count / x.seconds))) ?? list[0]!;
  const ratio = median(ratios);
  return {
    rows: [
      {
        server: "product usage increment",
        role: "product",
        measurement: measurement(pick(results.product), 1),
        ratios: { "bare upsert": ratio },
        targets: [],
      },
      { server: "bare upsert", role: "ceiling", measurement: measurement(pick(results.bare), 1), ratios: {}, targets: [] },
    ],
    notes: [
      `usage increment: one call at a time, each in its own transaction, ${USAGE_CALLS} calls (at most ${USAGE_MAX_S} s) per round, ${settings.rounds} rounds; ` +
        `cost per call ${median(costRatios).toFixed(2)}x the bare UPSERT's (median, spread ${Math.min(...costRatios).toFixed(2)}-${Math.max(...costRatios).toFixed(2)}); ` +
        `the product reads the subscription, module, plan and spending cap before its UPDATE (decisions 36, 44). No target is set for it by the brief.`,
    ],
  };
  async function loop(lap: (ms: number) => void, call: () => Promise<unknown>): Promise<number> {
    const deadline = performance.now() + USAGE_MAX_S * 1000;
    let n = 0;
    while (n < USAGE_CALLS && performance.now() < deadline) {
      const started = performance.now();
      await call();
      lap(performance.now() - started);
      n++;
    }
    return n;
  }
}

// ---- The scenario ---------------------------------------------------------------------------------------

export async function runBillingScenario(database: BenchDatabase, settings: Settings): Promise<ScenarioResult> {
  const env = testEnv({ NODE_ENV: "production", LOG_LEVEL: "error" });
  const log = pino({ level: "error" }, destination({ dest: "/dev/null", sync: true }));
  const clock = fixedClock(boundary(0));
  const services: Services = { prisma: database.db.prisma, query: database.db.query, clock, email: createEmailSender("none", log), log, env };
  const notes: string[] = [];

  const seedStarted = performance.now();
  const plans = await seedCatalog(database.db);
  await seedTenants(database.db, plans);
  notes.push(`seeded ${TENANTS} tenants x ${MODULES.length} subscriptions in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s (bulk SQL)`);

  const sql = await sqlClient(database);
  try {
    const rounds = Math.max(1, Math.min(settings.rounds, 3));
    const product: Timed[] = [];
    const ceiling: Timed[] = [];
    let k = 0;
    for (let round = 0; round < rounds; round++) {
      product.push(await productBoundary(services, clock, k++));
      ceiling.push(await ceilingBoundary(sql, k++));
      const expected = TENANTS * MODULES.length;
      if (product.at(-1)!.count !== expected || ceiling.at(-1)!.count !== expected) {
        const state = await sql.query(`SELECT status, min("nextBillingAt") AS min, max("nextBillingAt") AS max, min("currentPeriodEnd") AS "endMin", count(*) FROM subscriptions GROUP BY status`, []);
        throw new Error(`round ${round}: ${JSON.stringify(state)} the product issued ${product.at(-1)!.count} invoices and the ceiling ${ceiling.at(-1)!.count}; both must issue ${expected}`);
      }
    }
    const ratios = product.map((p, i) => p.count / p.seconds / (ceiling[i]!.count / ceiling[i]!.seconds));
    const ratio = median(ratios);
    const slowest = Math.max(...product.map((p) => p.seconds));
    const medianProduct = product.find((p) => p.seconds === median(product.map((x) => x.seconds))) ?? product[0]!;
    const medianCeiling = ceiling.find((c) => c.seconds === median(ceiling.map((x) => x.seconds))) ?? ceiling[0]!;
    const binding = database.kind === "postgres";
    const rows: Row[] = [
      {
        server: "product billing job",
        role: "product",
        measurement: measurement(medianProduct, 1),
        ratios: { "bare sql": ratio },
        targets: [
          { name: "invoices/s vs bare SQL loop", goal: `>= ${TARGET_RATIO * 100}% of bare sql`, measured: `${(ratio * 100).toFixed(1)}%`, met: ratio >= TARGET_RATIO },
          { name: "whole boundary", goal: `boundary < ${TARGET_BOUNDARY_S} s`, measured: `${slowest.toFixed(1)} s`, met: slowest < TARGET_BOUNDARY_S },
        ],
      },
      { server: "bare sql", role: "ceiling", measurement: measurement(medianCeiling, 1), ratios: {}, targets: [] },
    ];
    notes.push(
      `billing: ${rounds} interleaved rounds, the product with ${WORKERS} worker(s) at once, each a whole boundary of ${TENANTS * MODULES.length} renewals + invoices (product, then bare sql on the next month); ` +
        `req/s is invoices per second, latencies are ms per invoice per batch of ${BATCH}; ratio median ${(ratio * 100).toFixed(1)}% ` +
        `(spread ${(Math.min(...ratios) * 100).toFixed(1)}-${(Math.max(...ratios) * 100).toFixed(1)}%); product boundaries took ${product.map((p) => p.seconds.toFixed(1)).join(", ")} s, ` +
        `bare sql ${ceiling.map((c) => c.seconds.toFixed(1)).join(", ")} s${binding ? "" : " (PGlite: targets for information)"}`,
    );
    const usage = await usageRows(database, services, sql, settings);
    return { rows: [...rows, ...usage.rows], notes: [...notes, ...usage.notes] };
  } finally {
    await sql.close();
  }
}

export const billing: Scenario = {
  name: "billing",
  summary: "the billing job over 10,000 tenants x 3 subscriptions at one boundary vs a bare SQL loop; the usage increment vs a bare UPSERT",
  run: runBillingScenario,
};
