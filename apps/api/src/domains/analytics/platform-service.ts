// The platform's analytics across every tenant: MRR and ARR by module and currency, active trials, trial
// conversion, churn and revenue per UTC month, tenants by status. Aggregates in SQL on the platform client
// (one statement per figure, exported so the benchmark runs the same SQL bare). Amounts are never summed
// across currencies. Definitions and the rows they come from: docs/decisions/0042-analytics-metrics.md.
import type { AnalyticsRangeInput, PlatformAnalytics } from "@tenancy/contracts";
import type { z } from "zod";
import type { Scope } from "../../lib/scope.js";

/** The months of a range as [first month start, last month start] in UTC, "YYYY-MM-01". */
export function monthRange(input: z.infer<typeof AnalyticsRangeInput>) {
  return { first: `${input.from.slice(0, 7)}-01`, last: `${input.to.slice(0, 7)}-01` };
}

const MONTHS = `SELECT m AT TIME ZONE 'UTC' AS s, (m + interval '1 month') AT TIME ZONE 'UTC' AS e, to_char(m, 'YYYY-MM') AS month
  FROM generate_series($1::timestamp, $2::timestamp, interval '1 month') m`;

/** Paying subscriptions (active, past due) at their plan's price x quantity, per module and currency: the
 *  quantities summed per plan and currency first, so the price is read from the plan's JSON once per plan
 *  (price x sum of quantities = sum of price x quantity). */
export const MRR_SQL = `SELECT a."moduleKey" AS "moduleKey", a.currency AS currency, sum(a.n)::int AS subscriptions,
  coalesce(sum(CASE WHEN p.interval = 'monthly' THEN (p.prices ->> a.currency)::bigint * a.q END), 0)::bigint AS monthly,
  coalesce(sum(CASE WHEN p.interval = 'annual' THEN (p.prices ->> a.currency)::bigint * a.q END), 0)::bigint AS annual
FROM (SELECT "moduleKey", currency, "planId", count(*) AS n, sum(quantity) AS q FROM subscriptions
       WHERE status IN ('active', 'past_due') GROUP BY 1, 2, 3) a
JOIN plans p ON p.id = a."planId"
GROUP BY 1, 2 ORDER BY 1, 2`;

export const TRIALS_ACTIVE_SQL = `SELECT "moduleKey", count(*)::int AS count FROM subscriptions WHERE status = 'trialing' GROUP BY 1 ORDER BY 1`;

/** Trials ended per month ($1 first month, $2 last month, $3 now), and how many were converted: their first
 *  paid period, which starts at the trial's end, was invoiced. That period's line is found by its unique
 *  `periodKey` ("<subscription id>/<period start, ISO>", written by the billing job): one index probe each. */
export const TRIALS_SQL = `WITH months AS (${MONTHS}),
ended AS (
  SELECT to_char(s."trialEnd" AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*)::int AS ended,
    count(*) FILTER (WHERE EXISTS (
      SELECT 1 FROM invoice_lines l
      WHERE l."periodKey" = s.id::text || '/' || to_char(s."trialEnd" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))::int AS converted
  FROM subscriptions s
  WHERE s."trialEnd" >= $1::timestamp AT TIME ZONE 'UTC' AND s."trialEnd" < ($2::timestamp + interval '1 month') AT TIME ZONE 'UTC' AND s."trialEnd" <= $3
  GROUP BY 1)
SELECT m.month, coalesce(e.ended, 0) AS ended, coalesce(e.converted, 0) AS converted
FROM months m LEFT JOIN ended e ON e.month = m.month ORDER BY m.month`;

/** Subscriptions canceled per month ($1 first month, $2 last month), on the (status, endedAt) index. */
const ENDED = `SELECT date_trunc('month', "endedAt" AT TIME ZONE 'UTC') AS ms, count(*)::int AS n FROM subscriptions
   WHERE status = 'canceled' AND "endedAt" >= $1::timestamp AT TIME ZONE 'UTC' AND "endedAt" < ($2::timestamp + interval '1 month') AT TIME ZONE 'UTC'
   GROUP BY 1`;

/** Per month ($1 first month, $2 last month): paid subscriptions live at its first instant, from the rollup
 *  (subscription_monthly, kept by the billing engine: billing/platform-rollup.ts, decision 47), and paid
 *  subscriptions that ended in it (status canceled, endedAt in the month), live. */
export const CHURN_SQL = `SELECT to_char(g.ms, 'YYYY-MM') AS month, coalesce(s."liveAtStart", 0) AS "liveAtStart", coalesce(ended.n, 0) AS ended
  FROM generate_series($1::timestamp, $2::timestamp, interval '1 month') AS g(ms)
  LEFT JOIN subscription_monthly s ON s.month = g.ms::date
  LEFT JOIN (${ENDED}) ended ON ended.ms = g.ms
 ORDER BY 1`;

/** Invoices per month and currency ($1 first month start, $2 last month start) from the rollup
 *  (billing_monthly): billed (issued, not void), voided, paid (net revenue), each by its own date. A currency
 *  is shown when an invoice counts in it in the range (`entries`). */
export const REVENUE_SQL = `SELECT to_char(month, 'YYYY-MM') AS month, currency, billed, voided, paid, entries
  FROM billing_monthly WHERE month >= $1::date AND month <= $2::date`;

// ---- The same two figures read from every invoice of the range (decision 42's definitions): what the
// rollup must always equal (tests compare them), and what the page ran before the rollup (3-4 s at 10,000
// tenants x 3 years).

/** Churn from the invoice lines ($1 first month, $2 last month): each line yields the month starts it covers. */
export const CHURN_FROM_INVOICES_SQL = `WITH covered AS (
  SELECT DISTINCT g AS ms, i."subscriptionId"
    FROM invoice_lines l
    JOIN invoices i ON i."tenantId" = l."tenantId" AND i.id = l."invoiceId" AND i.status IN ('open', 'paid', 'uncollectible')
    CROSS JOIN LATERAL generate_series(
      greatest($1::timestamp, date_trunc('month', (l."periodStart" AT TIME ZONE 'UTC') - interval '1 microsecond') + interval '1 month'),
      least($2::timestamp, (l."periodEnd" AT TIME ZONE 'UTC') - interval '1 microsecond'), interval '1 month') g
   WHERE l.kind = 'subscription' AND l."periodEnd" > $1::timestamp AT TIME ZONE 'UTC' AND l."periodStart" <= $2::timestamp AT TIME ZONE 'UTC'),
live AS (SELECT ms, count(*)::int AS n FROM covered GROUP BY ms),
ended AS (
  SELECT date_trunc('month', "endedAt" AT TIME ZONE 'UTC') AS ms, count(*)::int AS n FROM subscriptions
   WHERE status = 'canceled' AND "endedAt" >= $1::timestamp AT TIME ZONE 'UTC' AND "endedAt" < ($2::timestamp + interval '1 month') AT TIME ZONE 'UTC'
   GROUP BY 1)
SELECT to_char(g.ms, 'YYYY-MM') AS month, coalesce(live.n, 0) AS "liveAtStart", coalesce(ended.n, 0) AS ended
  FROM generate_series($1::timestamp, $2::timestamp, interval '1 month') AS g(ms)
  LEFT JOIN live ON live.ms = g.ms LEFT JOIN ended ON ended.ms = g.ms
 ORDER BY 1`;

/** Revenue from the invoices ($1 first month start, $2 end of the last month): rows (kind, month, currency, amount). */
export const REVENUE_FROM_INVOICES_SQL = `SELECT k.kind, to_char(k.d AT TIME ZONE 'UTC', 'YYYY-MM') AS month, i.currency, sum(i.total)::bigint AS amount
  FROM invoices i
  CROSS JOIN LATERAL (VALUES
    ('billed', CASE WHEN i.status IN ('open', 'paid', 'uncollectible') THEN i."issuedAt" END),
    ('voided', CASE WHEN i.status = 'void' THEN i."voidedAt" END),
    ('paid', CASE WHEN i.status = 'paid' THEN i."paidAt" END)) k(kind, d)
 WHERE k.d >= $1::timestamp AT TIME ZONE 'UTC' AND k.d < $2::timestamp AT TIME ZONE 'UTC'
   AND (i."issuedAt" >= $1::timestamp AT TIME ZONE 'UTC' OR i."paidAt" >= $1::timestamp AT TIME ZONE 'UTC' OR i."voidedAt" >= $1::timestamp AT TIME ZONE 'UTC')
 GROUP BY 1, 2, 3`;

export const TENANTS_SQL = `SELECT status::text AS status, count(*)::int AS count FROM tenants GROUP BY 1`;

/** Each tenant once, by its most pressing subscription: past due, else paying, else trialing, else none
 *  (every subscription has its tenant: none = tenants - tenants with a live subscription). */
export const TENANT_BILLING_SQL = `WITH s AS (
  SELECT "tenantId", min(CASE status WHEN 'past_due' THEN 1 WHEN 'active' THEN 2 ELSE 3 END) AS r
    FROM subscriptions WHERE status IN ('past_due', 'active', 'trialing') GROUP BY 1)
SELECT CASE r WHEN 1 THEN 'past_due' WHEN 2 THEN 'paying' ELSE 'trialing' END AS state, count(*)::int AS count FROM s GROUP BY r
UNION ALL SELECT 'none', ((SELECT count(*) FROM tenants) - (SELECT count(*) FROM s))::int`;

/** The end of a month start "YYYY-MM-01": the next month's start. */
export function nextMonth(monthStart: string): string {
  const d = new Date(`${monthStart}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

/** The months "YYYY-MM" from `first` to `last` (month starts), in order. */
export function monthList(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) out.push(m.slice(0, 7));
  return out;
}

/** MRR from an ARR in minor units: a twelfth, rounded once, halves away from zero (ARR is never negative). */
export const mrrOf = (arr: bigint) => Number((arr * 2n + 12n) / 24n);

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 10_000) / whole));

type Q = <T>(sql: string, ...params: unknown[]) => Promise<T[]>;

export async function platformAnalytics(scope: Scope, input: z.infer<typeof AnalyticsRangeInput>): Promise<PlatformAnalytics> {
  const now = scope.clock.now();
  const { first, last } = monthRange(input);
  // One read-only transaction, JIT off: PostgreSQL's estimates for the month series are far too high, and
  // compiling plans (3 s measured at 10,000 tenants before the rollup) cost more than running them.
  const [mrrRows, trialsActive, trials, churn, revenue, tenants, billing, modules] = await scope.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL jit = off");
    const q: Q = (sql, ...params) => tx.$queryRawUnsafe(sql, ...params);
    return [

      await q<{ moduleKey: string; currency: string; subscriptions: number; monthly: bigint; annual: bigint }>(MRR_SQL),
      await q<{ moduleKey: string; count: number }>(TRIALS_ACTIVE_SQL),
      await q<{ month: string; ended: number; converted: number }>(TRIALS_SQL, first, last, now),
      await q<{ month: string; liveAtStart: number; ended: number }>(CHURN_SQL, first, last),
      await q<{ month: string; currency: string; billed: bigint; voided: bigint; paid: bigint; entries: number }>(REVENUE_SQL, first, last),
      await q<{ status: "active" | "suspended"; count: number }>(TENANTS_SQL),
      await q<{ state: "paying" | "past_due" | "trialing" | "none"; count: number }>(TENANT_BILLING_SQL),
      await tx.module.findMany({ select: { key: true, name: true } }),
    ] as const;
  }, { timeout: 60_000 });
  const moduleName = (key: string) => (modules.find((m) => m.key === key)?.name ?? {}) as Record<string, string>;

  const mrr = mrrRows.map((r) => {
    const arr = BigInt(r.monthly) * 12n + BigInt(r.annual);
    return { moduleKey: r.moduleKey, moduleName: moduleName(r.moduleKey), currency: r.currency, subscriptions: r.subscriptions, mrr: mrrOf(arr), arr: Number(arr) };
  });
  const byCurrency = new Map<string, { currency: string; subscriptions: number; arr: bigint }>();
  for (const r of mrrRows) {
    const c = byCurrency.get(r.currency) ?? { currency: r.currency, subscriptions: 0, arr: 0n };
    c.subscriptions += r.subscriptions;
    c.arr += BigInt(r.monthly) * 12n + BigInt(r.annual);
    byCurrency.set(r.currency, c);
  }

  const months = monthList(first, last);
  const currencies = [...new Set(revenue.filter((r) => r.entries > 0).map((r) => r.currency))].sort();
  const byKey = new Map(revenue.map((r) => [`${r.month}|${r.currency}`, r]));
  const amount = (kind: "billed" | "voided" | "paid", month: string, currency: string) => Number(byKey.get(`${month}|${currency}`)?.[kind] ?? 0);

  const order = { active: 0, suspended: 1 } as const;
  const billingOrder = { paying: 0, past_due: 1, trialing: 2, none: 3 } as const;
  return {
    asOf: now,
    from: months[0]!,
    to: months[months.length - 1]!,
    mrr,
    mrrByCurrency: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)).map((c) => ({ currency: c.currency, subscriptions: c.subscriptions, mrr: mrrOf(c.arr), arr: Number(c.arr) })),
    activeTrials: trialsActive.map((t) => ({ moduleKey: t.moduleKey, moduleName: moduleName(t.moduleKey), count: t.count })),
    trials: trials.map((t) => ({ ...t, rateBasisPoints: rate(t.converted, t.ended) })),
    churn: churn.map((c) => ({ ...c, rateBasisPoints: rate(c.ended, c.liveAtStart) })),
    revenue: months.flatMap((month) =>
      currencies.map((currency) => ({ month, currency, billed: amount("billed", month, currency), voided: amount("voided", month, currency), paid: amount("paid", month, currency) })),
    ),
    tenants: {
      byStatus: (["active", "suspended"] as const).map((status) => ({ status, count: tenants.find((t) => t.status === status)?.count ?? 0 })).sort((a, b) => order[a.status] - order[b.status]),
      byBilling: (["paying", "past_due", "trialing", "none"] as const).map((state) => ({ state, count: billing.find((b) => b.state === state)?.count ?? 0 })).sort((a, b) => billingOrder[a.state] - billingOrder[b.state]),
    },
  };
}
