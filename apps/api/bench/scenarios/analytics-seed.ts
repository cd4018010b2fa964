// Seed of the analytics scenario, in bulk SQL (INSERT ... SELECT FROM generate_series; row n is a pure
// function of n): N tenants (a third in USD, 1 in 40 suspended), three modules, and 3 years of history:
// - every tenant: CRM monthly (flat), anchored on day 1 + n % 28 of the month 36 months ago, one invoice and
//   one period line a month (paid 2 days after issue; the newest open; 1 in 97 void); 1 in 20 canceled after
//   12 + n % 24 months, 1 in 50 past due;
// - one tenant in 3: Seats annual per user (1 + n % 7 users), one invoice a year;
// - one in 10: a Reports trial that ended n % 36 months ago, converted (first period invoiced) one time in
//   two, else expired; one in 10 trialing now.
import { BACKFILL_SQL } from "../../src/domains/billing/platform-rollup.js";
import type { RawSql } from "../lib/databases.js";

export const PLAN_IDS = { crm: "11111111-0000-7000-8000-000000000001", seats: "11111111-0000-7000-8000-000000000002", reports: "11111111-0000-7000-8000-000000000003" };

const text = (en: string, fr: string) => JSON.stringify({ en, fr });

export async function seedAnalytics(raw: RawSql, tenants: number): Promise<{ seconds: number; invoices: number; lines: number }> {
  const t0 = performance.now();
  const run = (sql: string, params: unknown[] = []) => raw.query(sql, params);
  await run(
    `INSERT INTO modules (key, name, description, category, icon, status, metrics, "publishedAt", "updatedAt") VALUES
      ('an_crm', $1, $1, 'productivity', 'users', 'published', '[]', now(), now()),
      ('an_seats', $2, $2, 'communication', 'users', 'published', '[]', now(), now()),
      ('an_reports', $3, $3, 'analytics', 'chart', 'published', '[]', now(), now())`,
    [text("CRM", "CRM"), text("Seats", "Postes"), text("Reports", "Rapports")],
  );
  await run(
    `INSERT INTO plans (id, "moduleKey", code, name, interval, version, prices, "trialDays", limits, "pricingModel") VALUES
      ($1::uuid, 'an_crm', 'std', $4, 'monthly', 1, '{"EUR":1900,"USD":2100}', 0, '{}', 'flat'),
      ($2::uuid, 'an_seats', 'team', $4, 'annual', 1, '{"EUR":9900,"USD":11900}', 0, '{}', 'per_user'),
      ($3::uuid, 'an_reports', 'pro', $4, 'monthly', 1, '{"EUR":2900,"USD":3200}', 14, '{}', 'flat')`,
    [PLAN_IDS.crm, PLAN_IDS.seats, PLAN_IDS.reports, text("Standard", "Standard")],
  );
  await run(
    `INSERT INTO tenants (id, slug, name, "nameSortKey", "contactEmail", country, "timeZone", currency, language, status, "suspendedAt", "updatedAt")
     SELECT md5('an-tenant' || n)::uuid, 'an-' || n, 'Analytics ' || n, 'analytics ' || lpad(n::text, 6, '0'), 'c' || n || '@an.example.com', 'FR', 'Europe/Paris',
            CASE WHEN n % 3 = 0 THEN 'USD' ELSE 'EUR' END, 'fr', CASE WHEN n % 40 = 0 THEN 'suspended' ELSE 'active' END::"TenantStatus",
            CASE WHEN n % 40 = 0 THEN now() END, now()
       FROM generate_series(1, $1::int) n`,
    [tenants],
  );
  // The periods of each subscription, in a work table dropped at the end (a pool: no temp tables).
  await run(`CREATE TABLE bench_an_periods AS
    WITH base AS (
      SELECT n, md5('an-tenant' || n)::uuid AS tenant, CASE WHEN n % 3 = 0 THEN 'USD' ELSE 'EUR' END AS cur,
             date_trunc('month', now() - interval '36 months') + make_interval(days => n % 28) AS anchor
        FROM generate_series(1, $1::int) n)
    SELECT 'crm' AS sub, n, tenant, cur, anchor + make_interval(months => k) AS ps, anchor + make_interval(months => k + 1) AS pe, k,
           CASE WHEN cur = 'USD' THEN 2100 ELSE 1900 END AS amount,
           CASE WHEN n % 20 = 0 THEN anchor + make_interval(months => 12 + n % 24) END AS ended
      FROM base, generate_series(0, 36) k
     WHERE anchor + make_interval(months => k) <= now() AND (n % 20 <> 0 OR k < 12 + n % 24)
    UNION ALL
    SELECT 'seats', n, tenant, cur, anchor + make_interval(years => k), anchor + make_interval(years => k + 1), k,
           (CASE WHEN cur = 'USD' THEN 11900 ELSE 9900 END) * (1 + n % 7), NULL
      FROM base, generate_series(0, 2) k WHERE n % 3 = 1
    UNION ALL
    SELECT 'reports', n, tenant, cur, date_trunc('month', now()) - make_interval(months => n % 36) + interval '3 days',
           date_trunc('month', now()) - make_interval(months => n % 36 - 1) + interval '3 days', 0,
           CASE WHEN cur = 'USD' THEN 3200 ELSE 2900 END, NULL
      FROM base WHERE n % 20 = 2`,
    [tenants]);
  await run(
    `INSERT INTO subscriptions (id, "tenantId", "moduleKey", "planId", status, currency, quantity, "billingAnchor", "currentPeriodStart", "currentPeriodEnd",
                                "trialStart", "trialEnd", "endedAt", "endReason", "updatedAt")
     SELECT DISTINCT ON (sub, n) md5('an-sub-' || sub || n)::uuid, tenant, 'an_' || sub,
            CASE sub WHEN 'crm' THEN $1::uuid WHEN 'seats' THEN $2::uuid ELSE $3::uuid END,
            (CASE WHEN ended IS NOT NULL THEN 'canceled' WHEN sub = 'crm' AND n % 50 = 1 THEN 'past_due' ELSE 'active' END)::"SubscriptionStatus",
            cur, CASE sub WHEN 'seats' THEN 1 + n % 7 ELSE 1 END, ps, ps, pe,
            CASE sub WHEN 'reports' THEN ps - interval '14 days' END, CASE sub WHEN 'reports' THEN ps END, ended, CASE WHEN ended IS NOT NULL THEN 'canceled' END, now()
       FROM bench_an_periods ORDER BY sub, n, k DESC`,
    [PLAN_IDS.crm, PLAN_IDS.seats, PLAN_IDS.reports],
  );
  // Trials: expired (n % 20 = 12) and trialing now (n % 10 = 3).
  await run(
    `INSERT INTO subscriptions (id, "tenantId", "moduleKey", "planId", status, currency, quantity, "billingAnchor", "currentPeriodStart", "currentPeriodEnd",
                                "trialStart", "trialEnd", "continueAfterTrial", "endedAt", "endReason", "updatedAt")
     SELECT md5('an-sub-reports' || n)::uuid, md5('an-tenant' || n)::uuid, 'an_reports', $1::uuid, st::"SubscriptionStatus", CASE WHEN n % 3 = 0 THEN 'USD' ELSE 'EUR' END, 1,
            te - interval '14 days', te - interval '14 days', te, te - interval '14 days', te, st = 'trialing',
            CASE WHEN st = 'expired' THEN te END, CASE WHEN st = 'expired' THEN 'trial_ended' END, now()
       FROM (SELECT n, CASE WHEN n % 10 = 3 THEN 'trialing' ELSE 'expired' END AS st,
                    CASE WHEN n % 10 = 3 THEN now() + make_interval(days => 1 + n % 13) ELSE date_trunc('month', now()) - make_interval(months => n % 36) + interval '3 days' END AS te
               FROM generate_series(1, $2::int) n WHERE n % 20 = 12 OR n % 10 = 3) x`,
    [PLAN_IDS.reports, tenants],
  );
  await run(
    `INSERT INTO invoices (id, "tenantId", "subscriptionId", number, status, currency, subtotal, tax, total, "issuedAt", "dueAt", "paidAt", "voidedAt", "createdAt")
     SELECT md5('an-inv-' || sub || n || '-' || k)::uuid, tenant, md5('an-sub-' || sub || n)::uuid, 'AN-' || sub || '-' || n || '-' || k, st::"InvoiceStatus", cur, amount, 0, amount,
            ps, ps + interval '7 days', CASE WHEN st = 'paid' THEN ps + interval '2 days' END, CASE WHEN st = 'void' THEN ps + interval '3 days' END, ps
       FROM (SELECT *, CASE WHEN (n * 37 + k) % 97 = 0 THEN 'void' WHEN ps > now() - interval '1 month' THEN 'open' ELSE 'paid' END AS st FROM bench_an_periods) p`,
  );
  await run(
    `INSERT INTO invoice_lines (id, "tenantId", "invoiceId", position, kind, "moduleKey", description, quantity, "unitAmount", amount, "periodStart", "periodEnd", "periodKey")
     SELECT md5('an-line-' || sub || n || '-' || k)::uuid, tenant, md5('an-inv-' || sub || n || '-' || k)::uuid, 1, 'subscription', 'an_' || sub, 'Period', 1, amount, amount, ps, pe,
            md5('an-sub-' || sub || n)::uuid::text || '/' || to_char(ps AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
       FROM bench_an_periods`,
  );
  // The analytics rollup, as the migration that created it backfills it from existing invoices (the billing
  // engine then keeps it as it issues and settles invoices; the seed writes invoices in bulk, not through it).
  await run(`TRUNCATE billing_monthly, subscription_month_lines, subscription_monthly`);
  for (const statement of BACKFILL_SQL) await run(statement);
  const [counts] = await raw.query<{ invoices: string; lines: string }>(`SELECT (SELECT count(*) FROM invoices)::text AS invoices, (SELECT count(*) FROM invoice_lines)::text AS lines`, []);
  await run(`DROP TABLE bench_an_periods`);
  // As autovacuum leaves tables after bulk inserts: statistics and the visibility map (index-only scans).
  await run(`VACUUM ANALYZE`);
  return { seconds: (performance.now() - t0) / 1000, invoices: Number(counts!.invoices), lines: Number(counts!.lines) };
}
