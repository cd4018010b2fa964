// audit-log: the tenant audit log at scale. 10 tenants created through the API, then synthetic history
// seeded in SQL (audit-log-seed.ts) to 100,000 rows and grown to 1,000,000; at each size every combination
// of the UI's filters {date range, action, module, actor, target} (32 with none) is requested over HTTP
// through tRPC with the tenant admin's session (GET /trpc/audit.list), first page and the page 10,000
// entries deep, sequentially; beside each, its ceiling: the same keyset query as bare SQL in this process.
// Each query's plan is checked (EXPLAIN ANALYZE of the SQL Prisma really sends); pages that read many rows
// are tried again with proposed indexes (in the throwaway database only). Last, the CSV export
// (GET /api/audit/export.csv) of a separate tenant holding 100,000 then 1,000,000 entries is streamed to a
// second process, which counts rows and bytes while the server process's RSS is sampled (on PostgreSQL a
// fresh server process per size, audit-log-export-server.ts), beside a bare-stream ceiling.
import { createHash } from "node:crypto";
import { PERMISSION_NAMES } from "@tenancy/contracts";
import * as audit from "../../src/domains/audit/service.js";
import { encodeCursor } from "../../src/lib/cursor.js";
import { tenantScope, type Services, type TenantScope } from "../../src/lib/scope.js";
import { zonedDayStart } from "../../src/lib/time.js";
import type { BenchDatabase, DbKind } from "../lib/databases.js";
import type { Measurement } from "../lib/load.js";
import type { Row, Target } from "../lib/report.js";
import type { Scenario, ScenarioResult } from "../lib/scenario.js";
import { queryPath } from "../lib/trpc-http.js";
import { EXPORT_CEILING_PATH, exportCeilingApp } from "./audit-log-export-ceiling.js";
import { downloadOnce, getText, measureSequential, startServerProcess, thisProcess, timeInProcess, type Download } from "./audit-log-load.js";
import { benchDatabaseUrl, checkPlan, openSqlCapture, statementOn, type PlanCheck } from "./audit-log-plans.js";
import { seedAudit, TARGET_USERS, type SeedTenant } from "./audit-log-seed.js";
import { startProduct, type BenchTenant } from "./audit-log-setup.js";

const LIMIT = 25;
const DEPTH = 10_000;
/** Requests per query: PGlite answers ~10x slower here, so it gets half the count to stay near 10 minutes. */
const RUNS: Record<DbKind, { warmup: number; count: number; maxSeconds: number; serviceCount: number }> = {
  postgres: { warmup: 10, count: 200, maxSeconds: 10, serviceCount: 50 },
  pglite: { warmup: 5, count: 100, maxSeconds: 10, serviceCount: 30 },
};
const TARGET_P95_MS = 10;
/** A plan's rows read at the largest size may be at most this many times those at the smallest. */
const GROWTH_FACTOR = 2;
/** Flat memory: the server's RSS may grow by at most this much during an export of any size. */
const EXPORT_RSS_GROWTH_MB = 128;
const TIME_ZONE = "Europe/Paris";
/** A page that reads more rows than this (10 pages' worth) gets the proposed index tried on it. */
const HEAVY_ROWS = 10 * (LIMIT + 1);
/** Indexes proposed for the pages that read many rows, with their Prisma line for schema.prisma's AuditEntry. */
const PROPOSED_INDEXES = [
  {
    name: "audit_entries_tenantId_actorId_action_createdAt_id_idx",
    prisma: "@@index([tenantId, actorId, action, createdAt(sort: Desc), id(sort: Desc)])",
    columns: `"tenantId", "actorId", action, "createdAt" DESC, id DESC`,
  },
  {
    name: "audit_entries_tenantId_targetType_createdAt_id_idx",
    prisma: "@@index([tenantId, targetType, createdAt(sort: Desc), id(sort: Desc)])",
    columns: `"tenantId", "targetType", "createdAt" DESC, id DESC`,
  },
];

// Sizes: PGlite keeps its data files in this process's memory (1,000,000 rows: ~1.2 GB of table and
// indexes, ~3.3 GB RSS, ~2 min to seed), so its export tenant stops at 300,000 rows.
const SIZES: Record<DbKind, { grid: number[]; exportRows: number[] }> = {
  postgres: { grid: [100_000, 1_000_000], exportRows: [100_000, 1_000_000] },
  pglite: { grid: [100_000, 1_000_000], exportRows: [100_000, 300_000] },
};
/** Share of the rows per tenant: one big customer (the one measured) and a long tail. */
const TENANT_WEIGHTS = [40, 16, 12, 9, 7, 5, 4, 3, 2, 2];
/** Export-tenant rows are numbered from here, so they never collide with the grid's. */
const EXPORT_FIRST_ROW = 10_000_000;

interface Filters {
  from?: string;
  to?: string;
  action?: string;
  module?: string;
  actorId?: string;
  targetId?: string;
  targetType?: string;
}

interface QueryDef {
  /** "hot" and "selective" value sets over all 32 combinations; "probe" for single cases. */
  set: "hot" | "selective" | "probe";
  label: string;
  filters: Filters;
  deep: boolean;
  /** Only its plan is checked (its latency would take minutes to measure). */
  planOnly?: boolean;
}

interface Prepared {
  def: QueryDef;
  matches: number;
  /** Entries before the requested page: 0, DEPTH, or the last full page when fewer match. */
  depth: number;
  cursor?: { createdAt: Date; id: string };
  input: Filters & { limit: number; cursor?: string };
  path: string;
  sql: { text: string; params: unknown[] };
  plan: PlanCheck;
  /** The statement Prisma sent for this page (what the plan is of). */
  prismaSql: string;
}

const DIMS = ["date", "action", "module", "actor", "target"] as const;

/** The id the seed gives the synthetic user of this rank in a tenant (md5 of a label, as a UUID). */
function userId(tenantId: string, rank: number): string {
  const hex = createHash("md5").update(`${tenantId}:user:${rank}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 24 * 3600 * 1000;

function queries(tenantId: string, endMs: number): QueryDef[] {
  // Hot: values a reviewer uses, correlated the way real logs are (the most active user's own logins over
  // the last half year), so most combinations have 10,000+ matches at 1,000,000 rows and a deep page exists.
  const hot = { from: isoDay(endMs - 190 * DAY), to: isoDay(endMs - 10 * DAY), action: "session.created", module: "core", actorId: userId(tenantId, 0), targetId: userId(tenantId, 0) };
  // Selective: one week, a rare action, an occasional actor, a user who is only ever a target.
  const rare = { from: isoDay(endMs - 40 * DAY), to: isoDay(endMs - 34 * DAY), action: "user.deactivated", module: "core", actorId: userId(tenantId, 7), targetId: userId(tenantId, TARGET_USERS - 7) };
  const defs: QueryDef[] = [];
  for (const [set, values, deepToo] of [["hot", hot, true], ["selective", rare, false]] as const) {
    for (let mask = 0; mask < 2 ** DIMS.length; mask++) {
      const on = DIMS.filter((_, k) => mask & (1 << k));
      const filters: Filters = {};
      if (on.includes("date")) Object.assign(filters, { from: values.from, to: values.to });
      if (on.includes("action")) filters.action = values.action;
      if (on.includes("module")) filters.module = values.module;
      if (on.includes("actor")) filters.actorId = values.actorId;
      if (on.includes("target")) filters.targetId = values.targetId;
      const label = `${set === "hot" ? "" : "sel "}${on.length ? on.join("+") : "none"}`;
      defs.push({ set, label, filters, deep: false });
      if (deepToo) defs.push({ set, label, filters, deep: true });
    }
  }
  // Probes: an actor with an action they never do (nothing matches; every candidate is read), filters
  // without an index of their own (targetType, an API-only filter; one that matches nothing, plan only),
  // and the API's target form (type and id).
  defs.push(
    { set: "probe", label: "probe actor+action, no match", filters: { actorId: hot.actorId, action: "auth.login_failed" }, deep: false },
    { set: "probe", label: "probe targetType=role", filters: { targetType: "role" }, deep: false },
    { set: "probe", label: "probe targetType+targetId", filters: { targetType: "user", targetId: hot.targetId }, deep: false },
    { set: "probe", label: "probe module=platform (none)", filters: { module: "platform" }, deep: false },
    { set: "probe", label: "probe targetType=platform_admin (none)", filters: { targetType: "platform_admin" }, deep: false, planOnly: true },
  );
  return defs;
}

/** The keyset query of audit.list as hand-written SQL: the ceiling, and the source of counts and cursors. */
function whereSql(tenantId: string, f: Filters): { clause: string; params: unknown[] } {
  const params: unknown[] = [tenantId];
  const parts = [`"tenantId" = $1`];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    parts.push(sql.replace("?", `$${params.length}`));
  };
  if (f.action) add(`action = ?`, f.action);
  if (f.module) add(`module = ?`, f.module);
  if (f.actorId) add(`"actorId" = ?`, f.actorId);
  if (f.targetId) add(`"targetId" = ?`, f.targetId);
  if (f.targetType) add(`"targetType" = ?`, f.targetType);
  if (f.from) add(`"createdAt" >= ?`, zonedDayStart(f.from, TIME_ZONE, 0));
  if (f.to) add(`"createdAt" < ?`, zonedDayStart(f.to, TIME_ZONE, 1));
  return { clause: parts.join(" AND "), params };
}

const COLUMNS = `id, "tenantId", action, crud, module, "actorType", "actorId", "actorName", "targetType", "targetId", "targetName", changes, ip,
  "userAgent", success, "eventVersion", "requestId", "createdAt", seq, "prevHash", hash, "sealedAt"`;

function pageSql(tenantId: string, f: Filters, cursor: Prepared["cursor"]): { text: string; params: unknown[] } {
  const { clause, params } = whereSql(tenantId, f);
  let keyset = "";
  if (cursor) {
    params.push(cursor.createdAt, cursor.id);
    const c = params.length - 1;
    keyset = ` AND "createdAt" <= $${c} AND ("createdAt" < $${c} OR id < $${c + 1})`;
  }
  return { text: `SELECT ${COLUMNS} FROM audit_entries WHERE ${clause}${keyset} ORDER BY "createdAt" DESC, id DESC LIMIT ${LIMIT + 1}`, params };
}

/** What the tRPC middleware would give audit.list, on the given client. */
function benchScope(prisma: Services["prisma"], services: Services, tenant: BenchTenant): TenantScope {
  const principal = { tenantId: tenant.id, timeZone: TIME_ZONE, actor: { type: "user" as const, id: tenant.adminId, name: `Admin ${tenant.slug}` }, permissions: PERMISSION_NAMES };
  return tenantScope({ ...services, prisma }, principal, { ip: null, userAgent: null, requestId: null });
}

const keyOf = (p: Prepared) => `${p.def.label}/${p.def.deep ? "deep" : "first"}`;
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "-");
const sizeLabel = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

function printPlans(title: string, prepared: Prepared[]) {
  const header = ["query", "page", "matches", "plan (audit_entries)", "index", "no seq", "bounded", "sort", "rows read", "buffers", "exec ms"];
  const lines = prepared.map((p) => [
    p.def.label,
    p.depth === 0 ? "first" : `@${fmt(p.depth)}`,
    fmt(p.matches),
    p.plan.access.replace(/audit_entries_/g, "").replace(/_idx/g, ""),
    p.plan.indexUsed ? "yes" : "NO",
    p.plan.seqScan ? "NO" : "yes",
    p.plan.bounded ? "yes" : "NO",
    p.plan.sorted ? "SORT" : "-",
    fmt(p.plan.rowsRead),
    fmt(p.plan.buffers),
    fmt(p.plan.executionMs, 2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => cells.map((c, i) => (i >= 2 && i !== 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  console.log(`\n  ${title}:`);
  console.log("  " + row(header));
  for (const l of lines) console.log("  " + row(l));
}

/** The scenario with other sizes (smaller ones for trying changes out quickly). */
export const makeAuditLog = (sizesOf: typeof SIZES): Scenario => ({
  name: "audit-log",
  summary: "audit.list over HTTP, every filter combination, first page and 10,000 deep, at 100k and 1M rows, vs bare SQL; plan checks; CSV export of 1M rows",
  async run(database: BenchDatabase): Promise<ScenarioResult> {
    const sizes = sizesOf[database.kind];
    const RUN = RUNS[database.kind];
    const product = await startProduct(database);
    const capture = await openSqlCapture(database);
    const notes: string[] = [];
    const rows: Row[] = [];
    const plans: Record<string, unknown>[] = [];
    const breakdown: { size: number; variant: string; query: string; depth: number; httpP50: number; serviceP50: number; sqlP50: number; httpCpuMs: number; serviceCpuMs: number }[] = [];
    const exports: Record<string, unknown>[] = [];
    try {
      console.log("  creating 11 tenants through the API ...");
      const tenants: BenchTenant[] = [];
      for (let k = 0; k < TENANT_WEIGHTS.length; k++) tenants.push(await product.createTenant(`bench-${k}`, { login: k === 0 }));
      const exportTenant = await product.createTenant("bench-export", { login: true });
      const measured = tenants[0]!;
      const seedTenants: SeedTenant[] = tenants.map((t, k) => ({ id: t.id, slug: t.slug, weight: TENANT_WEIGHTS[k]! }));
      // History ends a minute before now, so the entries the API just wrote stay the newest.
      const endMs = Date.now() - 60_000;
      const defs = queries(measured.id, endMs);
      const scope = benchScope(capture.prisma, product.services, measured);
      const productScope = benchScope(database.db.prisma, product.services, measured);
      const headers = product.headersOf(measured);

      /** Counts, the deep cursor (computed in SQL, encoded by the product's own encodeCursor) and the plan of each query. */
      async function prepare(list: QueryDef[]): Promise<Prepared[]> {
        const prepared: Prepared[] = [];
        const [{ t }] = (await database.raw.query<{ t: string }>(`SELECT count(*)::text AS t FROM audit_entries WHERE "tenantId" = $1`, [measured.id])) as [{ t: string }];
        const tenantRows = Number(t);
        for (const def of list) {
          const { clause, params } = whereSql(measured.id, def.filters);
          const [{ c }] = (await database.raw.query<{ c: string }>(`SELECT count(*)::text AS c FROM audit_entries WHERE ${clause}`, params)) as [{ c: string }];
          const matches = Number(c);
          let depth = 0;
          let cursor: Prepared["cursor"];
          if (def.deep) {
            if (matches <= LIMIT) continue;
            depth = Math.min(DEPTH, matches - LIMIT);
            const [last] = await database.raw.query<{ createdAt: Date; id: string }>(
              `SELECT "createdAt", id FROM audit_entries WHERE ${clause} ORDER BY "createdAt" DESC, id DESC OFFSET ${depth - 1} LIMIT 1`,
              params,
            );
            cursor = { createdAt: last!.createdAt, id: last!.id };
          }
          const input = { ...def.filters, limit: LIMIT, ...(cursor ? { cursor: encodeCursor(cursor) } : {}) };
          const statement = statementOn(await capture.capture(() => audit.list(scope, input)), "audit_entries");
          const plan = await checkPlan(database, statement, "audit_entries", tenantRows);
          prepared.push({ def, matches, depth, cursor, input, path: queryPath("audit.list", input), sql: pageSql(measured.id, def.filters, cursor), plan, prismaSql: statement.sql });
        }
        return prepared;
      }

      /** Over HTTP, then the bare SQL and the service alone for each; one table row per query and ceiling. */
      async function measureAll(size: number, prepared: Prepared[], prefix: string, smaller?: Map<string, PlanCheck>): Promise<Measurement[]> {
        console.log(`  measuring ${prepared.length} queries over HTTP, ${RUN.count} sequential requests each ...`);
        const measurements = await measureSequential(
          product.origin,
          headers,
          prepared.map((p) => ({ paths: [p.path], warmup: RUN.warmup, count: RUN.count, maxSeconds: RUN.maxSeconds })),
        );
        console.log(`  measuring their bare SQL ceilings, and the service alone (Prisma), in this process ...`);
        for (const [k, p] of prepared.entries()) {
          const m = measurements[k]!;
          const sql = await timeInProcess(() => database.raw.query(p.sql.text, p.sql.params), { warmup: RUN.warmup, count: RUN.count, maxSeconds: 5 });
          // Where the time goes: audit.list called directly on the product's PrismaClient (no HTTP, tRPC, session).
          const service = await timeInProcess(() => audit.list(productScope, p.input), { warmup: RUN.warmup, count: RUN.serviceCount, maxSeconds: 5 });
          breakdown.push({ size, variant: prefix || "schema as is", query: p.def.label, depth: p.depth, httpP50: m.latencyMs.p50, serviceP50: service.latencyMs.p50, sqlP50: sql.latencyMs.p50, httpCpuMs: m.cpuMsPerReq, serviceCpuMs: service.cpuMsPerReq });
          const targets: Target[] = [
            { name: "p95", goal: `p95 <= ${TARGET_P95_MS} ms`, measured: `${m.latencyMs.p95.toFixed(2)} ms`, met: m.latencyMs.p95 <= TARGET_P95_MS },
            { name: "plan", goal: "index, no seq/whole-tenant scan", measured: p.plan.access, met: p.plan.ok },
          ];
          const before = smaller?.get(keyOf(p));
          if (before) {
            const limit = Math.max(GROWTH_FACTOR * before.rowsRead, LIMIT + 1);
            targets.push({ name: "cost vs smallest size", goal: `rows read <= ${GROWTH_FACTOR}x ${sizeLabel(sizes.grid[0]!)}'s`, measured: `${p.plan.rowsRead} vs ${before.rowsRead}`, met: p.plan.rowsRead <= limit });
          }
          rows.push(
            { server: `${prefix}${sizeLabel(size)} ${p.def.label} ${p.depth === 0 ? "first" : `@${fmt(p.depth)}`}`, role: "product", measurement: m, ratios: { "bare sql": m.rps / sql.rps }, targets },
            { server: `  bare sql`, role: "ceiling", measurement: sql, ratios: {}, targets: [] },
          );
        }
        return measurements;
      }

      const plansAt = new Map<number, Map<string, PlanCheck>>();
      let seeded = 0;
      let largest: { size: number; prepared: Prepared[] } | undefined;
      for (const size of sizes.grid) {
        await seedAudit(database.raw, { from: seeded, to: size, tenants: seedTenants, endMs, label: `${fmt(size)} rows over 10 tenants` });
        seeded = size;
        const [{ n }] = (await database.raw.query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_entries WHERE "tenantId" = $1`, [measured.id])) as [{ n: string }];
        console.log(`  measured tenant ${measured.slug}: ${fmt(Number(n))} entries; preparing ${defs.length} queries (counts, deep cursors, plans) ...`);
        const all = await prepare(defs);
        printPlans(`plan check at ${fmt(size)} rows (EXPLAIN ANALYZE of the SQL Prisma sends)`, all);
        plans.push(...all.map((p) => ({ size, variant: "schema as is", query: p.def.label, set: p.def.set, depth: p.depth, matches: p.matches, ...p.plan, prismaSql: p.prismaSql })));
        plansAt.set(size, new Map(all.map((p) => [keyOf(p), p.plan])));
        const prepared = all.filter((p) => !p.def.planOnly);
        await sameAnswers(product.origin, headers, prepared, database);

        if (size === sizes.grid[0]) {
          // The first measurements of a fresh process run on cold JIT and pools: warm the whole path first.
          console.log(`  warming up: ${prepared.length * 3} requests over all queries, discarded ...`);
          await measureSequential(product.origin, headers, [{ paths: prepared.map((p) => p.path), warmup: 0, count: prepared.length * 3, maxSeconds: 60 }]);
        }
        const measurements = await measureAll(size, prepared, "", size === sizes.grid[0] ? undefined : plansAt.get(sizes.grid[0]!));
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
        const sized = breakdown.filter((b) => b.size === size);
        const missed = prepared.filter((_, k) => measurements[k]!.latencyMs.p95 > TARGET_P95_MS).map((p) => `${p.def.label} ${p.depth ? "@" + p.depth : "first"}`);
        const badPlans = all.filter((p) => !p.plan.ok).map((p) => p.def.label);
        notes.push(
          `${fmt(size)} rows, where the time goes (median over the ${sized.length} queries of each p50): over HTTP ${fmt(median(sized.map((b) => b.httpP50)), 2)} ms ` +
            `(server CPU ${fmt(median(sized.map((b) => b.httpCpuMs)), 2)} ms/req); audit.list called in process on the product's PrismaClient ${fmt(median(sized.map((b) => b.serviceP50)), 2)} ms ` +
            `(CPU ${fmt(median(sized.map((b) => b.serviceCpuMs)), 2)} ms); bare SQL ${fmt(median(sized.map((b) => b.sqlP50)), 2)} ms`,
          `${fmt(size)} rows: ${prepared.length - missed.length}/${prepared.length} queries met p95 <= ${TARGET_P95_MS} ms` + (missed.length ? ` (missed: ${missed.join(", ")})` : ""),
          `${fmt(size)} rows: plan check ${all.length - badPlans.length}/${all.length} use an index, no Seq Scan and no whole-tenant read on audit_entries` + (badPlans.length ? ` (failed: ${badPlans.join(", ")})` : ""),
        );
        largest = { size, prepared: all };
      }

      // The proposed indexes, tried in this throwaway database only (the product's schema is left alone) on
      // the queries that read many rows for one page at the largest size; dropped again before the export.
      const heavy = largest!.prepared.filter((p) => p.plan.rowsRead > HEAVY_ROWS);
      if (heavy.length > 0) {
        console.log(`\n  ${heavy.length} queries read more than ${HEAVY_ROWS} rows for a page; trying: ${PROPOSED_INDEXES.map((i) => i.prisma).join(", ")}`);
        for (const index of PROPOSED_INDEXES) await database.raw.query(`CREATE INDEX "${index.name}" ON audit_entries (${index.columns})`, []);
        await database.raw.query(`ANALYZE audit_entries`, []);
        const again = await prepare(heavy.map((p) => p.def));
        printPlans(`plan check with the proposed indexes at ${fmt(largest!.size)} rows`, again);
        plans.push(...again.map((p) => ({ size: largest!.size, variant: "with proposed indexes", query: p.def.label, set: p.def.set, depth: p.depth, matches: p.matches, ...p.plan, prismaSql: p.prismaSql })));
        const measurable = again.filter((p) => !p.def.planOnly);
        await sameAnswers(product.origin, headers, measurable, database);
        const after = await measureAll(largest!.size, measurable, "index+: ");
        const beforeP95 = (p: Prepared) => rows.find((r) => r.server === `${sizeLabel(largest!.size)} ${p.def.label} ${p.depth === 0 ? "first" : `@${fmt(p.depth)}`}`)?.measurement.latencyMs.p95;
        notes.push(
          `proposed indexes (${PROPOSED_INDEXES.map((i) => i.prisma).join(", ")}), at ${fmt(largest!.size)} rows, before -> after: ` +
            again
              .map((p) => {
                const before = heavy.find((h) => keyOf(h) === keyOf(p))!;
                const k = measurable.indexOf(p);
                const p95 = k >= 0 ? `, p95 ${fmt(beforeP95(p) ?? Number.NaN, 1)} -> ${fmt(after[k]!.latencyMs.p95, 1)} ms` : " (plan only)";
                return `${p.def.label}: rows read ${fmt(before.plan.rowsRead)} -> ${fmt(p.plan.rowsRead)}${p95}, ${before.plan.access.replace(/audit_entries_/g, "")} -> ${p.plan.access.replace(/audit_entries_/g, "")}`;
              })
              .join("; "),
        );
        for (const index of PROPOSED_INDEXES) await database.raw.query(`DROP INDEX "${index.name}"`, []);
      }

      // The export: one tenant holding all of its rows, grown like the grid. On PostgreSQL each size is
      // served by a fresh server process (product and bare stream), so its RSS is that of a server that has
      // done nothing else; on PGlite the servers are the ones in this process (the data lives here). The
      // ceiling streams first, so the product's baseline includes whatever the ceiling left behind.
      const exportHeaders = product.headersOf(exportTenant);
      const url = database.kind === "postgres" ? await benchDatabaseUrl(database) : undefined;
      let exportSeeded = 0;
      for (const size of sizes.exportRows) {
        await seedAudit(database.raw, {
          from: EXPORT_FIRST_ROW + exportSeeded,
          to: EXPORT_FIRST_ROW + size,
          tenants: [{ id: exportTenant.id, slug: exportTenant.slug, weight: 1 }],
          endMs,
          label: `export tenant to ${fmt(size)} rows`,
        });
        exportSeeded = size;
        const [{ n }] = (await database.raw.query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_entries WHERE "tenantId" = $1`, [exportTenant.id])) as [{ n: string }];
        const expected = Number(n);
        // The export is in the tenant's language (its words and list separator): the ceiling writes the same.
        const [{ language }] = (await database.raw.query<{ language: string }>(`SELECT language FROM tenants WHERE id = $1`, [exportTenant.id])) as [{ language: string }];
        const inProcess = exportCeilingApp(database.raw);
        const servers = url
          ? await startServerProcess(url)
          : { origin: product.origin, ceilingOrigin: await inProcess.listen({ host: "127.0.0.1", port: 0 }), probe: thisProcess, stop: async () => {} };
        try {
          const runs: [string, string, string, Record<string, string>][] = [
            ["bare stream", servers.ceilingOrigin, `${EXPORT_CEILING_PATH}?tenantId=${exportTenant.id}&timeZone=${encodeURIComponent(TIME_ZONE)}&language=${language}`, {}],
            ["product", servers.origin, "/api/audit/export.csv", exportHeaders],
          ];
          const results: Download[] = [];
          for (const [who, origin, path, hdrs] of runs) {
            process.stdout.write(`  ${who}: CSV of ${fmt(expected)} entries ... `);
            const d = await downloadOnce(origin, path, hdrs, 900, servers.probe);
            const dataRows = d.lines - 1;
            if (dataRows !== expected) throw new Error(`${who}: the export had ${dataRows} rows; the tenant has ${expected} entries`);
            const rowsPerS = dataRows / (d.totalMs / 1000);
            const growth = d.peakRssMb - d.rssBeforeMb;
            console.log(`${fmt(rowsPerS)} rows/s, ${fmt(d.bytes / 2 ** 20)} MB, RSS ${fmt(d.rssBeforeMb)} -> peak ${fmt(d.peakRssMb)} MB`);
            results.push(d);
            exports.push({ server: who, rows: dataRows, serverProcess: url ? "own" : "bench", ...d, rowsPerS });
            rows.push(exportRow(who, size, d, dataRows, rowsPerS, growth));
            notes.push(
              `${who === "product" ? "export.csv" : "bare stream"} of ${fmt(dataRows)} entries: ${fmt(d.bytes / 2 ** 20, 1)} MB in ${fmt(d.totalMs / 1000, 1)} s = ${fmt(rowsPerS)} rows/s ` +
                `(first byte after ${fmt(d.firstByteMs)} ms; server CPU ${fmt(d.cpuMs / 1000, 1)} s); ${url ? "its own server process's" : "this process's"} RSS ${fmt(d.rssBeforeMb)} MB before, ` +
                `peak ${fmt(d.peakRssMb)} MB (+${fmt(growth)} MB), ${fmt(d.rssAfterMb)} MB after`,
            );
          }
          if (results[0]!.bytes !== results[1]!.bytes) throw new Error(`the bare stream wrote ${results[0]!.bytes} bytes, the product ${results[1]!.bytes}: not the same CSV`);
        } finally {
          await servers.stop();
          await inProcess.close();
        }
      }

      notes.unshift(
        `data: ${sizes.grid.map((n) => fmt(n)).join(" then ")} rows over 10 tenants (shares ${TENANT_WEIGHTS.join("/")}%), uniform over the year before the run; ` +
          `measured tenant ${measured.slug} (${TENANT_WEIGHTS[0]}%), time zone ${TIME_ZONE}; export tenant seeded separately to ${sizes.exportRows.map((n) => fmt(n)).join(" then ")} rows`,
        `hot values: last ~6 months, action session.created, module core, actor = target = the most active user (their own logins); ` +
          `selective ("sel"): one week, user.deactivated, an occasional actor, a user who is only a target; first page only`,
        `each query: ${RUN.warmup} warm-up then ${RUN.count} sequential requests (max ${RUN.maxSeconds} s) over one keep-alive connection from a second process; ` +
          `"@N" is the page after the first N matching entries (${fmt(DEPTH)}, or the last full page when fewer match); "bare sql": the same keyset query through ${database.kind === "postgres" ? "pg" : "PGlite's query"} in this process, same count`,
        `÷ bare sql is the ratio of sequential request rates (= inverse ratio of mean latencies); "rows read" in the plan table is what the scan read for one page (kept + filtered out)`,
      );
      if (database.kind === "pglite") {
        notes.push(
          "PGlite: the database runs in the server's process and thread, so its work is in the server's CPU time and RSS; export tenant limited to 300,000 rows (memory); " +
            "the export's RSS is this bench process's, which may reuse memory freed earlier (growth is a lower bound)",
        );
      }
      return Object.assign({ rows, notes }, { plans, breakdown, exports });
    } finally {
      await Promise.allSettled([product.stop(), capture.close()]);
    }
  },
});

export const auditLog = makeAuditLog(SIZES);

function exportRow(who: string, size: number, d: Download, dataRows: number, rowsPerS: number, growth: number): Row {
  const measurement: Measurement = {
    mode: { kind: "max", connections: 1 },
    ok: 1,
    durationS: d.totalMs / 1000,
    rps: 1000 / d.totalMs,
    latencyMs: { p50: d.totalMs, p95: d.totalMs, p99: d.totalMs, max: d.totalMs },
    non2xx: 0,
    errors: 0,
    unanswered: 0,
    statusCodes: { 200: 1 },
    peakRssMb: d.peakRssMb,
    cpuMsPerReq: d.cpuMs,
  };
  const product = who === "product";
  return {
    server: product ? `export.csv ${sizeLabel(size)}: ${fmt(rowsPerS)} rows/s, RSS +${fmt(growth)} MB` : `  bare stream: ${fmt(rowsPerS)} rows/s, RSS +${fmt(growth)} MB`,
    role: product ? "product" : "ceiling",
    measurement,
    ratios: {},
    targets: product ? [{ name: "flat memory", goal: `RSS +<= ${EXPORT_RSS_GROWTH_MB} MB`, measured: `+${fmt(growth)} MB over ${fmt(dataRows)} rows`, met: growth <= EXPORT_RSS_GROWTH_MB }] : [],
  };
}

/** Before measuring: for every query, the product and the bare SQL return the same page. */
async function sameAnswers(origin: string, headers: Record<string, string>, prepared: Prepared[], database: BenchDatabase) {
  for (const p of prepared) {
    const { status, text } = await getText(origin + p.path, headers);
    if (status !== 200) throw new Error(`${p.def.label}: audit.list answered ${status}: ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as { result: { data: { json: { items: { id: string }[]; nextCursor: string | null } } } };
    const ids = body.result.data.json.items.map((i) => i.id);
    const sqlIds = (await database.raw.query<{ id: string }>(p.sql.text, p.sql.params)).slice(0, LIMIT).map((r) => r.id);
    if (JSON.stringify(ids) !== JSON.stringify(sqlIds)) {
      throw new Error(`${p.def.label} @${p.depth}: the product and the bare SQL return different pages:\n${ids.join(",")}\n${sqlIds.join(",")}`);
    }
  }
}
