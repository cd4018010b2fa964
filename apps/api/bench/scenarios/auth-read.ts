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
const TARGETS = { minRps: 2000, minRatioToPrisma: 0.85, maxP95Ms: 20 };

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

      const modes: LoadMode[] = [
        { kind: "max", connections: settings.connections },
        { kind: "rate", rate: settings.rate, maxSockets: settings.connections },
      ];
      const results = new Map<string, Measurement>();
      for (const mode of modes) {
        for (const server of servers) {
          const label = mode.kind === "max" ? `${mode.connections} connections` : `${mode.rate} req/s`;
          process.stdout.write(`  ${server.name}, ${label} ... `);
          const m = await measure({ origin: server.origin, paths: server.paths, headers, mode, warmupS: settings.warmupS, durationS: settings.durationS });
          results.set(`${server.name}/${mode.kind}`, m);
          console.log(`${Math.round(m.rps)} req/s, p95 ${m.latencyMs.p95.toFixed(2)} ms`);
          await pause(1000);
        }
      }
      return { rows: rows(results), notes: [`tenant ${tenantId}: ${USERS} users; requests rotate over all of them`, ...poolNote(database)] };
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

function rows(results: Map<string, Measurement>): Row[] {
  const get = (server: string, mode: "max" | "rate") => results.get(`${server}/${mode}`)!;
  const ratio = (server: string, ceiling: string) => get(server, "max").rps / get(ceiling, "max").rps;
  const productMax = get(PRODUCT, "max");
  const productRate = get(PRODUCT, "rate");
  const toPrisma = ratio(PRODUCT, PRISMA);
  const maxTargets: Target[] = [
    { name: "throughput", goal: `>= ${TARGETS.minRps.toLocaleString("en-US")} req/s`, measured: `${Math.round(productMax.rps)} req/s`, met: productMax.rps >= TARGETS.minRps },
    { name: "throughput vs bare prisma", goal: `>= ${TARGETS.minRatioToPrisma * 100}% of ${PRISMA}`, measured: `${(toPrisma * 100).toFixed(1)}%`, met: toPrisma >= TARGETS.minRatioToPrisma },
  ];
  const rateTargets: Target[] = [
    { name: "p95 at a steady rate", goal: `p95 <= ${TARGETS.maxP95Ms} ms`, measured: `${productRate.latencyMs.p95.toFixed(2)} ms`, met: productRate.latencyMs.p95 <= TARGETS.maxP95Ms },
  ];
  return [
    { server: PRODUCT, role: "product", measurement: productMax, ratios: { [PRISMA]: toPrisma, [SQL]: ratio(PRODUCT, SQL) }, targets: maxTargets },
    { server: PRISMA, role: "ceiling", measurement: get(PRISMA, "max"), ratios: { [SQL]: ratio(PRISMA, SQL) }, targets: [] },
    { server: SQL, role: "ceiling", measurement: get(SQL, "max"), ratios: {}, targets: [] },
    { server: PRODUCT, role: "product", measurement: productRate, ratios: {}, targets: rateTargets },
    { server: PRISMA, role: "ceiling", measurement: get(PRISMA, "rate"), ratios: {}, targets: [] },
    { server: SQL, role: "ceiling", measurement: get(SQL, "rate"), ratios: {}, targets: [] },
  ];
}

function poolNote(database: BenchDatabase): string[] {
  return database.kind === "pglite"
    ? ["PGlite: one in-process connection shared by all three servers, which run in this process"]
    : [`PostgreSQL: Prisma and pg pools of ${database.poolSize} connections each, on the same machine as the servers`];
}
