// The SSE parts of the events scenario (issue 11), against the real product: the API server (createServer)
// with the event dispatcher running beside it as main.ts runs them (in a process of their own on PostgreSQL,
// events-sse-server.ts; in the bench process on PGlite, whose data lives there), streams of events.live read
// over HTTP by a second process (events-sse-child.ts), and events written as a mutation writes them:
// record() in a transaction, from the bench process.
// - commit -> SSE: one tenant admin's open stream; events committed at RATE per second, each timed from the
//   moment its transaction's commit returned to its arrival on the stream (wall clock of both processes).
// - fan-out: CONNECTIONS streams of one tenant (each with its own session of the tenant admin, made in SQL as
//   login makes them), then the server's RSS, then FANOUT_EVENTS events, each timed to its arrival on every
//   stream.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { ensureFirstPlatformAdmin } from "../../src/bootstrap.js";
import { eventConsumers } from "../../src/events/consumers.js";
import { startDispatcher } from "../../src/events/dispatcher.js";
import { systemClock } from "../../src/lib/clock.js";
import { createEmailSender } from "../../src/lib/email.js";
import { record } from "../../src/lib/record.js";
import { systemScope, type Services } from "../../src/lib/scope.js";
import { createServer } from "../../src/server.js";
import { sessionCookieName } from "../../src/trpc/context.js";
import type { BenchDatabase } from "../lib/databases.js";
import { LoadError } from "../lib/load.js";
import { pause } from "../lib/scenario.js";
import { procProbe, thisProcess, type ProcessProbe } from "./audit-log-load.js";
import { benchDatabaseUrl } from "./audit-log-plans.js";
import { productConfig } from "./audit-log-setup.js";
import type { SseReady, SseReport, SseSpec } from "./events-sse-child.js";
import { httpCaller, queryPath } from "../lib/trpc-http.js";

const SERVER = fileURLToPath(new URL("./events-sse-server.ts", import.meta.url));
const CHILD = fileURLToPath(new URL("./events-sse-child.ts", import.meta.url));
const wallNow = () => performance.timeOrigin + performance.now();
const mb = (bytes: number) => bytes / 2 ** 20;
/** How long one fan-out event may take to reach every stream before the next is written. */
const FANOUT_WAIT_MS = 60_000;

interface SseServer {
  origin: string;
  probe: ProcessProbe;
  /** True when the probe reads a process running only the server (PostgreSQL). */
  alone: boolean;
  /** Throws when the server process died (out of memory under BENCH_SSE_SERVER_HEAP_MB). */
  check(): void;
  stop(): Promise<void>;
}

async function startSseServer(database: BenchDatabase, services: Services): Promise<SseServer> {
  if (database.kind === "pglite") {
    const { env, log } = productConfig();
    const server = await createServer({ env, db: database.db, log });
    const dispatcher = await startDispatcher(services, database.db, eventConsumers(services));
    const origin = await server.start();
    return {
      origin,
      probe: thisProcess,
      alone: false,
      check: () => undefined,
      async stop() {
        await server.stop();
        await dispatcher.stop();
      },
    };
  }
  // BENCH_SSE_SERVER_HEAP_MB: a V8 heap limit for the server process, to tell live memory from garbage not yet collected.
  const heap = process.env.BENCH_SSE_SERVER_HEAP_MB ? [`--max-old-space-size=${Number(process.env.BENCH_SSE_SERVER_HEAP_MB)}`] : [];
  const child = spawn(process.execPath, [...heap, ...process.execArgv, SERVER, await benchDatabaseUrl(database)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const { origin } = await new Promise<{ origin: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new LoadError("the events server process did not start in 60 s")), 60_000);
    child.once("message", (m: { origin: string }) => {
      clearTimeout(timer);
      resolve(m);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new LoadError(`the events server process exited with code ${code}`));
    });
  });
  return {
    origin,
    probe: procProbe(child.pid!),
    alone: true,
    check() {
      if (child.exitCode !== null || child.signalCode !== null) throw new LoadError(`the events server process died (exit code ${child.exitCode}, signal ${child.signalCode})`);
    },
    async stop() {
      // It may have died already (out of memory under BENCH_SSE_SERVER_HEAP_MB).
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send("stop");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A tenant created through the API by the platform admin, its admin signed in with the first password changed. */
async function createTenant(origin: string, ops: ReturnType<typeof httpCaller>, slug: string) {
  const first = "first-password-123";
  const created = await ops.mutate<{ tenant: { id: string }; admin: { id: string } }>("platform.tenants.create", {
    name: `Bench ${slug}`,
    slug,
    contactEmail: `contact@${slug}.example.com`,
    country: "FR",
    timeZone: "Europe/Paris",
    currency: "EUR",
    language: "fr",
    admin: { email: `admin@${slug}.example.com`, name: `Admin ${slug}`, password: first },
  });
  const admin = httpCaller(origin, sessionCookieName(true));
  await admin.mutate("auth.login", { email: `admin@${slug}.example.com`, password: first, workspace: slug });
  await admin.mutate("auth.changePassword", { currentPassword: first, newPassword: `bench admin password of ${slug}` });
  if (!admin.cookie) throw new Error(`the admin of ${slug} got no session cookie`);
  return { tenantId: created.tenant.id, adminId: created.admin.id, cookie: admin.cookie };
}

/** `count` more sessions of one user, as createSession stores them (id, SHA-256 of the secret), in one insert. */
async function bulkSessions(database: BenchDatabase, tenantId: string, userId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  const hashes: string[] = [];
  const tokens: string[] = [];
  for (let k = 0; k < count; k++) {
    const id = randomBytes(15).toString("base64url");
    const secret = randomBytes(20).toString("base64url");
    ids.push(id);
    hashes.push(createHash("sha256").update(secret).digest("hex"));
    tokens.push(`${id}.${secret}`);
  }
  await database.raw.query(
    `INSERT INTO sessions (id, "secretHash", "userId", "tenantId", "expiresAt")
     SELECT unnest($1::text[]), unnest($2::text[]), $3::uuid, $4::uuid, now() + interval '1 day'`,
    [ids, hashes, userId, tenantId],
  );
  return tokens;
}

interface Clients {
  ready: SseReady;
  /** How many streams have received the event of this name so far. */
  count(name: string): Promise<number>;
  probe: ProcessProbe;
  report(): Promise<SseReport>;
  kill(): void;
}

/** Opens the streams from a second process; resolves when every one is connected or failed. */
async function openClients(origin: string, cookies: string[], openConcurrency: number): Promise<Clients> {
  const spec: SseSpec = { origin, path: queryPath("events.live", {}), cookies, openConcurrency };
  const child = spawn(process.execPath, [...process.execArgv, CHILD], { stdio: ["pipe", "pipe", "inherit", "ipc"] });
  let out = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  const closed = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  child.stdin!.end(JSON.stringify(spec));
  const ready = await new Promise<SseReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new LoadError(`the SSE clients were not all connected after 300 s`)), 300_000);
    child.once("message", (m: SseReady) => {
      clearTimeout(timer);
      resolve(m);
    });
    void closed.then((code) => {
      clearTimeout(timer);
      reject(new LoadError(`the SSE client process exited with code ${code} before its streams were open`));
    });
  });
  return {
    ready,
    probe: procProbe(child.pid!),
    count: (name) =>
      new Promise((resolve) => {
        child.once("message", (m: { count: number }) => resolve(m.count));
        child.send({ count: name });
      }),
    async report() {
      child.send("report");
      const code = await closed;
      if (code !== 0) throw new LoadError(`the SSE client process exited with code ${code}`);
      return JSON.parse(out) as SseReport;
    },
    kill: () => child.kill("SIGKILL"),
  };
}

export interface SseTimed {
  /** Events sent (warm-up included) and the sending window. */
  sent: number;
  seconds: number;
  /** Latencies of the measured arrivals (ms). */
  latencies: number[];
  /** Measured events that never arrived (or arrived more than once: counted in `duplicates`). */
  missing: number;
  duplicates: number;
  serverCpuMs: number;
  serverPeakRssMb: number;
}

export interface FanOut extends SseTimed {
  connections: number;
  asked: number;
  firstFailure?: string;
  openSeconds: number;
  rssBeforeMb: number;
  rssOpenMb: number;
  /** Per event: from its commit to its arrival on the last stream (ms). */
  untilAll: number[];
  ended: number;
  serverAlone: boolean;
  /** CPU of the client process per event, to see whether it was the bottleneck. */
  clientCpuMs: number;
}

export interface SseResults {
  live: SseTimed;
  fan: FanOut;
}

/** Writes `count` events for one tenant at `rate` per second; returns each event's commit time (wall ms) by name. */
async function writeEvents(services: Services, tenantId: string, prefix: string, count: number, rate: number): Promise<Map<string, number>> {
  const scope = systemScope(services);
  const committed = new Map<string, number>();
  const t0 = performance.now();
  const writes: Promise<void>[] = [];
  for (let k = 0; k < count; k++) {
    const wait = t0 + (k * 1000) / rate - performance.now();
    if (wait > 0) await pause(wait);
    const name = `${prefix}-${k}`;
    writes.push(
      services.prisma
        .$transaction((tx) => record(tx, scope, { type: "role.created", tenantId, payload: { roleId: name, name } }))
        .then(() => void committed.set(name, wallNow())),
    );
  }
  await Promise.all(writes);
  return committed;
}

function sampleRss(probe: ProcessProbe) {
  let peak = probe.rss();
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, probe.rss());
    } catch {
      // the server process died: check() reports it
    }
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return mb(Math.max(peak, probe.rss()));
    },
  };
}

export async function runSseParts(
  database: BenchDatabase,
  { rate, warmupS, durationS, connections, fanOutEvents }: { rate: number; warmupS: number; durationS: number; connections: number; fanOutEvents: number },
): Promise<SseResults> {
  const { env, log } = productConfig();
  const services: Services = { prisma: database.db.prisma, query: database.db.query, clock: systemClock, email: createEmailSender("none", log), log, env };
  await ensureFirstPlatformAdmin(services);
  const live = await measureCommitToSse(database, services, { rate, warmupS, durationS });
  // A fresh server for the fan-out, so its RSS is that of a process serving the streams, not one grown before.
  const fan = await measureFanOut(database, services, { connections, fanOutEvents });
  return { live, fan };
}

async function signIn(origin: string, services: Services) {
  const ops = httpCaller(origin, sessionCookieName(true));
  await ops.mutate("auth.login", { email: services.env.PLATFORM_ADMIN_EMAIL!, password: services.env.PLATFORM_ADMIN_PASSWORD! });
  return ops;
}

async function measureCommitToSse(database: BenchDatabase, services: Services, { rate, warmupS, durationS }: { rate: number; warmupS: number; durationS: number }): Promise<SseTimed> {
  const server = await startSseServer(database, services);
  try {
    const ops = await signIn(server.origin, services);
    const liveTenant = await createTenant(server.origin, ops, "sse-live");
    const one = await openClients(server.origin, [`${sessionCookieName(true)}=${liveTenant.cookie}`], 1);
    try {
      if (one.ready.ready !== 1) throw new LoadError(`the live stream did not open: ${one.ready.firstFailure}`);
      const warm = warmupS * rate;
      const total = warm + durationS * rate;
      const cpu0 = server.probe.cpuMs();
      const rss = sampleRss(server.probe);
      const committed = await writeEvents(services, liveTenant.tenantId, "sse", total, rate);
      const serverCpuMs = server.probe.cpuMs() - cpu0;
      await pause(2_000); // the last ones' time to arrive
      const peak = rss.stop();
      const { arrivals } = await one.report();
      const latencies: number[] = [];
      let missing = 0;
      let duplicates = 0;
      for (const [name, at] of committed) {
        const got = arrivals[name] ?? [];
        if (got.length > 1) duplicates++;
        if (Number(name.slice(4)) < warm) continue;
        if (got.length === 0) missing++;
        else latencies.push(got[0]! - at);
      }
      return { sent: total, seconds: warmupS + durationS, latencies, missing, duplicates, serverCpuMs, serverPeakRssMb: peak };
    } finally {
      one.kill();
    }
  } finally {
    await server.stop();
  }
}

async function measureFanOut(database: BenchDatabase, services: Services, { connections, fanOutEvents }: { connections: number; fanOutEvents: number }): Promise<FanOut> {
  const server = await startSseServer(database, services);
  try {
    const ops = await signIn(server.origin, services);
    const cookieName = sessionCookieName(true);
    const fanTenant = await createTenant(server.origin, ops, "sse-fanout");
    const tokens = await bulkSessions(database, fanTenant.tenantId, fanTenant.adminId, connections);
    const rssBefore = mb(server.probe.rss());
    const many = await openClients(server.origin, tokens.map((t) => `${cookieName}=${t}`), 100);
    try {
      if (many.ready.ready === 0) throw new LoadError(`no stream opened: ${many.ready.firstFailure}`);
      await pause(2_000); // settle: the opening's garbage collected or not, as it would be
      server.check();
      const rssOpen = mb(server.probe.rss());
      const cpu0 = server.probe.cpuMs();
      const rss = sampleRss(server.probe);
      // One event at a time: the next is written when every stream has received the last one (or after
      // FANOUT_WAIT_MS), so each event's fan-out is timed alone.
      const client0 = many.probe.cpuMs();
      const scope = systemScope(services);
      const committed = new Map<string, number>();
      const t0 = performance.now();
      for (let k = 0; k < fanOutEvents; k++) {
        const name = `fan-${k}`;
        await services.prisma.$transaction((tx) => record(tx, scope, { type: "role.created", tenantId: fanTenant.tenantId, payload: { roleId: name, name } }));
        committed.set(name, wallNow());
        const deadline = performance.now() + FANOUT_WAIT_MS;
        while ((await many.count(name)) < many.ready.ready && performance.now() < deadline) {
          server.check();
          await pause(20);
        }
      }
      const seconds = (performance.now() - t0) / 1000;
      server.check();
      const serverCpuMs = server.probe.cpuMs() - cpu0;
      const clientCpuMs = many.probe.cpuMs() - client0;
      const peak = rss.stop();
      const { arrivals, ended } = await many.report();
      const latencies: number[] = [];
      const untilAll: number[] = [];
      let missing = 0;
      let duplicates = 0;
      for (const [name, at] of committed) {
        const got = arrivals[name] ?? [];
        missing += Math.max(0, many.ready.ready - got.length);
        duplicates += Math.max(0, got.length - many.ready.ready);
        for (const t of got) latencies.push(t - at);
        if (got.length > 0) untilAll.push(Math.max(...got) - at);
      }
      const fan: FanOut = {
        sent: fanOutEvents,
        seconds,
        latencies,
        missing,
        duplicates,
        serverCpuMs,
        serverPeakRssMb: peak,
        connections: many.ready.ready,
        asked: connections,
        firstFailure: many.ready.firstFailure,
        openSeconds: many.ready.openSeconds,
        rssBeforeMb: rssBefore,
        rssOpenMb: rssOpen,
        untilAll,
        ended,
        serverAlone: server.alone,
        clientCpuMs: clientCpuMs / fanOutEvents,
      };
      return fan;
    } finally {
      many.kill();
    }
  } finally {
    await server.stop();
  }
}
