-- CreateTable
CREATE TABLE "billing_monthly" (
    "month" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "billed" BIGINT NOT NULL DEFAULT 0,
    "voided" BIGINT NOT NULL DEFAULT 0,
    "paid" BIGINT NOT NULL DEFAULT 0,
    "entries" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "billing_monthly_pkey" PRIMARY KEY ("month","currency")
);

-- CreateTable
CREATE TABLE "subscription_month_lines" (
    "subscriptionId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "lines" INTEGER NOT NULL,

    CONSTRAINT "subscription_month_lines_pkey" PRIMARY KEY ("subscriptionId","month")
);

-- CreateTable
CREATE TABLE "subscription_monthly" (
    "month" DATE NOT NULL,
    "liveAtStart" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "subscription_monthly_pkey" PRIMARY KEY ("month")
);

-- CreateIndex
CREATE INDEX "subscriptions_status_endedAt_idx" ON "subscriptions"("status", "endedAt");

-- CreateIndex
CREATE INDEX "subscriptions_trialEnd_idx" ON "subscriptions"("trialEnd");


-- Backfill from the invoices (apps/api/src/domains/billing/platform-rollup.ts, BACKFILL_SQL)
INSERT INTO "billing_monthly" ("month", "currency", "billed", "voided", "paid", "entries")
SELECT date_trunc('month', k.d AT TIME ZONE 'UTC')::date AS month, i.currency,
  coalesce(sum(i.total) FILTER (WHERE k.kind = 'billed'), 0)::bigint AS billed,
  coalesce(sum(i.total) FILTER (WHERE k.kind = 'voided'), 0)::bigint AS voided,
  coalesce(sum(i.total) FILTER (WHERE k.kind = 'paid'), 0)::bigint AS paid,
  count(*)::int AS entries
FROM invoices i
CROSS JOIN LATERAL (VALUES
  ('billed', CASE WHEN i.status IN ('open', 'paid', 'uncollectible') THEN i."issuedAt" END),
  ('voided', CASE WHEN i.status = 'void' THEN i."voidedAt" END),
  ('paid', CASE WHEN i.status = 'paid' THEN i."paidAt" END)) k(kind, d)
WHERE k.d IS NOT NULL
GROUP BY 1, 2;

INSERT INTO "subscription_month_lines" ("subscriptionId", "month", "lines")
SELECT i."subscriptionId", g::date AS month, count(*)::int AS lines
FROM invoice_lines l
JOIN invoices i ON i."tenantId" = l."tenantId" AND i.id = l."invoiceId" AND i.status IN ('open', 'paid', 'uncollectible')
CROSS JOIN LATERAL generate_series(
  date_trunc('month', (l."periodStart" AT TIME ZONE 'UTC') - interval '1 microsecond') + interval '1 month',
  (l."periodEnd" AT TIME ZONE 'UTC') - interval '1 microsecond', interval '1 month') g
WHERE l.kind = 'subscription' AND l."periodStart" IS NOT NULL AND l."periodEnd" IS NOT NULL
GROUP BY 1, 2;

INSERT INTO "subscription_monthly" ("month", "liveAtStart")
SELECT month, count(*)::int AS "liveAtStart" FROM subscription_month_lines WHERE lines > 0 GROUP BY 1;
