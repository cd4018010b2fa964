// Query-plan checks for the latency scenarios (audit-log, users-search): the SQL Prisma really sends,
// captured from query events of a second PrismaClient on the same database (same adapter as the product:
// @prisma/adapter-pg or pglite-prisma-adapter, resolved from @tenancy/db, which owns them), then run under
// EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) through the raw connection. A plan passes when it reads the
// table through an index, has no Seq Scan of it, and does not read the whole tenant (more than a quarter
// of its rows, which an index scan can also do, e.g. a bitmap over every row of the tenant); a Sort of more
// than 100 rows above the scan, and the rows read for one page, are reported too, since they show a cost
// that grows with the matching rows rather than with the page.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { PrismaClient } from "@tenancy/db";
import { testServerUrl } from "@tenancy/db/testing";
import type { BenchDatabase } from "../lib/databases.js";

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

export interface SqlCapture {
  prisma: PrismaClient;
  /** Runs `work` and returns the statements it sent, in order. */
  capture(work: (prisma: PrismaClient) => Promise<unknown>): Promise<CapturedQuery[]>;
  close(): Promise<void>;
}

type AdapterModule = Record<string, new (...args: never[]) => unknown>;

/** A module of @tenancy/db's own dependencies (the bench app does not depend on them directly). */
export async function importFromDb(specifier: string): Promise<AdapterModule> {
  const require = createRequire(import.meta.resolve("@tenancy/db"));
  return (await import(pathToFileURL(require.resolve(specifier)).href)) as AdapterModule;
}

/** The PostgreSQL bench database's own URL, as lib/databases.ts builds it. */
export async function benchDatabaseUrl(database: BenchDatabase): Promise<string> {
  const [row] = await database.raw.query<{ name: string }>("SELECT current_database() AS name", []);
  const url = new URL(testServerUrl()!);
  url.pathname = `/${row!.name}`;
  return url.toString();
}

export async function openSqlCapture(database: BenchDatabase): Promise<SqlCapture> {
  let adapter: unknown;
  if (database.kind === "postgres") {
    const { PrismaPg } = await importFromDb("@prisma/adapter-pg");
    adapter = new (PrismaPg as unknown as new (config: { connectionString: string; max: number }) => unknown)({ connectionString: await benchDatabaseUrl(database), max: 1 });
  } else {
    const { PrismaPGlite } = await importFromDb("pglite-prisma-adapter");
    adapter = new (PrismaPGlite as unknown as new (pglite: unknown) => unknown)(database.db.pglite!);
  }
  const prisma = new PrismaClient({ adapter: adapter as never, log: [{ emit: "event", level: "query" }] });
  let sink: CapturedQuery[] | null = null;
  prisma.$on("query" as never, (event: { query: string; params: string }) => {
    sink?.push({ sql: event.query, params: JSON.parse(event.params) as unknown[] });
  });
  return {
    prisma,
    async capture(work) {
      const queries: CapturedQuery[] = [];
      sink = queries;
      try {
        await work(prisma);
      } finally {
        sink = null;
      }
      return queries;
    },
    close: () => prisma.$disconnect(),
  };
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Index Recheck"?: number;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
}

export interface PlanCheck {
  /** e.g. "Index Scan using audit_entries_tenantId_action_createdAt_id_idx" */
  access: string;
  indexUsed: boolean;
  seqScan: boolean;
  sorted: boolean;
  /** Rows of the table read by its scans (kept + removed by filters), the work behind one page. */
  rowsRead: number;
  /** Reads at most a quarter of the tenant's rows (no scan of the whole tenant through an index either). */
  bounded: boolean;
  /** Shared buffers hit + read by the whole statement. */
  buffers: number;
  executionMs: number;
  ok: boolean;
}

/**
 * EXPLAIN ANALYZE of one captured statement; `table` is the relation whose access is checked, `tenantRows`
 * the tenant's rows in it.
 */
export async function checkPlan(database: BenchDatabase, query: CapturedQuery, table: string, tenantRows: number): Promise<PlanCheck> {
  const [row] = await database.raw.query<{ "QUERY PLAN": unknown }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.sql}`, query.params);
  const raw = row!["QUERY PLAN"];
  const [top] = (typeof raw === "string" ? JSON.parse(raw) : raw) as [{ Plan: PlanNode; "Execution Time": number }];
  // Every node with its ancestors, so bitmap index scans (which name no relation) count for the heap scan
  // above them, and a Sort counts only when it sits above a scan of the table.
  const nodes: { n: PlanNode; up: PlanNode[] }[] = [];
  const walk = (n: PlanNode, up: PlanNode[]) => {
    nodes.push({ n, up });
    n.Plans?.forEach((child) => walk(child, [n, ...up]));
  };
  walk(top.Plan, []);
  const heapOf = (up: PlanNode[]) => up.find((a) => a["Node Type"] === "Bitmap Heap Scan");
  const isOnTable = ({ n, up }: { n: PlanNode; up: PlanNode[] }) =>
    n["Relation Name"] === table || (n["Node Type"] === "Bitmap Index Scan" && heapOf(up)?.["Relation Name"] === table);
  const onTableEntries = nodes.filter(isOnTable);
  const onTable = onTableEntries.map((e) => e.n);
  const indexNodes = onTable.filter((n) => /Index/.test(n["Node Type"]) && n["Index Name"]);
  const seqScan = onTable.some((n) => n["Node Type"] === "Seq Scan");
  const rowsOut = (n: PlanNode | undefined) => (n ? (n["Actual Rows"] ?? 0) * (n["Actual Loops"] ?? 1) : 0);
  // A sort of more rows than a page above the table's scan: the statement reads every match, not a page.
  const sorted = onTableEntries.some(({ up }) => up.some((a) => /Sort/.test(a["Node Type"]) && rowsOut(a.Plans?.[0]) > 100));
  const heapNodes = onTable.filter((n) => n["Node Type"] !== "Bitmap Index Scan");
  const rowsRead = heapNodes.reduce(
    (sum, n) => sum + ((n["Actual Rows"] ?? 0) + (n["Rows Removed by Filter"] ?? 0) + (n["Rows Removed by Index Recheck"] ?? 0)) * (n["Actual Loops"] ?? 1),
    0,
  );
  const access = onTable.length === 0 ? "(not read)" : onTable.map((n) => (n["Index Name"] ? `${n["Node Type"]} using ${n["Index Name"]}` : n["Node Type"])).join(" + ");
  const bounded = rowsRead <= tenantRows / 4;
  return {
    access,
    indexUsed: indexNodes.length > 0,
    seqScan,
    sorted,
    rowsRead,
    bounded,
    buffers: (top.Plan["Shared Hit Blocks"] ?? 0) + (top.Plan["Shared Read Blocks"] ?? 0),
    executionMs: top["Execution Time"],
    ok: indexNodes.length > 0 && !seqScan && bounded,
  };
}

/** The captured statement that reads `table` (Prisma may send others first, e.g. the tenant's time zone). */
export function statementOn(queries: CapturedQuery[], table: string): CapturedQuery {
  const found = queries.filter((q) => new RegExp(`FROM\\s+"?(public"?\\."?)?${table}"?\\b`, "i").test(q.sql));
  if (found.length === 0) throw new Error(`no statement on ${table} among: ${queries.map((q) => q.sql.slice(0, 80)).join(" | ")}`);
  return found[0]!;
}
