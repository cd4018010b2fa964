// analytics: the platform's analytics over 10,000 tenants and 3 years of monthly invoices (analytics-seed.ts,
// bulk SQL), and a tenant's dashboard. Each query is requested over HTTP through tRPC with a session
// (analytics.platform over 36 and 12 months as a platform admin, analytics.tenant as a tenant admin),
// sequentially from a second process, interleaved over rounds with its ceiling: the same SQL statements run
// bare, one after the other, in this process. Every statement of analytics.platform is also timed bare
// alone, so a slow figure is named. Target: p95 <= 50 ms per query.
import { CHURN_SQL, MRR_SQL, REVENUE_SQL, TENANT_BILLING_SQL, TENANTS_SQL, TRIALS_ACTIVE_SQL, TRIALS_SQL } from "../../src/domains/analytics/platform-service.js";
import type { BenchDatabase } from "../lib/databases.js";
import type { Measurement } from "../lib/load.js";
import type { Row } from "../lib/report.js";
import type { Scenario, ScenarioResult, Settings } from "../lib/scenario.js";
import { queryPath } from "../lib/trpc-http.js";
import { getText, measureSequential, timeInProcess } from "./audit-log-load.js";
import { startProduct } from "./audit-log-setup.js";
import { PLAN_IDS, seedAnalytics } from "./analytics-seed.js";

const TENANTS = 10_000;
const TARGET_P95_MS = 50;
const RUN = { warmup: 10, count: 100, maxSeconds: 20 };

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const monthStart = (d: Date, back: number) => isoDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1)));

interface Query {
  label: string;
  path: string;
  headers: Record<string, string>;
  /** The same statements, bare, in the order the ceiling runs them. */
  bare: { name: string; text: string; params: unknown[] }[];
}

function platformStatements(from: string, to: string) {
  const now = new Date();
  return [
    { name: "mrr", text: MRR_SQL, params: [] },
    { name: "active trials", text: TRIALS_ACTIVE_SQL, params: [] },
    { name: "trials", text: TRIALS_SQL, params: [from, to, now] },
    { name: "churn", text: CHURN_SQL, params: [from, to] },
    { name: "revenue", text: REVENUE_SQL, params: [from, to] },
    { name: "tenants", text: TENANTS_SQL, params: [] },
    { name: "tenant billing", text: TENANT_BILLING_SQL, params: [] },
  ];
}

/** Runs the scenario on an open bench database (also callable from another scenario, e.g. billing). */
export async function runAnalyticsBench(database: BenchDatabase, settings: Pick<Settings, "rounds">): Promise<ScenarioResult> {
  const product = await startProduct(database);
  const notes: string[] = [];
  const rows: Row[] = [];
  try {
    process.stdout.write(`  seeding ${fmt(TENANTS)} tenants and 3 years of invoices in SQL ... `);
    const seeded = await seedAnalytics(database.raw, TENANTS);
    console.log(`${seeded.seconds.toFixed(1)} s (${fmt(seeded.invoices)} invoices, ${fmt(seeded.lines)} lines)`);

    const tenant = await product.createTenant("an-dashboard", { login: true });
    await database.raw.query(
      `INSERT INTO subscriptions (id, "tenantId", "moduleKey", "planId", status, currency, quantity, "billingAnchor", "currentPeriodStart", "currentPeriodEnd", "updatedAt")
       VALUES (md5('an-dash-crm')::uuid, $1::uuid, 'an_crm', $2::uuid, 'active', 'EUR', 1, now() - interval '10 days', now() - interval '10 days', now() + interval '20 days', now()),
              (md5('an-dash-seats')::uuid, $1::uuid, 'an_seats', $3::uuid, 'active', 'EUR', 4, now() - interval '100 days', now() - interval '100 days', now() + interval '265 days', now())`,
      [tenant.id, PLAN_IDS.crm, PLAN_IDS.seats],
    );

    const now = new Date();
    const ops = product.opsHeaders();
    const queries: Query[] = [36, 12].map((months) => {
      const from = monthStart(now, months - 1);
      const to = isoDay(now);
      return { label: `analytics.platform, ${months} months`, path: queryPath("analytics.platform", { from, to }), headers: ops, bare: platformStatements(from, `${to.slice(0, 7)}-01`) };
    });
    const thisMonth = monthStart(now, 0);
    queries.push({
      label: "analytics.tenant",
      path: queryPath("analytics.tenant", undefined),
      headers: product.headersOf(tenant),
      bare: [
        {
          name: "subscriptions",
          text: `SELECT s."moduleKey", s.status, s.currency, s.quantity, s."currentPeriodEnd", s."trialEnd", s."continueAfterTrial", s."cancelAtPeriodEnd",
                        p.name, p.interval, p."pricingModel", p.prices, p.limits, m.metrics
                   FROM subscriptions s JOIN plans p ON p.id = coalesce(s."pendingPlanId", s."planId") JOIN modules m ON m.key = s."moduleKey"
                  WHERE s."tenantId" = $1::uuid ORDER BY s."moduleKey"`,
          params: [tenant.id],
        },
        { name: "invoices", text: `SELECT status, currency, count(*)::int, sum(total)::bigint FROM invoices WHERE "tenantId" = $1::uuid GROUP BY 1, 2`, params: [tenant.id] },
        { name: "usage", text: `SELECT * FROM usage_counters WHERE "tenantId" = $1::uuid AND "periodStart" IN ($2::timestamptz, 'epoch'::timestamptz)`, params: [tenant.id, thisMonth] },
      ],
    });

    // As the product does (SET LOCAL jit = off in its transaction): JIT off for the session first; sequential
    // calls reuse the pool's last idle client, and the warm-up reaches every client that gets used.
    const bareRun = (statements: Query["bare"]) => async () => {
      if (database.kind === "postgres") await database.raw.query("SET jit = off", []);
      for (const s of statements) await database.raw.query(s.text, s.params);
    };

    // Before measuring: each answers 200 with figures.
    for (const q of queries) {
      const { status, text } = await getText(product.origin + q.path, q.headers);
      if (status !== 200) throw new Error(`${q.label} answered ${status}: ${text.slice(0, 300)}`);
    }
    const sample = JSON.parse((await getText(product.origin + queries[0]!.path, ops)).text) as { result: { data: { json: { mrrByCurrency: unknown; churn: { liveAtStart: number }[] } } } };
    notes.push(`MRR by currency: ${JSON.stringify(sample.result.data.json.mrrByCurrency)}; live at the start of the newest month: ${sample.result.data.json.churn.at(-1)?.liveAtStart}`);

    const productRuns: Measurement[][] = queries.map(() => []);
    const bareRuns: Measurement[][] = queries.map(() => []);
    for (let round = 0; round < settings.rounds; round++) {
      console.log(`  round ${round + 1}/${settings.rounds}: ${queries.length} queries over HTTP, then their bare SQL ...`);
      for (const [k, q] of queries.entries()) {
        const [m] = await measureSequential(product.origin, q.headers, [{ paths: [q.path], ...RUN }]);
        productRuns[k]!.push(m!);
        bareRuns[k]!.push(await timeInProcess(bareRun(q.bare), RUN));
      }
    }
    for (const [k, q] of queries.entries()) {
      const ps = productRuns[k]!.map((m) => m.latencyMs.p95);
      const pick = productRuns[k]![ps.indexOf(median(ps))]!;
      const bare = bareRuns[k]!.map((m) => m.latencyMs.p95);
      const ratios = productRuns[k]!.map((m, r) => m.latencyMs.p95 / bareRuns[k]![r]!.latencyMs.p95);
      rows.push(
        {
          server: q.label,
          role: "product",
          measurement: pick,
          ratios: { "bare sql": pick.rps / bareRuns[k]![ps.indexOf(median(ps))]!.rps },
          targets: [{ name: "p95", goal: `p95 <= ${TARGET_P95_MS} ms (median of ${settings.rounds} rounds)`, measured: `${median(ps).toFixed(1)} ms`, met: median(ps) <= TARGET_P95_MS }],
        },
        { server: `  bare sql (${q.bare.length} statements)`, role: "ceiling", measurement: bareRuns[k]![bare.indexOf(median(bare))]!, ratios: {}, targets: [] },
      );
      notes.push(
        `${q.label}: p95 per round ${ps.map((p) => p.toFixed(1)).join(" / ")} ms, bare ${bare.map((p) => p.toFixed(1)).join(" / ")} ms; p95 product/bare median ${median(ratios).toFixed(2)} [${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}]`,
      );
    }
    // Each statement of the 36-month query alone, bare: which figure costs what.
    for (const s of queries[0]!.bare) {
      const m = await timeInProcess(bareRun([s]), { ...RUN, count: 50 });
      rows.push({ server: `  bare: ${s.name} (36 months)`, role: "ceiling", measurement: m, ratios: {}, targets: [] });
    }
    notes.push(
      `data: ${fmt(TENANTS)} tenants (1/3 USD), CRM monthly for all over 36 months, Seats annual per user for 1/3, Reports trials for 1/5; ${fmt(seeded.invoices)} invoices, ${fmt(seeded.lines)} lines`,
      `each query: ${RUN.warmup} warm-up then ${RUN.count} sequential requests on one keep-alive connection from a second process; bare: the same statements one after the other through ${database.kind === "postgres" ? "pg" : "PGlite's query"} in this process (the product runs the platform's seven the same way, in one transaction with JIT off)`,
    );
    return { rows, notes };
  } finally {
    await product.stop().catch(() => undefined);
  }
}

export const analytics: Scenario = {
  name: "analytics",
  summary: "analytics.platform (36 and 12 months) and analytics.tenant over HTTP at 10,000 tenants x 3 years of monthly invoices, vs the same SQL bare",
  run: (database, settings) => runAnalyticsBench(database, settings),
};
