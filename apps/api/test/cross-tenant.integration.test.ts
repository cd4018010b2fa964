// Cross-tenant probe: every tenant procedure, found from the router itself, is called with tenant B's admin
// session and ids belonging to tenant A (plus random and malformed ones), >= 10,000 calls in all. Every call
// must succeed without any of A's secrets in its output, or fail with a client error: no leak, no 500, and
// A's rows unchanged. B's own ids are in the pools too, so B's mutations succeed and are checked as well.
// Then: a B user holding one permission gets FORBIDDEN from every procedure needing another; the same calls
// over HTTP are judged on the formatted error body; the CSV export route is probed with A's ids and hostile
// query strings. Platform procedures and the platform audit export refuse B; every non-public procedure
// refuses a caller without a session. B's live streams (events, inbox) carry nothing of A's, with the real dispatcher.
import { TRPCError } from "@trpc/server";
import { pino } from "pino";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { tenantModels } from "@tenancy/db";
import { reader } from "../src/domains/events/live-test-support.js";
import { dispatchBatch } from "../src/events/dispatcher.js";
import { eventConsumers } from "../src/events/consumers.js";
import { appRouter } from "../src/root.js";
import { createServer } from "../src/server.js";
import { sessionCookieName, type Context } from "../src/trpc/context.js";
import { createCallerFactory } from "../src/trpc/init.js";
import { makeModule } from "./catalog.js";
import { createHarness, STRONG_PASSWORD, type Harness } from "./harness.js";
import { FAR_DATES, HOSTILE_STRINGS } from "./hostile-inputs.js";
import { callPath, discoverProcedures, generateInput, Rng, type FuzzPools, type ProcedureInfo } from "./procedures.js";

const SEED = 20_260_310;
const TOTAL_CALLS = 10_000;
const FUZZ_RATES = [0.1, 0.25, 0.5];
/** Procedures that must be found as tenant procedures, so discovery cannot silently find nothing. */
const KNOWN_TENANT_PROCEDURES = ["users.list", "users.get", "audit.list", "audit.get", "tenant.dashboard"];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ISO_DATE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/;

type Tenant = Awaited<ReturnType<Harness["makeTenant"]>>;

const procedures = discoverProcedures();
const byAccess = (access: ProcedureInfo["access"]) => procedures.filter((p) => p.access === access);

let h: Harness;
let alpha: Tenant;
let bravo: Tenant;
/** A user of B's holding one permission only (users.read). */
let bravoReader: ReturnType<Harness["caller"]>;
const READER_PERMISSIONS = new Set(["users.read"]);
/** Strings of A's that must never reach B: ids, e-mails, slug, names. */
let secrets: string[];
/** A's real ids, the ones a cross-tenant attacker would try. */
let alphaIds: string[];
/** What the generator draws from: A's ids and secrets for queries; for mutations A's ids only (see beforeAll). */
let queryPools: FuzzPools;
let mutationPools: FuzzPools;
const poolsFor = (info: ProcedureInfo) => (info.type === "mutation" ? mutationPools : queryPools);

/** JSON that does not choke on bigint. */
const serialize = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? "undefined";

/** A short, readable rendering of an input for failure messages (10k-character strings are elided). */
const show = (value: unknown) =>
  serialize(value)
    .replace(/"([^"\\]|\\.){80,}"/g, (s) => `"<${s.length} chars>"`)
    .slice(0, 300);

async function settle(promise: Promise<unknown>): Promise<{ ok: true; output: unknown } | { ok: false; error: unknown }> {
  try {
    return { ok: true, output: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

interface Finding {
  path: string;
  input: unknown;
  detail: string;
}

interface Verdict {
  code: string;
  leak?: string;
  internal?: string;
  /** True when the call got past input validation (into the guard's or service's own checks). */
  reached: boolean;
}

/** The database's own words for a 500: the last line of Prisma's message and the driver's error code. */
function describeInternal(error: TRPCError): string {
  const cause = error.cause as (Error & { code?: unknown; cause?: { code?: unknown; originalCode?: unknown } }) | undefined;
  const lines = (cause?.message ?? error.message).trim().split("\n");
  const code = cause?.cause?.originalCode ?? cause?.cause?.code ?? cause?.code;
  return `${lines[lines.length - 1]!.trim()}${code ? ` [${String(code)}]` : ""}`;
}

/** Judges one call's outcome against A's secrets. Used by the probe and by the test that proves it can fail. */
function judge(info: ProcedureInfo, input: unknown, outcome: Awaited<ReturnType<typeof settle>>): Verdict {
  const inputText = serialize(input);
  if (outcome.ok) {
    const found = secrets.filter((secret) => serialize(outcome.output).includes(secret));
    if (found.length > 0) return { code: "OK", reached: true, leak: `output contains A's ${found.join(", ")}` };
    const usedAlphaId = info.type === "mutation" ? alphaIds.find((id) => inputText.includes(id)) : undefined;
    if (usedAlphaId) return { code: "OK", reached: true, leak: `mutation accepted A's id ${usedAlphaId}` };
    return { code: "OK", reached: true };
  }
  const { error } = outcome;
  if (!(error instanceof TRPCError)) return { code: "NON_TRPC", reached: true, internal: String(error) };
  const reached = !(error.code === "BAD_REQUEST" && error.cause instanceof ZodError);
  if (error.code === "INTERNAL_SERVER_ERROR") {
    return { code: error.code, reached, internal: describeInternal(error) };
  }
  // An error may echo what the caller sent, but never tell more about A.
  const told = secrets.filter((secret) => error.message.includes(secret) && !inputText.includes(secret));
  if (told.length > 0) return { code: error.code, reached, leak: `error message reveals A's ${told.join(", ")}: ${error.message}` };
  return { code: error.code, reached };
}

/**
 * Every row of A's, so the probe can prove B changed nothing of A's (nor wrote anything under A's id): A's
 * tenant row, its users' sessions, and every tenant-owned model as the schema defines them (a new one is
 * included without being listed here).
 */
async function alphaSnapshot(): Promise<string> {
  const p = h.db.prisma;
  const where = { tenantId: alpha.tenantId };
  const delegates = p as unknown as Record<string, { findMany(args: unknown): Promise<unknown[]> }>;
  const models = tenantModels(p);
  const rows = await Promise.all([
    p.tenant.findUnique({ where: { id: alpha.tenantId } }),
    p.session.findMany({ where }),
    ...models.map((model) => delegates[model[0]!.toLowerCase() + model.slice(1)]!.findMany({ where })),
  ]);
  // Sorted as text: not every model has an id to order by.
  return serialize(rows.map((list) => (Array.isArray(list) ? list.map(serialize).sort() : list)));
}

beforeAll(async () => {
  h = await createHarness();
  alpha = await h.makeTenant({ slug: "alpha-secret-works", name: "Alpha Secret Works" });
  const prisma = h.db.prisma;

  // More of A's data, through A's admin: a custom role, two users who log in, one failed login.
  const role = await alpha.admin.roles.create({ name: "Alpha Secret Auditors", permissions: ["audit.read", "users.read"] });
  for (const [email, name] of [["alice@alpha-secret.example", "Alice Alphasecret"], ["albert@alpha-secret.example", "Albert Alphasecret"]] as const) {
    await alpha.admin.users.create({ email, name, roleIds: [role.id], password: STRONG_PASSWORD });
    await h.caller().auth.login({ email, password: STRONG_PASSWORD, workspace: alpha.slug });
  }
  await settle(h.caller().auth.login({ email: "alice@alpha-secret.example", password: "not the password at all", workspace: alpha.slug }));
  // A subscribes to a module and trials another, with a plan change pending: rows B's calls must never touch.
  const modules = [await makeModule(h), await makeModule(h)];
  await alpha.admin.subscriptions.subscribe({ planId: modules[0]!.plans.pro });
  await alpha.admin.subscriptions.changePlan({ planId: modules[0]!.plans.basic });
  await alpha.admin.subscriptions.startTrial({ planId: modules[1]!.plans.basic });

  bravo = await h.makeTenant({ slug: "bravo-probe", name: "Bravo Probe" });
  // B's own rows for B's mutations to work on (never B's admin or reader, whose sessions the probe needs).
  const bravoRole = await bravo.admin.roles.create({ name: "Bravo Helpers", permissions: ["users.read", "tenant.read"] });
  const readerRole = await bravo.admin.roles.create({ name: "Bravo Readers", permissions: [...READER_PERMISSIONS] as never });
  const bravoUsers = [];
  for (const name of ["bob", "bea", "bill"]) {
    bravoUsers.push((await bravo.admin.users.create({ email: `${name}@bravo.example`, name, roleIds: [bravoRole.id] })).user.id);
  }
  await bravo.admin.users.create({ email: "reader@bravo.example", name: "Reader", roleIds: [readerRole.id], password: STRONG_PASSWORD });
  bravoReader = h.caller();
  await bravoReader.auth.login({ email: "reader@bravo.example", password: STRONG_PASSWORD, workspace: bravo.slug });
  await bravoReader.auth.changePassword({ currentPassword: STRONG_PASSWORD, newPassword: `${STRONG_PASSWORD} reader` });
  const bravoIds = [...bravoUsers, bravoRole.id, ...(await bravo.admin.roles.list()).items.filter((r) => r.builtIn).map((r) => r.id)];

  const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: alpha.tenantId } });
  const where = { tenantId: alpha.tenantId };
  const [users, roles, entries, events, sessions, subscriptions] = await Promise.all([
    prisma.user.findMany({ where }),
    prisma.role.findMany({ where }),
    prisma.auditEntry.findMany({ where }),
    prisma.event.findMany({ where }),
    prisma.session.findMany({ where }),
    prisma.subscription.findMany({ where }),
  ]);
  alphaIds = [
    tenant.id, ...users.map((u) => u.id), ...roles.map((r) => r.id), ...entries.map((e) => e.id), ...events.map((e) => e.id), ...sessions.map((s) => s.id),
    ...subscriptions.map((s) => s.id),
  ];
  secrets = [
    ...alphaIds,
    tenant.slug,
    tenant.name,
    tenant.contactEmail,
    ...users.map((u) => u.email),
    ...users.filter((u) => u.name.includes("Alphasecret")).map((u) => u.name),
    role.name,
  ];

  const rng = new Rng(SEED);
  const uuids = alphaIds.filter((id) => UUID.test(id));
  const sample = uuids[0]!;
  const junk = [
    "", " ", "null", "undefined", "' OR 1=1 --", "'; DROP TABLE users; --", "x".repeat(10_000), "ünïcødé 🚀 \u202e", "\u0000", "a\u0000b",
    "../../etc/passwd", "%", "_", "\\", "123", "-1", "1e308", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ...HOSTILE_STRINGS,
  ];
  // Malformed variants of A's real ids: must be refused, never normalised into a match.
  const mangled = [`${sample}x`, sample.toUpperCase(), sample.replaceAll("-", ""), `{${sample}}`, ` ${sample}`, `${sample}\n`];
  const randomIds = Array.from({ length: 40 }, (_, i) => rng.uuid(i % 2 === 0 ? 4 : 7, h.clock.now().getTime()));
  const nearMisses = uuids.slice(0, 10).map((id) => id.slice(0, -1) + (id.endsWith("0") ? "1" : "0"));
  const cursors = await alphaCursors();
  queryPools = {
    ids: [...alphaIds, ...alphaIds, ...randomIds, ...nearMisses, ...mangled, ...junk, 123, null],
    texts: [...secrets, ...secrets.map((s) => s.toUpperCase()), "alpha", "Alpha%", ...mangled, ...junk],
    cursors: [...cursors, ...cursors.flatMap((c) => tamperedCursors(c, rng)), ...junk],
    dates: [
      new Date(0), new Date("2026-03-01T00:00:00Z"), "2026-03-01", "2026-03-10T12:00:00Z", "not a date", "", "2026-13-45T99:00:00Z",
      8.64e15, -8.64e15, new Date(8.64e15), new Date(-8.64e15), new Date(Number.NaN), "9999-12-31T23:59:59Z", "0001-01-01", "-000001-01-01T00:00:00Z", 1e20, null, ...FAR_DATES,
    ],
  };
  // Free text a mutation stores in B's own rows comes back in later outputs; A's secrets there would be
  // B echoing itself, not a leak. Mutations get A's ids in id fields only.
  mutationPools = { ...queryPools, ids: [...queryPools.ids, ...bravoIds, ...bravoIds, ...bravoIds], texts: junk };
});

/** Real page cursors of A's, whatever each list's cursor format: the first page (limit 1) of every tenant query, as A. */
async function alphaCursors(): Promise<string[]> {
  const found: string[] = [];
  for (const info of byAccess("tenant").filter((p) => p.type === "query")) {
    const outcome = await settle(callPath(alpha.admin, info.path, { limit: 1 }));
    const text = outcome.ok ? serialize(outcome.output) : "";
    for (const match of text.matchAll(/"nextCursor":"([^"]+)"/g)) found.push(match[1]!);
  }
  expect(found.length, "no list handed out a cursor; the probe would not try forged ones").toBeGreaterThan(0);
  return found;
}

/** A real cursor with its date pushed out of the database's range, its id swapped, or SQL in it. */
function tamperedCursors(cursor: string, rng: Rng): string[] {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const variants = [
    text.replace(ISO_DATE, "-271821-04-20T00:00:00.000Z"),
    text.replace(ISO_DATE, "+275760-09-13T00:00:00.000Z"),
    text.replace(ISO_DATE, "0001-01-01T00:00:00.000Z"),
    text.replace(UUID, rng.uuid(7, h.clock.now().getTime())),
    text.replace(UUID, "' OR 1=1 --"),
    text.slice(0, -3),
  ];
  return variants.map((v) => Buffer.from(v).toString("base64url"));
}

afterAll(async () => h?.close());

describe("procedure discovery", () => {
  it("classifies every procedure by the guard in its middleware chain", () => {
    const tenantPaths = byAccess("tenant").map((p) => p.path);
    expect(tenantPaths).toEqual(expect.arrayContaining(KNOWN_TENANT_PROCEDURES));
    expect(byAccess("platform").map((p) => p.path)).toEqual(
      expect.arrayContaining(["platform.tenants.create", "platform.admins.list", "platform.admins.resetPassword", "platform.profile.update", "platform.audit.list"]),
    );
    expect(byAccess("authed").map((p) => p.path)).toEqual(expect.arrayContaining(["auth.logout", "auth.changePassword"]));
    expect(byAccess("public").map((p) => p.path)).toEqual(expect.arrayContaining(["auth.login", "auth.me"]));
    // A procedure under platform.* that is not a platform procedure would be a missing guard.
    for (const p of procedures) if (p.path.startsWith("platform.")) expect(p.access, p.path).toBe("platform");
    const counts = Object.fromEntries((["public", "authed", "platform", "tenant"] as const).map((a) => [a, byAccess(a).length]));
    console.info(`discovered ${procedures.length} procedures: ${serialize(counts)}`);
  });
});

describe("the probe can see a leak", () => {
  it("flags A's own data when A's session cookie is used, and that data is A's, not B's", async () => {
    const withAlphaCookie = h.caller();
    const token = alpha.admin.cookies.values[sessionCookieName(false)];
    expect(token).toBeDefined();
    withAlphaCookie.cookies.set(sessionCookieName(false), token!, new Date(h.clock.now().getTime() + 86_400_000));

    const dashboard = await withAlphaCookie.tenant.dashboard();
    expect(dashboard.tenant.id).toBe(alpha.tenantId);
    expect(serialize(dashboard)).not.toContain(bravo.tenantId);

    const usersList = procedures.find((p) => p.path === "users.list")!;
    const input = { limit: 100 };
    const verdict = judge(usersList, input, await settle(callPath(withAlphaCookie, "users.list", input)));
    expect(verdict.leak).toContain(alpha.adminEmail);
  });
});

describe("area guards", () => {
  it("refuses every platform procedure to B's tenant admin with FORBIDDEN", async () => {
    const rng = new Rng(SEED);
    for (const info of byAccess("platform")) {
      const input = generateInput(info, { rng, pools: queryPools, id: alpha.tenantId });
      const outcome = await settle(callPath(bravo.admin, info.path, input));
      expect(outcome.ok ? "OK" : (outcome.error as TRPCError).code, info.path).toBe("FORBIDDEN");
    }
  });

  it("refuses every non-public procedure to a caller without a session with UNAUTHORIZED", async () => {
    const rng = new Rng(SEED);
    const anonymous = h.caller();
    for (const info of procedures.filter((p) => p.access !== "public")) {
      const input = generateInput(info, { rng, pools: queryPools, id: alpha.tenantId });
      const outcome = await settle(callPath(anonymous, info.path, input));
      expect(outcome.ok ? "OK" : (outcome.error as TRPCError).code, info.path).toBe("UNAUTHORIZED");
    }
  });
});

describe("cross-tenant probe", () => {
  it(`calls every tenant procedure ${TOTAL_CALLS}+ times as B with A's, random and malformed ids: no leak, no 500`, { timeout: 300_000 }, async () => {
    const targets = byAccess("tenant");
    const perProcedure = Math.ceil(TOTAL_CALLS / targets.length);
    const rng = new Rng(SEED);
    const leaks: Finding[] = [];
    const internals: Finding[] = [];
    const stats = new Map<string, { calls: number; reached: number; ms: number; codes: Record<string, number> }>();
    const before = await alphaSnapshot();
    const started = performance.now();
    let calls = 0;

    for (const info of targets) {
      const stat = { calls: 0, reached: 0, ms: 0, codes: {} as Record<string, number> };
      const procedureStarted = performance.now();
      stats.set(info.path, stat);
      // First every real id of A's, in a plausible input; then fuzz.
      const pools = poolsFor(info);
      const takesIds = serialize(generateInput(info, { rng, pools, id: "<id>" })).includes("<id>");
      const targeted = takesIds ? alphaIds : [];
      for (let i = 0; i < perProcedure; i++) {
        const id = targeted[i];
        // Most calls fuzz a few fields and keep the rest plausible, so they get past validation into the service.
        const input = generateInput(info, id === undefined ? { rng, pools, fuzzRate: rng.pick(FUZZ_RATES) } : { rng, pools, id });
        const verdict = judge(info, input, await settle(callPath(bravo.admin, info.path, input)));
        calls++;
        stat.calls++;
        if (verdict.reached) stat.reached++;
        stat.codes[verdict.code] = (stat.codes[verdict.code] ?? 0) + 1;
        if (verdict.leak) leaks.push({ path: info.path, input, detail: verdict.leak });
        if (verdict.internal) internals.push({ path: info.path, input, detail: verdict.internal });
      }
      stat.ms = performance.now() - procedureStarted;
    }

    const seconds = (performance.now() - started) / 1000;
    console.info(`cross-tenant probe: ${calls} calls on ${targets.length} tenant procedures in ${seconds.toFixed(1)} s (${h.db.kind})`);
    for (const [path, stat] of stats) console.info(`  ${path}: ${stat.calls} calls (${(stat.ms / stat.calls).toFixed(1)} ms each), ${stat.reached} past validation, ${serialize(stat.codes)}`);
    // One example per distinct (procedure, first line of the problem), most frequent first.
    const list = (findings: Finding[]) => {
      const groups = new Map<string, { first: Finding; count: number }>();
      for (const f of findings) {
        const key = `${f.path} ${f.detail.trim().split("\n")[0]!.replace(UUID, "<uuid>").slice(0, 100)}`;
        const group = groups.get(key) ?? { first: f, count: 0 };
        group.count++;
        groups.set(key, group);
      }
      return [...groups.values()]
        .sort((a, b) => b.count - a.count)
        .map(({ first, count }) => `\n  ${count}x ${first.path} ${show(first.input)} -> ${first.detail.trim().slice(0, 300)}`)
        .join("");
    };

    // Soft: one run reports every kind of problem, not just the first.
    expect.soft(calls).toBeGreaterThanOrEqual(TOTAL_CALLS);
    expect.soft(leaks.length, `leaks:${list(leaks)}`).toBe(0);
    expect.soft(internals.length, `500s:${list(internals)}`).toBe(0);
    for (const [path, stat] of stats) {
      expect.soft(stat.reached, `${path}: no generated input ever passed validation; teach test/procedures.ts its fields`).toBeGreaterThan(0);
      expect.soft(stat.codes.UNAUTHORIZED ?? 0, `${path}: B's session ended during the probe, so later calls probed nothing`).toBe(0);
    }
    expect.soft(await alphaSnapshot(), "A's rows changed during B's probe").toBe(before);
    expect.soft(await bravo.admin.auth.me()).toMatchObject({ tenant: { id: bravo.tenantId } });
  });
});

describe("a user holding one permission", () => {
  it("is refused by every tenant procedure needing another permission, whatever the input, and sees no leak or 500 elsewhere", { timeout: 120_000 }, async () => {
    const rng = new Rng(SEED + 1);
    const problems: string[] = [];
    let allowedCalls = 0;
    for (const info of byAccess("tenant")) {
      const needs = info.meta?.permission;
      for (let i = 0; i < 40; i++) {
        const input = generateInput(info, { rng, pools: poolsFor(info), fuzzRate: rng.pick(FUZZ_RATES) });
        const verdict = judge(info, input, await settle(callPath(bravoReader, info.path, input)));
        if (needs && !READER_PERMISSIONS.has(needs)) {
          // Refused by the permission guard, or earlier by the input guard (NUL, lone surrogates): never run.
          if (verdict.code !== "FORBIDDEN" && verdict.code !== "BAD_REQUEST") problems.push(`${info.path} (needs ${needs}) answered ${verdict.code} to ${show(input)}`);
          continue;
        }
        allowedCalls++;
        if (verdict.leak || verdict.internal) problems.push(`${info.path}: ${verdict.leak ?? verdict.internal} for ${show(input)}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(allowedCalls).toBeGreaterThan(0);
    expect(await bravoReader.auth.me()).toMatchObject({ permissions: [...READER_PERMISSIONS] });
  });
});

describe("over HTTP", () => {
  let server: Awaited<ReturnType<typeof createServer>>;
  const origin = "http://app.test";
  beforeAll(async () => {
    server = await createServer({ env: h.env, db: h.db, clock: h.clock, log: pino({ level: "silent" }) });
  });
  afterAll(async () => server?.stop());

  const cookieOf = (caller: ReturnType<Harness["caller"]>) => `${sessionCookieName(false)}=${caller.cookies.values[sessionCookieName(false)]}`;

  /** One tRPC call as a browser would make it; returns the status and the raw body. */
  async function http(info: ProcedureInfo, input: unknown, cookie: string) {
    const encoded = input === undefined ? undefined : JSON.stringify(superjson.serialize(input));
    const response =
      info.type === "query"
        ? await server.app.inject({
            method: "GET",
            url: `/trpc/${info.path}${encoded === undefined ? "" : `?input=${encodeURIComponent(encoded)}`}`,
            headers: { host: "app.test", cookie },
          })
        : await server.app.inject({
            method: "POST",
            url: `/trpc/${info.path}`,
            headers: { host: "app.test", origin, cookie, "content-type": "application/json" },
            payload: encoded ?? "",
          });
    return { status: response.statusCode, body: response.body };
  }

  it("formatted error bodies reveal nothing of A's and no internals, for B's admin and B's reader", { timeout: 180_000 }, async () => {
    const rng = new Rng(SEED + 2);
    const problems: string[] = [];
    let errors = 0;
    for (const [who, caller] of [["admin", bravo.admin], ["reader", bravoReader]] as const) {
      const cookie = cookieOf(caller);
      for (const info of byAccess("tenant")) {
        for (let i = 0; i < 25; i++) {
          const input = generateInput(info, { rng, pools: poolsFor(info), fuzzRate: rng.pick(FUZZ_RATES) });
          const { status, body } = await http(info, input, cookie);
          const inputText = serialize(input);
          const told = secrets.filter((secret) => body.includes(secret) && !inputText.includes(secret));
          if (status >= 500) problems.push(`${who} ${info.path} -> ${status} ${body.slice(0, 200)} for ${show(input)}`);
          if (told.length > 0) problems.push(`${who} ${info.path} body reveals A's ${told.join(", ")}`);
          if (status >= 400) {
            errors++;
            type ErrorBody = { data?: { code?: string; requestId?: string; stack?: string } };
            const parsed = JSON.parse(body) as { error?: ErrorBody & { json?: ErrorBody } };
            const error = parsed.error?.json ?? parsed.error; // superjson wraps tRPC's error shape in `json`
            if (!error?.data?.code || !error.data.requestId || error.data.stack || /node_modules|\.[jt]s:\d+:\d+|\bat [\w$.<>]+ \(/.test(body)) {
              problems.push(`${who} ${info.path}: error body without code/request id or with internals: ${body.slice(0, 200)}`);
            }
          }
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(errors).toBeGreaterThan(0);
  });

  it("the CSV export gives B nothing of A's, refuses B's reader, and answers hostile queries with a 4xx before any byte", { timeout: 120_000 }, async () => {
    const rng = new Rng(SEED + 3);
    const adminCookie = cookieOf(bravo.admin);
    const fields = ["actorId", "targetId", "targetType", "action", "module", "from", "to"] as const;
    const values = [...alphaIds.slice(0, 10), ...HOSTILE_STRINGS, ...FAR_DATES, "2026-03-01", "user.created", "core", "user"];
    const problems: string[] = [];
    const statuses: Record<number, number> = {};
    for (let i = 0; i < 150; i++) {
      const query = new URLSearchParams();
      for (const field of fields) if (rng.chance(0.35)) query.set(field, String(rng.pick(values)));
      const response = await server.app.inject({ method: "GET", url: `/api/audit/export.csv?${query}`, headers: { host: "app.test", cookie: adminCookie } });
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      const queryText = query.toString();
      const told = secrets.filter((secret) => response.body.includes(secret) && !queryText.includes(encodeURIComponent(secret)) && !queryText.includes(secret));
      if (response.statusCode >= 500) problems.push(`${queryText} -> ${response.statusCode} ${response.body.slice(0, 200)}`);
      if (told.length > 0) problems.push(`${queryText} -> body reveals A's ${told.join(", ")}`);
      if (response.statusCode === 200 && !response.body.startsWith("\uFEFF")) problems.push(`${queryText} -> 200 without the CSV header`);
    }
    const reader = await server.app.inject({ method: "GET", url: "/api/audit/export.csv", headers: { host: "app.test", cookie: cookieOf(bravoReader) } });
    expect(reader.statusCode).toBe(403);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(statuses[200] ?? 0).toBeGreaterThan(0);
    expect(Object.keys(statuses).some((status) => Number(status) >= 400 && Number(status) < 500)).toBe(true);
  });

  it("the platform audit export refuses B's admin and reader (403) and a caller without a session (401), whatever the query", async () => {
    const rng = new Rng(SEED + 4);
    const fields = ["actorId", "targetId", "action", "from", "to", "timeZone"] as const;
    const values = [...alphaIds.slice(0, 5), ...HOSTILE_STRINGS.slice(0, 10), "2026-03-01", "tenant.created", "Europe/Paris"];
    const problems: string[] = [];
    for (let i = 0; i < 30; i++) {
      const query = new URLSearchParams();
      for (const field of fields) if (rng.chance(0.35)) query.set(field, String(rng.pick(values)));
      for (const [who, cookie, expected] of [["admin", cookieOf(bravo.admin), 403], ["reader", cookieOf(bravoReader), 403], ["nobody", "", 401]] as const) {
        const response = await server.app.inject({ method: "GET", url: `/api/platform/audit/export.csv?${query}`, headers: { host: "app.test", ...(cookie ? { cookie } : {}) } });
        // The session is checked before the filters: a 400 would tell a stranger the filters' rules only.
        if (response.statusCode !== expected) problems.push(`${who} ${query} -> ${response.statusCode} ${response.body.slice(0, 120)}`);
        const told = secrets.filter((secret) => response.body.includes(secret) && !query.toString().includes(encodeURIComponent(secret)) && !query.toString().includes(secret));
        if (told.length > 0) problems.push(`${who} ${query} -> body reveals A's ${told.join(", ")}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });
});

describe("streams", () => {
  /** Opens a subscription as `caller` (its cookie) through the real router, with a signal aborted at the end. */
  async function open(caller: ReturnType<Harness["caller"]>, path: "events.live" | "notifications.live", abort: AbortController) {
    const ctx: Context = { ...h.services, request: { ip: "203.0.113.9", userAgent: "vitest", requestId: `stream-${path}` }, cookies: caller.cookies, sessionCookieName: "session", hub: h.hub };
    const api = createCallerFactory(appRouter)(ctx, { signal: abort.signal });
    const iterable = (await (path === "events.live" ? api.events.live({}) : api.notifications.live({}))) as AsyncIterable<unknown>;
    return reader(iterable[Symbol.asyncIterator]());
  }
  /** Everything a stream sends within `ms` of quiet. */
  async function drain(read: ReturnType<typeof reader>, ms = 400) {
    const items: unknown[] = [];
    for (let item = await read(ms); item !== "timeout"; item = await read(ms)) items.push(item);
    return items;
  }

  it("B's live events and inbox streams never carry anything of A's, while A's own streams do (real dispatcher and consumers)", { timeout: 60_000 }, async () => {
    const abort = new AbortController();
    try {
      const dispatchAll = async () => {
        while ((await dispatchBatch(h.services, eventConsumers(h.services))).claimed > 0);
      };
      await dispatchAll();
      const streams = {
        bEvents: await open(bravo.admin, "events.live", abort),
        bInbox: await open(bravo.admin, "notifications.live", abort),
        aEvents: await open(alpha.admin, "events.live", abort),
        aInbox: await open(alpha.admin, "notifications.live", abort),
      };
      const before = { bInbox: await drain(streams.bInbox), aInbox: await drain(streams.aInbox) };
      // A acts: a user created then deactivated (a default rule tells A's Tenant Admins), a role created.
      const { user } = await alpha.admin.users.create({ email: `streamed-${Date.now()}@alpha.example`, name: "Streamed Person", roleIds: [(await alpha.admin.roles.list()).items.find((r) => r.builtIn)!.id] });
      await alpha.admin.users.deactivate({ userId: user.id });
      await alpha.admin.roles.create({ name: "Alpha streamed role", permissions: [] });
      await dispatchAll();
      h.hub.deliver([{ resync: true }]);

      const seen = { aEvents: await drain(streams.aEvents), aInbox: await drain(streams.aInbox), bEvents: await drain(streams.bEvents), bInbox: await drain(streams.bInbox) };
      // The probe can see: A's streams carry A's events and A's new notification.
      expect(serialize(seen.aEvents)).toContain(user.id);
      expect(serialize(seen.aEvents)).toContain("Alpha streamed role");
      expect(serialize(seen.aInbox)).toContain("user.deactivated");
      expect(before.aInbox.length).toBeGreaterThan(0);
      // B's: no event at all, and whatever inbox snapshot a resync sends holds nothing of A's.
      expect(seen.bEvents).toEqual([]);
      const bText = serialize([...before.bInbox, ...seen.bInbox]);
      for (const secret of [...secrets, user.id, "Streamed Person", "Alpha streamed role"]) expect(bText).not.toContain(secret);
    } finally {
      abort.abort();
    }
  });
});
