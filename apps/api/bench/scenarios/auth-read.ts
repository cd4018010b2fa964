// auth-read: an authenticated tRPC query over HTTP (session check + one tenant-scoped read, users.get) on
// the real createServer, beside two ceilings doing the same two reads on bare Fastify (Prisma; raw SQL).
// Setup goes through the product's HTTP API: a platform admin creates the tenant, its admin logs in,
// changes the first password, creates a role and 199 more users.
import { destination, pino } from "pino";
import { ensureFirstPlatformAdmin } from "../../src/bootstrap.js";
import { testEnv } from "../../src/env.js";
import { systemClock } from "../../src/lib/clock.js";
import { createEmailSender } from "../../src/lib/email.js";
import { createServer } from "../../src/server.js";
import { sessionCookieName } from "../../src/trpc/context.js";
import type { BenchDatabase } from "../lib/databases.js";
import { measure, type LoadMode, type Measurement } from "../lib/load.js";
import type { Row, Target } from "../lib/report.js";
import { pause, type Scenario, type Settings } from "../lib/scenario.js";
import { httpCaller, queryPath } from "../lib/trpc-http.js";
import { barePrismaApp, bareSqlApp, CEILING_PATH } from "./auth-read-ceilings.js";

const USERS = 200;
const OPS = { email: "bench-ops@example.com", password: "bench-platform-pass-1" };
/** Ratios and CPU per request carry from one machine of this kind to another; absolute req/s do not. */
const TARGETS = { minRatioToPrisma: 0.9, minRatioToSql: 0.5, maxCpuVsSql: 2.5, maxP95Ms: 20 };
/** The steady rate is this share of bare SQL's max throughput in the same run. */
const STEADY_SHARE_OF_SQL = 1 / 3;

const PRODUCT = "product (tRPC users.get)";
const PRISMA = "bare prisma";
const SQL = "bare sql";

export const authRead: Scenario = {
  name: "auth-read",
  summary: "authenticated tRPC query (session check + users.get) vs bare Fastify routes doing the same reads with Prisma and raw SQL",
  async run(database: BenchDatabase, settings: Settings) {
    const { prisma } = database.db;
    // Production settings (cookie name, error shapes); request logging at the default level, sent to
    // /dev/null with the redaction main.ts uses, so its cost is measured without a terminal's.
    const env = testEnv({ NODE_ENV: "production", PORT: "0", LOG_LEVEL: "info", PLATFORM_ADMIN_EMAIL: OPS.email, PLATFORM_ADMIN_PASSWORD: OPS.password });
    const log = pino({ level: env.LOG_LEVEL, redact: ["req.headers.cookie", "req.headers.authorization"] }, destination({ dest: "/dev/null", sync: true }));
    const cookieName = sessionCookieName(true);
    await ensureFirstPlatformAdmin({ prisma, query: database.db.query, clock: systemClock, email: createEmailSender("none", log), log, env });

    const product = await createServer({ env, db: database.db, log });
    const prismaApp = barePrismaApp(prisma, cookieName);
    const sqlApp = bareSqlApp(database.raw, cookieName);
    try {
      const productOrigin = await product.start();
      const { token, tenantId, userIds } = await seed(productOrigin, cookieName);
      const servers = [
        { name: PRODUCT, origin: productOrigin, paths: userIds.map((userId) => queryPath("users.get", { userId })) },
        { name: PRISMA, origin: await prismaApp.listen({ host: "127.0.0.1", port: 0 }), paths: userIds.map((id) => `${CEILING_PATH}?userId=${id}`) },
        { name: SQL, origin: await sqlApp.listen({ host: "127.0.0.1", port: 0 }), paths: userIds.map((id) => `${CEILING_PATH}?userId=${id}`) },
      ];
      const headers = { cookie: `${cookieName}=${token}` };
      await checkSameAnswer(servers, headers);

      // Max throughput, interleaved: product, bare prisma, bare sql, then again, so a noisy window hits one
      // round of each rather than one server's whole measurement.
      const rounds: Map<string, Measurement>[] = [];
      const max: LoadMode = { kind: "max", connections: settings.connections };
      for (let round = 1; round <= settings.rounds; round++) {
        const results = new Map<string, Measurement>();
        for (const server of servers) {
          process.stdout.write(`  round ${round}: ${server.name}, ${settings.connections} connections ... `);
          const m = await measure({ origin: server.origin, paths: server.paths, headers, mode: max, warmupS: settings.warmupS, durationS: settings.durationS });
          results.set(server.name, m);
          console.log(`${Math.round(m.rps)} req/s, ${m.cpuMsPerReq.toFixed(3)} CPU ms/req`);
          await pause(1000);
        }
        rounds.push(results);
      }
      // The steady rate follows from this run's own ceiling (unless given with --rate).
      const sqlMedian = median(rounds.map((r) => r.get(SQL)!.rps));
      const rate = settings.rate ?? Math.max(1, Math.floor(sqlMedian * STEADY_SHARE_OF_SQL));
      const steady = new Map<string, Measurement>();
      for (const server of servers) {
        process.stdout.write(`  ${server.name}, ${rate} req/s steady ... `);
        const mode: LoadMode = { kind: "rate", rate, maxSockets: settings.connections };
        const m = await measure({ origin: server.origin, paths: server.paths, headers, mode, warmupS: settings.warmupS, durationS: settings.durationS });
        steady.set(server.name, m);
        console.log(`${Math.round(m.rps)} req/s, p95 ${m.latencyMs.p95.toFixed(2)} ms`);
        await pause(1000);
      }
      const notes = [
        `tenant ${tenantId}: ${USERS} users; requests rotate over all of them`,
        `max throughput measured in ${settings.rounds} interleaved rounds; ratios are per round, summarised as median [min-max]`,
        `steady rate ${rate} req/s = ${settings.rate === undefined ? `1/3 of bare sql's median max throughput (${Math.round(sqlMedian)} req/s) in this run` : "given with --rate"}`,
        ...poolNote(database),
      ];
      const table = rows(rounds, steady);
      for (const target of table.flatMap((row) => row.targets)) notes.push(`${target.met ? "met" : "NOT met"}: ${target.name}: ${target.measured} (target ${target.goal})`);
      return { rows: table, notes };
    } finally {
      await Promise.allSettled([product.stop(), prismaApp.close(), sqlApp.close()]);
      await pause(500); // let handlers of requests the load generator gave up on finish before the DB goes away
    }
  },
};

/** Tenant, admin, a role and the other users, all through the API; returns the admin's session token. */
async function seed(origin: string, cookieName: string) {
  const ops = httpCaller(origin, cookieName);
  await ops.mutate("auth.login", OPS);
  const created = await ops.mutate<{ tenant: { id: string }; admin: { id: string } }>("platform.tenants.create", {
    name: "Bench Tenant",
    slug: "bench",
    contactEmail: "contact@bench.example.com",
    country: "FR",
    timeZone: "Europe/Paris",
    currency: "EUR",
    language: "fr",
    admin: { email: "admin@bench.example.com", name: "Bench Admin", password: "first-password-123" },
  });
  const admin = httpCaller(origin, cookieName);
  await admin.mutate("auth.login", { email: "admin@bench.example.com", password: "first-password-123", workspace: "bench" });
  await admin.mutate("auth.changePassword", { currentPassword: "first-password-123", newPassword: "bench admin password 2" });
  const role = await admin.mutate<{ id: string }>("roles.create", { name: "Member", permissions: ["users.read"] });
  const userIds = [created.admin.id];
  // A few at a time: each creation hashes a password (argon2, ~10 ms of a libuv thread).
  for (let i = 1; i < USERS; i += 4) {
    const batch = Array.from({ length: Math.min(4, USERS - i) }, (_, j) =>
      admin.mutate<{ user: { id: string } }>("users.create", {
        email: `user-${i + j}@bench.example.com`,
        name: `Bench User ${i + j}`,
        roleIds: [role.id],
        password: `bench user password ${i + j}`,
        ...((i + j) % 3 === 0 ? { language: "en" } : {}),
      }),
    );
    for (const { user } of await Promise.all(batch)) userIds.push(user.id);
  }
  if (!admin.cookie) throw new Error("the tenant admin got no session cookie");
  return { token: admin.cookie, tenantId: created.tenant.id, userIds };
}

/** Every server must answer 200 with the same user (same fields, same roles) before anything is measured. */
async function checkSameAnswer(servers: { name: string; origin: string; paths: string[] }[], headers: Record<string, string>) {
  const answers = [];
  for (const server of servers) {
    const res = await fetch(server.origin + server.paths[1], { headers });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${server.name} answered ${res.status}: ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as { result?: { data: { json: unknown } } };
    const user = (body.result ? body.result.data.json : body) as Record<string, unknown>;
    answers.push(JSON.stringify(["id", "email", "name", "status", "language", "roles"].map((k) => user[k])));
  }
  if (new Set(answers).size !== 1) throw new Error(`the servers disagree on the user they return:\n${answers.join("\n")}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median and spread of a per-round figure, e.g. "88.1% [85.0-90.2%]". */
function summary(values: number[], format: (n: number) => string) {
  return { median: median(values), text: `${format(median(values))} [${format(Math.min(...values))}-${format(Math.max(...values))}]` };
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const times = (n: number) => `${n.toFixed(2)}x`;

function rows(rounds: Map<string, Measurement>[], steady: Map<string, Measurement>): Row[] {
  const perRound = (f: (round: Map<string, Measurement>) => number) => rounds.map(f);
  const toPrisma = summary(perRound((r) => r.get(PRODUCT)!.rps / r.get(PRISMA)!.rps), pct);
  const toSql = summary(perRound((r) => r.get(PRODUCT)!.rps / r.get(SQL)!.rps), pct);
  const cpuVsSql = summary(perRound((r) => r.get(PRODUCT)!.cpuMsPerReq / r.get(SQL)!.cpuMsPerReq), times);
  const productSteady = steady.get(PRODUCT)!;
  const maxTargets: Target[] = [
    { name: "throughput vs bare prisma (median of rounds)", goal: `>= ${pct(TARGETS.minRatioToPrisma)} of ${PRISMA}`, measured: toPrisma.text, met: toPrisma.median >= TARGETS.minRatioToPrisma },
    { name: "throughput vs bare sql (median of rounds)", goal: `>= ${pct(TARGETS.minRatioToSql)} of ${SQL}`, measured: toSql.text, met: toSql.median >= TARGETS.minRatioToSql },
    { name: "CPU per request vs bare sql (median of rounds)", goal: `<= ${times(TARGETS.maxCpuVsSql)} ${SQL}'s CPU ms/req`, measured: cpuVsSql.text, met: cpuVsSql.median <= TARGETS.maxCpuVsSql },
  ];
  const steadyTargets: Target[] = [
    { name: "p95 at the steady rate", goal: `p95 <= ${TARGETS.maxP95Ms} ms`, measured: `${productSteady.latencyMs.p95.toFixed(2)} ms`, met: productSteady.latencyMs.p95 <= TARGETS.maxP95Ms },
  ];
  const result: Row[] = [];
  rounds.forEach((round, i) => {
    const last = i === rounds.length - 1;
    const ratios = (server: string, ceilings: string[]) => Object.fromEntries(ceilings.map((c) => [c, round.get(server)!.rps / round.get(c)!.rps]));
    result.push(
      { server: `${PRODUCT} r${i + 1}`, role: "product", measurement: round.get(PRODUCT)!, ratios: ratios(PRODUCT, [PRISMA, SQL]), targets: last ? maxTargets : [] },
      { server: `${PRISMA} r${i + 1}`, role: "ceiling", measurement: round.get(PRISMA)!, ratios: ratios(PRISMA, [SQL]), targets: [] },
      { server: `${SQL} r${i + 1}`, role: "ceiling", measurement: round.get(SQL)!, ratios: {}, targets: [] },
    );
  });
  result.push(
    { server: PRODUCT, role: "product", measurement: productSteady, ratios: {}, targets: steadyTargets },
    { server: PRISMA, role: "ceiling", measurement: steady.get(PRISMA)!, ratios: {}, targets: [] },
    { server: SQL, role: "ceiling", measurement: steady.get(SQL)!, ratios: {}, targets: [] },
  );
  return result;
}

function poolNote(database: BenchDatabase): string[] {
  return database.kind === "pglite"
    ? ["PGlite: one in-process connection shared by all three servers, which run in this process"]
    : [`PostgreSQL: Prisma and pg pools of ${database.poolSize} connections each, on the same machine as the servers`];
}
