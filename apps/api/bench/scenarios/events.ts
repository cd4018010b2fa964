// The event dispatcher (decision 49), beside the thinnest code doing the same work, in the same run:
// - throughput: a backlog of outbox events over 100 tenants fanned out to 3 consumers that each write one row
//   per event (the product: dispatchBatch in a loop, as startDispatcher runs it), beside `bare claim`, a loop
//   of the same claims (FOR UPDATE SKIP LOCKED) and writes in raw SQL on one connection. Interleaved rounds.
// - latency: events committed at 50/s (record() in a transaction, as a mutation does) with the dispatcher
//   running, timed from each write's due time to its tenant's signal on the process's hub; beside `bare
//   notify`, a NOTIFY sent at the same rate, timed to its arrival on a LISTENing connection.
// - commit -> SSE and SSE fan-out (events-sse.ts): the API server with its dispatcher, events.live streams
//   read over HTTP by a second process; at RATE per second on one stream, then one event at a time to
//   BENCH_SSE_CONNECTIONS (5,000) streams of one tenant, with the server's RSS.
import { listen } from "@tenancy/db";
import { testServerUrl } from "@tenancy/db/testing";
import pg from "pg";
import { destination, pino } from "pino";
import type { Consumer } from "../../src/events/consumer.js";
import { dispatchBatch, startDispatcher } from "../../src/events/dispatcher.js";
import { createHub } from "../../src/events/hub.js";
import { testEnv } from "../../src/env.js";
import { systemClock } from "../../src/lib/clock.js";
import { createEmailSender } from "../../src/lib/email.js";
import { record } from "../../src/lib/record.js";
import { systemScope, type Services } from "../../src/lib/scope.js";
import type { BenchDatabase } from "../lib/databases.js";
import type { Measurement } from "../lib/load.js";
import type { Row } from "../lib/report.js";
import { runSseParts } from "./events-sse.js";
import { pause, type Scenario, type ScenarioResult, type Settings } from "../lib/scenario.js";

/** BENCH_EVENTS: events per throughput round. */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const TENANTS = 100;
const BATCH = 200;
const RATE = 50;
const TARGET_RATIO = 0.5;
const TARGET_P95_MS = 100;
/** BENCH_SSE_CONNECTIONS: concurrent events.live streams of the fan-out part. */
const SSE_CONNECTIONS = Number(process.env.BENCH_SSE_CONNECTIONS ?? 5_000);
const FANOUT_EVENTS = 10;
const TARGET_RSS_MB = 256;
/** BENCH_EVENTS_PARTS: which parts run (comma-separated: throughput, latency, sse); all by default. */
const PARTS = new Set((process.env.BENCH_EVENTS_PARTS ?? "throughput,latency,sse").split(",").map((p) => p.trim()));
for (const part of PARTS) if (!["throughput", "latency", "sse"].includes(part)) throw new Error(`BENCH_EVENTS_PARTS: unknown part "${part}" (throughput, latency, sse)`);

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

function measurement(t: Timed, mode: Measurement["mode"]): Measurement {
  return {
    mode,
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

async function seedTenants(database: BenchDatabase): Promise<string[]> {
  const rows = await database.raw.query<{ id: string }>(
    `INSERT INTO tenants (id, slug, name, "nameSortKey", "contactEmail", country, "timeZone", currency, language, "updatedAt")
     SELECT gen_random_uuid(), 'events-' || g.n, 'Events ' || g.n, 'events ' || g.n, 'events' || g.n || '@example.com', 'FR', 'Europe/Paris', 'EUR', 'fr', now()
     FROM generate_series(1, ${TENANTS}) AS g(n) RETURNING id`,
    [],
  );
  await database.raw.query(`CREATE TABLE bench_event_sink (consumer int NOT NULL, "eventId" uuid NOT NULL, PRIMARY KEY (consumer, "eventId"))`, []);
  return rows.map((r) => r.id);
}

/** A backlog of pending events, spread over the tenants in turn (bulk SQL: the backlog is the input, not measured). */
async function seedBacklog(database: BenchDatabase, tenants: string[]): Promise<void> {
  await database.raw.query(
    `INSERT INTO events (id, "tenantId", type, version, module, payload)
     SELECT gen_random_uuid(), ($1::uuid[])[1 + g.n % ${tenants.length}], 'role.created', 1, 'core', jsonb_build_object('roleId', g.n::text, 'name', 'role ' || g.n)
     FROM generate_series(1, $2::int) AS g(n)`,
    [tenants, EVENTS],
  );
}

/** The three consumers: each writes one row per event, in the dispatch transaction. */
function sinkConsumers(): Consumer[] {
  return [1, 2, 3].map((n) => ({
    name: `sink-${n}`,
    async handle(tx, events) {
      await tx.$executeRawUnsafe(`INSERT INTO bench_event_sink (consumer, "eventId") SELECT $1::int, unnest($2::uuid[])`, n, events.map((e) => e.id));
    },
  }));
}

// ---- The ceiling: a bare SKIP LOCKED claim loop ----------------------------------------------------------

interface SqlClient {
  transaction<T>(fn: (q: (text: string, params: unknown[]) => Promise<unknown[]>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function sqlClient(database: BenchDatabase): Promise<SqlClient> {
  if (database.kind === "pglite") {
    const pglite = database.db.pglite!;
    return {
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

async function bareClaimLoop(sql: SqlClient, lap: (ms: number) => void): Promise<number> {
  let total = 0;
  for (;;) {
    const started = performance.now();
    const claimed = await sql.transaction(async (q) => {
      const rows = (await q(`SELECT id FROM events WHERE "dispatchedAt" IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED`, [BATCH])) as Array<{ id: string }>;
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      for (const n of [1, 2, 3]) await q(`INSERT INTO bench_event_sink (consumer, "eventId") SELECT $1::int, unnest($2::uuid[])`, [n, ids]);
      await q(`UPDATE events SET "dispatchedAt" = now() WHERE id = ANY($1::uuid[])`, [ids]);
      return ids.length;
    });
    if (claimed === 0) return total;
    lap((performance.now() - started) / claimed);
    total += claimed;
  }
}

// ---- Latency ---------------------------------------------------------------------------------------------

/** Runs `send(k)` at RATE per second (open loop) for warm-up + duration; returns how many were sent. */
async function paced(settings: Settings, send: (k: number, due: number) => Promise<void>, arrived: () => number): Promise<number> {
  const warm = settings.warmupS * RATE;
  const total = warm + settings.durationS * RATE;
  const t0 = performance.now();
  const writes: Promise<void>[] = [];
  for (let k = 0; k < total; k++) {
    const due = t0 + (k * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await pause(wait);
    writes.push(send(k, due));
  }
  await Promise.all(writes);
  // Give the last ones time to arrive (bounded).
  const deadline = performance.now() + 5_000;
  while (arrived() < total && performance.now() < deadline) await pause(10);
  return total;
}

async function productLatency(database: BenchDatabase, services: Services, tenants: string[], settings: Settings): Promise<Timed> {
  const hub = await createHub(database.db);
  const dispatcher = await startDispatcher(services, database.db, sinkConsumers(), { limit: BATCH });
  const scope = systemScope(services);
  const used = tenants.slice(0, RATE);
  // At 50/s over 50 tenants, each tenant has one event a second: its next signal is for that event.
  const outstanding = new Map<string, { k: number; due: number }>();
  const latencies: number[] = [];
  let arrived = 0;
  const warm = settings.warmupS * RATE;
  const offs = used.map((tenantId) =>
    hub.subscribe(tenantId, () => {
      const waiting = outstanding.get(tenantId);
      if (!waiting) return;
      outstanding.delete(tenantId);
      arrived++;
      if (waiting.k >= warm) latencies.push(performance.now() - waiting.due);
    }),
  );
  try {
    const t = await timed(async (lap) => {
      const sent = await paced(
        settings,
        async (k, due) => {
          const tenantId = used[k % used.length]!;
          outstanding.set(tenantId, { k, due });
          await services.prisma.$transaction((tx) => record(tx, scope, { type: "role.created", tenantId, payload: { roleId: `live-${k}`, name: `live ${k}` } }));
        },
        () => arrived,
      );
      for (const ms of latencies) lap(ms);
      return sent;
    });
    // req/s over the sending window (warm-up included, as in CPU ms per event), not the wait for the last arrivals.
    return { ...t, seconds: settings.warmupS + settings.durationS };
  } finally {
    offs.forEach((off) => off());
    await dispatcher.stop();
    await hub.close();
  }
}

async function bareNotifyLatency(database: BenchDatabase, settings: Settings): Promise<Timed> {
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let arrived = 0;
  const warm = settings.warmupS * RATE;
  const listening = await listen(database.db, "bench_ping", (payload) => {
    const k = Number(payload);
    const due = sentAt.get(k);
    if (due === undefined) return;
    sentAt.delete(k);
    arrived++;
    if (k >= warm) latencies.push(performance.now() - due);
  });
  try {
    const t = await timed(async (lap) => {
      const sent = await paced(
        settings,
        async (k, due) => {
          sentAt.set(k, due);
          await database.raw.query(`SELECT pg_notify('bench_ping', $1)::text`, [String(k)]);
        },
        () => arrived,
      );
      for (const ms of latencies) lap(ms);
      return sent;
    });
    // req/s over the sending window (warm-up included, as in CPU ms per event), not the wait for the last arrivals.
    return { ...t, seconds: settings.warmupS + settings.durationS };
  } finally {
    await listening.close();
  }
}

// ---- The scenario ---------------------------------------------------------------------------------------

export async function runEventsScenario(database: BenchDatabase, settings: Settings): Promise<ScenarioResult> {
  const env = testEnv({ NODE_ENV: "production", LOG_LEVEL: "error" });
  const log = pino({ level: "error" }, destination({ dest: "/dev/null", sync: true }));
  const services: Services = { prisma: database.db.prisma, query: database.db.query, clock: systemClock, email: createEmailSender("none", log), log, env };
  const tenants = await seedTenants(database);
  const consumers = sinkConsumers();
  const sql = await sqlClient(database);
  const notes: string[] = [];
  try {
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const rows: Row[] = [];
    if (PARTS.has("throughput")) {
      const rounds = Math.max(1, Math.min(settings.rounds, 3));
      const product: Timed[] = [];
      const ceiling: Timed[] = [];
      for (let round = 0; round < rounds; round++) {
        await seedBacklog(database, tenants);
        product.push(
          await timed(async (lap) => {
            let total = 0;
            for (;;) {
              const started = performance.now();
              const batch = await dispatchBatch(services, consumers, { limit: BATCH });
              if (batch.claimed === 0) return total;
              if (batch.dispatched !== batch.claimed) throw new Error(`a batch dispatched ${batch.dispatched} of ${batch.claimed} events`);
              lap((performance.now() - started) / batch.claimed);
              total += batch.claimed;
            }
          }),
        );
        await seedBacklog(database, tenants);
        ceiling.push(await timed((lap) => bareClaimLoop(sql, lap)));
        if (product.at(-1)!.count !== EVENTS || ceiling.at(-1)!.count !== EVENTS) {
          throw new Error(`round ${round}: the product dispatched ${product.at(-1)!.count} events and the ceiling ${ceiling.at(-1)!.count}; both must do ${EVENTS}`);
        }
      }
      const [sink] = await database.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM bench_event_sink`, []);
      if (sink!.n !== 3 * 2 * rounds * EVENTS) throw new Error(`the sink holds ${sink!.n} rows, expected ${3 * 2 * rounds * EVENTS}`);
      const ratios = product.map((p, i) => p.count / p.seconds / (ceiling[i]!.count / ceiling[i]!.seconds));
      const ratio = median(ratios);
      const pick = (list: Timed[]) => list.find((t) => t.count / t.seconds === median(list.map((x) => x.count / x.seconds))) ?? list[0]!;

      rows.push(
        {
          server: "product dispatcher",
          role: "product",
          measurement: measurement(pick(product), { kind: "max", connections: 1 }),
          ratios: { "bare claim": ratio },
          targets: [{ name: "events/s vs bare SKIP LOCKED loop", goal: `>= ${TARGET_RATIO * 100}% of bare claim`, measured: `${(ratio * 100).toFixed(1)}%`, met: ratio >= TARGET_RATIO }],
        },
        { server: "bare claim", role: "ceiling", measurement: measurement(pick(ceiling), { kind: "max", connections: 1 }), ratios: {}, targets: [] },
      );
      notes.push(
        `throughput: ${rounds} interleaved rounds of ${EVENTS} events over ${TENANTS} tenants, batches of ${BATCH}, 3 consumers writing one row per event each; req/s is events per second, ` +
          `latencies are ms per event per batch; ratio median ${(ratio * 100).toFixed(1)}% (spread ${(Math.min(...ratios) * 100).toFixed(1)}-${(Math.max(...ratios) * 100).toFixed(1)}%)`,
      );
    }

    // The bare NOTIFY round trip: the ceiling of the hub row and of the SSE row.
    const bareLive = PARTS.has("latency") || PARTS.has("sse") ? await bareNotifyLatency(database, settings) : null;
    const bareP95 = bareLive ? percentile(bareLive.latencies, 95) : 0;
    if (bareLive) rows.push({ server: "bare notify", role: "ceiling", measurement: measurement(bareLive, { kind: "rate", rate: RATE, maxSockets: 0 }), ratios: {}, targets: [] });
    if (PARTS.has("latency")) {
      const productLive = await productLatency(database, services, tenants, settings);
      const p95 = percentile(productLive.latencies, 95);
      rows.push(
        {
          server: "product commit -> hub",
          role: "product",
          measurement: measurement(productLive, { kind: "rate", rate: RATE, maxSockets: 0 }),
          ratios: {},
          targets: [{ name: "commit -> hub signal p95", goal: `p95 <= ${TARGET_P95_MS} ms`, measured: `${p95.toFixed(1)} ms`, met: p95 <= TARGET_P95_MS }],
        },
      );
      notes.push(
        `latency: ${RATE} events/s for ${settings.warmupS} s warm-up + ${settings.durationS} s, each timed from its due time (so the mutation's own transaction counts) to its tenant's signal on the hub; ` +
          `${productLive.latencies.length} of ${settings.durationS * RATE} measured signals arrived (one outstanding event per tenant: when the dispatcher falls more than a second behind, a tenant's signal covers two events and one is not counted); ` +
          `bare NOTIFY round trip p95 ${bareP95.toFixed(1)} ms (${bareLive!.latencies.length} of ${settings.durationS * RATE} arrived); CPU ms/req of both is per event sent, warm-up included`,
      );
    }

    if (PARTS.has("sse")) {
      const { live: sse, fan } = await runSseParts(database, { rate: RATE, warmupS: settings.warmupS, durationS: settings.durationS, connections: SSE_CONNECTIONS, fanOutEvents: FANOUT_EVENTS });
      const sseP95 = percentile(sse.latencies, 95);
      const sseTimed: Timed = { count: sse.sent, seconds: sse.seconds, cpuMs: sse.serverCpuMs, latencies: sse.latencies, peakRssMb: sse.serverPeakRssMb };
      const fanTimed: Timed = { count: fan.sent, seconds: fan.seconds, cpuMs: fan.serverCpuMs, latencies: fan.latencies, peakRssMb: fan.serverPeakRssMb };
      const fanRss = Math.max(fan.rssOpenMb, fan.serverPeakRssMb);
      rows.push(
        {
          server: "product commit -> SSE",
          role: "product",
          measurement: measurement(sseTimed, { kind: "rate", rate: RATE, maxSockets: 1 }),
          ratios: {},
          targets: [
            { name: "commit -> SSE p95", goal: `p95 <= ${TARGET_P95_MS} ms`, measured: ms(sseP95), met: sseP95 <= TARGET_P95_MS && sse.missing === 0 && sse.duplicates === 0 },
          ],
        },
        {
          server: `product SSE fan-out x${fan.connections}`,
          role: "product",
          measurement: measurement(fanTimed, { kind: "max", connections: fan.connections }),
          ratios: {},
          targets: [
            { name: "concurrent SSE streams", goal: `${fan.asked} streams`, measured: String(fan.connections), met: fan.connections === fan.asked && fan.ended === 0 },
            { name: "server RSS", goal: `RSS <= ${TARGET_RSS_MB} MB`, measured: `${fanRss.toFixed(0)} MB`, met: fanRss <= TARGET_RSS_MB },
          ],
        },
      );
      notes.push(
        `commit -> SSE: the API server and its dispatcher ${fan.serverAlone ? "in a process of their own" : "in the bench process (PGlite)"}, one tenant admin's events.live stream read by a second process; ` +
          `${RATE} events/s (record() in a transaction from the bench process) for ${settings.warmupS} s warm-up + ${settings.durationS} s, each timed from its commit's return to its arrival on the stream ` +
          `(wall clocks of the two processes); ${sse.latencies.length} of ${settings.durationS * RATE} measured arrived, ${sse.missing} missing, ${sse.duplicates} twice; ` +
          `bare LISTEN/NOTIFY round trip of the same run (row bare notify) p50 ${ms(percentile(bareLive!.latencies, 50))}, p95 ${ms(bareP95)}; CPU ms/req and peak RSS are the server process's${fan.serverAlone ? "" : " (the bench process on PGlite)"}`,
        `SSE fan-out: ${fan.connections} of ${fan.asked} events.live streams of one tenant (one session each of its admin, made in SQL as login makes them) opened from a second process in ` +
          `${fan.openSeconds.toFixed(1)} s${fan.firstFailure ? ` (first failure: ${fan.firstFailure})` : ""}; server RSS ${fan.rssBeforeMb.toFixed(0)} MB before, ${fan.rssOpenMb.toFixed(0)} MB with the streams open, ` +
          `peak ${fan.serverPeakRssMb.toFixed(0)} MB while ${FANOUT_EVENTS} events were written one at a time (the next when every stream had the last, or after 60 s); latencies are per stream and event, from its commit to its arrival; ` +
          `commit -> last stream per event p50 ${ms(percentile(fan.untilAll, 50))}, p95 ${ms(percentile(fan.untilAll, 95))}, max ${ms(Math.max(0, ...fan.untilAll))}; ` +
          `${fan.missing} arrivals missing, ${fan.duplicates} extra, ${fan.ended} streams ended by the server; CPU ms/req is the server's per event written (the client process's: ${fan.clientCpuMs.toFixed(0)} ms)`,
      );
    }
    if (database.kind === "pglite") notes.push("PGlite: targets for information");
    return { rows, notes };
  } finally {
    await sql.close();
  }
}

export const events: Scenario = {
  name: "events",
  summary: "the event dispatcher's throughput to 3 consumers vs a bare SKIP LOCKED loop; commit -> hub signal latency at 50 events/s vs a bare NOTIFY",
  run: runEventsScenario,
};
