// The analytics rollup (docs/decisions/0047-billing-rollup.md): per UTC month and currency the invoice totals
// billed, voided and paid; per month the subscriptions live at its first instant. Written in the transaction
// that issues or settles an invoice, as increments (INSERT .. ON CONFLICT DO UPDATE SET x = x + excluded.x),
// so concurrent writers add up exactly. The month/currency rows are shared by every worker: a billing batch
// collects its increments in memory and writes them once, at its end, in key order (row locks held only until
// its commit, taken in one order by everyone: no deadlock). A subscription's month rows
// (subscription_month_lines) are written as its invoice is issued: the billing job holds the subscription's
// lock then, and settling an invoice takes it before touching them.
import type { Prisma } from "@tenancy/db";

type Tx = Prisma.TransactionClient;

/** "YYYY-MM-01" of the UTC month of an instant. */
export const monthOf = (d: Date) => `${d.toISOString().slice(0, 7)}-01`;

/** The UTC month starts m with start <= m < end: the month starts a period line covers. */
export function monthStartsCovered(start: Date, end: Date): string[] {
  const out: string[] = [];
  let m = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
  if (m < start.getTime()) m = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
  for (; m < end.getTime(); ) {
    const d = new Date(m);
    out.push(monthOf(d));
    m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return out;
}

export interface InvoiceFigures {
  status: string;
  currency: string;
  total: number;
  issuedAt: Date | null;
  paidAt: Date | null;
  voidedAt: Date | null;
}

/** What an invoice in a given state adds to billing_monthly: the same rules as decision 42's revenue. */
function figuresOf(inv: InvoiceFigures) {
  const out: { month: string; kind: "billed" | "voided" | "paid"; amount: number }[] = [];
  if (["open", "paid", "uncollectible"].includes(inv.status) && inv.issuedAt) out.push({ month: monthOf(inv.issuedAt), kind: "billed", amount: inv.total });
  if (inv.status === "void" && inv.voidedAt) out.push({ month: monthOf(inv.voidedAt), kind: "voided", amount: inv.total });
  if (inv.status === "paid" && inv.paidAt) out.push({ month: monthOf(inv.paidAt), kind: "paid", amount: inv.total });
  return out;
}

/** Whether an invoice's period lines count for "live at a month's start". */
export const covers = (status: string) => status === "open" || status === "paid" || status === "uncollectible";

interface MoneyRow { billed: bigint; voided: bigint; paid: bigint; entries: number }

/** Increments to the shared rows, gathered in memory until `flushRollup`. */
export class Rollup {
  readonly money = new Map<string, MoneyRow>();
  readonly live = new Map<string, number>();

  /** An invoice going from `before` (null: it did not exist) to `after`. */
  invoice(before: InvoiceFigures | null, after: InvoiceFigures) {
    for (const [sign, inv] of [[-1n, before], [1n, after]] as const) {
      if (!inv) continue;
      for (const f of figuresOf(inv)) {
        const key = `${f.month}|${inv.currency}`;
        const row = this.money.get(key) ?? { billed: 0n, voided: 0n, paid: 0n, entries: 0 };
        row[f.kind] += sign * BigInt(f.amount);
        row.entries += Number(sign);
        this.money.set(key, row);
      }
    }
  }

  addLive(month: string, n: number) {
    this.live.set(month, (this.live.get(month) ?? 0) + n);
  }

  merge(other: Rollup) {
    for (const [key, r] of other.money) {
      const row = this.money.get(key) ?? { billed: 0n, voided: 0n, paid: 0n, entries: 0 };
      this.money.set(key, { billed: row.billed + r.billed, voided: row.voided + r.voided, paid: row.paid + r.paid, entries: row.entries + r.entries });
    }
    for (const [month, n] of other.live) this.addLive(month, n);
  }
}

const COVER_SQL = `WITH d AS (SELECT * FROM unnest($2::date[], $3::int[]) AS d(month, n)),
u AS (
  INSERT INTO subscription_month_lines ("subscriptionId", month, lines)
  SELECT $1::uuid, month, n FROM d ORDER BY month
  ON CONFLICT ("subscriptionId", month) DO UPDATE SET lines = subscription_month_lines.lines + excluded.lines
  RETURNING month, lines)
SELECT to_char(u.month, 'YYYY-MM-DD') AS month, u.lines, d.n FROM u JOIN d ON d.month = u.month`;

/**
 * Adds (`sign` 1) or removes (-1) the period lines of one subscription's invoice from its month rows; a month
 * whose count goes from 0 to above (or back) changes that month's live count in `rollup`. One statement.
 */
export async function coverMonths(tx: Tx, rollup: Rollup, subscriptionId: string, lines: { kind: string; periodStart: Date | null; periodEnd: Date | null }[], sign: 1 | -1) {
  const counts = new Map<string, number>();
  for (const l of lines) {
    if (l.kind !== "subscription" || !l.periodStart || !l.periodEnd) continue;
    for (const m of monthStartsCovered(l.periodStart, l.periodEnd)) counts.set(m, (counts.get(m) ?? 0) + sign);
  }
  if (counts.size === 0) return;
  const months = [...counts.keys()].sort();
  const rows = await tx.$queryRawUnsafe<{ month: string; lines: number; n: number }[]>(COVER_SQL, subscriptionId, months, months.map((m) => counts.get(m)!));
  for (const r of rows) {
    const was = r.lines - r.n;
    if (was <= 0 && r.lines > 0) rollup.addLive(r.month, 1);
    if (was > 0 && r.lines <= 0) rollup.addLive(r.month, -1);
  }
}

const MONEY_SQL = `INSERT INTO billing_monthly (month, currency, billed, voided, paid, entries)
SELECT * FROM unnest($1::date[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::int[]) ORDER BY 1, 2
ON CONFLICT (month, currency) DO UPDATE SET billed = billing_monthly.billed + excluded.billed, voided = billing_monthly.voided + excluded.voided,
  paid = billing_monthly.paid + excluded.paid, entries = billing_monthly.entries + excluded.entries`;

const LIVE_SQL = `INSERT INTO subscription_monthly (month, "liveAtStart")
SELECT * FROM unnest($1::date[], $2::int[]) ORDER BY 1
ON CONFLICT (month) DO UPDATE SET "liveAtStart" = subscription_monthly."liveAtStart" + excluded."liveAtStart"`;

/** Writes the gathered increments: billing_monthly then subscription_monthly, each in key order. */
export async function flushRollup(tx: Tx, rollup: Rollup) {
  const money = [...rollup.money].filter(([, r]) => r.billed !== 0n || r.voided !== 0n || r.paid !== 0n || r.entries !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (money.length > 0) {
    const [months, currencies] = [money.map(([k]) => k.split("|")[0]!), money.map(([k]) => k.split("|")[1]!)];
    const text = (f: (r: MoneyRow) => bigint) => money.map(([, r]) => f(r).toString());
    await tx.$executeRawUnsafe(MONEY_SQL, months, currencies, text((r) => r.billed), text((r) => r.voided), text((r) => r.paid), money.map(([, r]) => r.entries));
  }
  const live = [...rollup.live].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (live.length > 0) await tx.$executeRawUnsafe(LIVE_SQL, live.map(([m]) => m), live.map(([, n]) => n));
  rollup.money.clear();
  rollup.live.clear();
}

// ---- Backfill and full recomputation --------------------------------------------------------------------
// The same rows computed from the invoices: the migration that created the rollup ran these (its SQL must
// keep containing them: platform-rollup.test.ts), the benchmark's seed runs them, and tests compare them with the
// rollup kept by the writes.

export const BILLING_MONTHLY_SELECT = `SELECT date_trunc('month', k.d AT TIME ZONE 'UTC')::date AS month, i.currency,
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
GROUP BY 1, 2`;

export const SUBSCRIPTION_MONTH_LINES_SELECT = `SELECT i."subscriptionId", g::date AS month, count(*)::int AS lines
FROM invoice_lines l
JOIN invoices i ON i."tenantId" = l."tenantId" AND i.id = l."invoiceId" AND i.status IN ('open', 'paid', 'uncollectible')
CROSS JOIN LATERAL generate_series(
  date_trunc('month', (l."periodStart" AT TIME ZONE 'UTC') - interval '1 microsecond') + interval '1 month',
  (l."periodEnd" AT TIME ZONE 'UTC') - interval '1 microsecond', interval '1 month') g
WHERE l.kind = 'subscription' AND l."periodStart" IS NOT NULL AND l."periodEnd" IS NOT NULL
GROUP BY 1, 2`;

export const SUBSCRIPTION_MONTHLY_SELECT = `SELECT month, count(*)::int AS "liveAtStart" FROM subscription_month_lines WHERE lines > 0 GROUP BY 1`;

/** The backfill, in order (the migration's statements). */
export const BACKFILL_SQL = [
  `INSERT INTO "billing_monthly" ("month", "currency", "billed", "voided", "paid", "entries")\n${BILLING_MONTHLY_SELECT}`,
  `INSERT INTO "subscription_month_lines" ("subscriptionId", "month", "lines")\n${SUBSCRIPTION_MONTH_LINES_SELECT}`,
  `INSERT INTO "subscription_monthly" ("month", "liveAtStart")\n${SUBSCRIPTION_MONTHLY_SELECT}`,
];

/** Empties the rollup and recomputes it from the invoices, as the migration did: a repair tool, and how rows
 *  written around the engine (bulk imports, test fixtures, the benchmark's seed) are brought in. */
export async function rebuildRollup(db: Pick<Tx, "$executeRawUnsafe">) {
  await db.$executeRawUnsafe(`TRUNCATE billing_monthly, subscription_month_lines, subscription_monthly`);
  for (const statement of BACKFILL_SQL) await db.$executeRawUnsafe(statement);
}

/** The rollup as kept (rows that are not all zero), and as recomputed from the invoices, in one order. */
export async function rollupAndRecomputation(db: Pick<Tx, "$queryRawUnsafe">): Promise<Record<"kept" | "recomputed", Record<"money" | "lines" | "live", unknown[]>>> {
  const money = (from: string, where: string) =>
    `SELECT to_char(month, 'YYYY-MM-DD') AS month, currency, billed::text, voided::text, paid::text, entries FROM ${from} WHERE ${where} ORDER BY 1, 2`;
  const lines = (from: string) => `SELECT "subscriptionId"::text, to_char(month, 'YYYY-MM-DD') AS month, lines FROM ${from} WHERE lines <> 0 ORDER BY 1, 2`;
  const live = (from: string) => `SELECT to_char(month, 'YYYY-MM-DD') AS month, "liveAtStart" FROM ${from} WHERE "liveAtStart" <> 0 ORDER BY 1`;
  const nonZero = `billed <> 0 OR voided <> 0 OR paid <> 0 OR entries <> 0`;
  return {
    kept: {
      money: await db.$queryRawUnsafe(money("billing_monthly", nonZero)),
      lines: await db.$queryRawUnsafe(lines("subscription_month_lines")),
      live: await db.$queryRawUnsafe(live("subscription_monthly")),
    },
    recomputed: {
      money: await db.$queryRawUnsafe(money(`(${BILLING_MONTHLY_SELECT}) x`, nonZero)),
      lines: await db.$queryRawUnsafe(lines(`(${SUBSCRIPTION_MONTH_LINES_SELECT}) x`)),
      live: await db.$queryRawUnsafe(live(`(SELECT month, count(*)::int AS "liveAtStart" FROM (${SUBSCRIPTION_MONTH_LINES_SELECT}) y GROUP BY 1) x`)),
    },
  };
}
