// The billing engine, run by the billing job (jobs/billing.ts) across tenants: it ends trials, renews
// periods and issues invoices at period boundaries, then runs dunning on unpaid invoices. Safe with several
// workers at once: each batch claims due rows with FOR UPDATE SKIP LOCKED (a row is worked on by one worker,
// and the tenant's own requests wait for it, then see its lockVersion changed); a period's line carries a
// unique key, so even a bug cannot invoice a period twice; invoice numbers come from a per-year counter row
// locked in the issuing transaction, so a rolled-back invoice gives its number back and numbers have no gaps.
import type { ChargeLine, EventType } from "@tenancy/contracts";
import { uuidv7, type Prisma } from "@tenancy/db";
import { pending, record, recordAll, type RecordInput } from "../../lib/record.js";
import type { Scope } from "../../lib/scope.js";
import { findPlan, newestVersion, termsOf, type CatalogReader } from "../subscriptions/offer.js";
import { DAY_MS, firstPeriod, nextPeriod } from "../subscriptions/period.js";
import { periodLine, quantityFor } from "../subscriptions/pricing.js";
import { seatHoldersWhere } from "../subscriptions/seats.js";
import { SUBSCRIPTION_SELECT, type SubscriptionRow } from "../subscriptions/service.js";
import { isLive, transition } from "../subscriptions/state.js";
import { invoiceTransition } from "./invoice-state.js";
import { sum, taxOf } from "./money.js";
import { coverMonths, covers, flushRollup, monthStartsCovered, Rollup } from "./platform-rollup.js";

type Tx = Prisma.TransactionClient;
type Row = SubscriptionRow & { tenantId: string };

/** Where a tax engine would plug in: the rate (basis points) for a tenant's invoice. None for now. */
export const TAX_RATE_BASIS_POINTS = 0;

/** How many periods one run may catch up per subscription (a job that was down for years resumes over runs). */
const MAX_STEPS = 24;
const TX_OPTIONS = { timeout: 120_000, maxWait: 60_000 } as const;

export interface IssuedInvoice {
  id: string;
  tenantId: string;
  number: string | null;
  status: "open" | "paid";
  total: number;
  currency: string;
}

export interface BillingSettings {
  pastDueAfterDays: number;
  cancelAfterDays: number;
}

export async function billingSettings(db: Pick<Tx, "billingSettings">): Promise<BillingSettings> {
  const row = await db.billingSettings.findUnique({ where: { id: 1 }, select: { pastDueAfterDays: true, cancelAfterDays: true } });
  return row ?? { pastDueAfterDays: 7, cancelAfterDays: 14 };
}

const iso = (date: Date) => date.toISOString();
const ref = (sub: Pick<Row, "id" | "moduleKey" | "planId">) => ({ subscriptionId: sub.id, moduleKey: sub.moduleKey, planId: sub.planId });
const target = (sub: Pick<Row, "id" | "moduleKey">) => ({ type: "subscription" as const, id: sub.id, name: sub.moduleKey });

/**
 * The catalog as one batch reads it: each distinct read is made once per batch (the 50 subscriptions of a
 * batch mostly share a handful of plans), so renewing costs no catalog query per subscription. A batch sees
 * the catalog as of its first read of each row, which is what one transaction would see anyway for rows it
 * had already read.
 */
function batchCatalog(tx: Tx): CatalogReader {
  const cache = new Map<string, Promise<unknown>>();
  const memo =
    <A extends object>(name: string, read: (args: A) => Promise<unknown>) =>
    (args: A) => {
      const key = `${name}:${JSON.stringify(args)}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = read(args);
        // A failed read is not remembered: the savepoint rolls back and the next subscription asks again.
        hit.catch(() => cache.delete(key));
        cache.set(key, hit);
      }
      return hit;
    };
  return {
    plan: {
      findUnique: memo("plan.findUnique", (args: Prisma.PlanFindUniqueArgs) => tx.plan.findUnique(args)),
      findFirst: memo("plan.findFirst", (args: Prisma.PlanFindFirstArgs) => tx.plan.findFirst(args)),
      findMany: (args: Prisma.PlanFindManyArgs) => tx.plan.findMany(args),
      count: (args: Prisma.PlanCountArgs) => tx.plan.count(args),
    },
    module: {
      findUnique: memo("module.findUnique", (args: Prisma.ModuleFindUniqueArgs) => tx.module.findUnique(args)),
      findFirst: (args: Prisma.ModuleFindFirstArgs) => tx.module.findFirst(args),
      findMany: (args: Prisma.ModuleFindManyArgs) => tx.module.findMany(args),
      count: (args: Prisma.ModuleCountArgs) => tx.module.count(args),
    },
  } as unknown as CatalogReader;
}

// ---- Invoices ------------------------------------------------------------------------------------------

/** The next number of `year`, from the counter row, which stays locked until the transaction ends. */
async function nextInvoiceNumber(tx: Tx, year: number): Promise<{ number: string; sequence: number }> {
  const [row] = await tx.$queryRawUnsafe<{ last: number }[]>(
    `INSERT INTO invoice_counters (year, last) VALUES ($1::int, 1)
     ON CONFLICT (year) DO UPDATE SET last = invoice_counters.last + 1 RETURNING last`,
    year,
  );
  const sequence = Number(row!.last);
  return { number: `${year}-${String(sequence).padStart(6, "0")}`, sequence };
}

/**
 * Issues one invoice of a subscription: its lines, tax (placeholder), total, a number, status open (or paid
 * when there is nothing to collect). Credits beyond the charges are carried to the next invoice. Its period
 * lines go to the subscription's month rows now (one UPSERT), its totals to `rollup` (written by the batch).
 */
export async function issueInvoice(
  tx: Tx,
  sub: Row,
  lines: ChargeLine[],
  now: Date,
  settings: BillingSettings,
  /** Where its `invoice.issued` record goes; the caller writes them (recordAll). */
  records: RecordInput<EventType>[],
  rollup: Rollup,
  /** Set-based mode (billDueSubscriptions' common path): its rows go to `batch`, numbered when it is written. */
  batch: BatchWrites | null = null,
): Promise<IssuedInvoice> {
  const id = uuidv7(now.getTime());
  const all = [...lines];
  let subtotal = sum(all.map((l) => l.amount));
  if (subtotal < 0) {
    // More credit than charges: the invoice is settled at zero and the rest waits for the next one.
    all.push({ kind: "credit", description: "Credit carried to the next invoice", planId: null, quantity: 1, unitAmount: -subtotal, amount: -subtotal, periodStart: null, periodEnd: null });
    // Rare: a carried credit is a pending charge a later step of the same subscription reads back.
    if (batch) throw new NotSetBased("credit carried");
    await tx.pendingCharge.create({
      data: { id: uuidv7(now.getTime()), tenantId: sub.tenantId, subscriptionId: sub.id, kind: "credit", description: "Credit carried from a previous invoice", unitAmount: subtotal, amount: subtotal, createdAt: now },
    });
    subtotal = 0;
  }
  const tax = taxOf(subtotal, TAX_RATE_BASIS_POINTS);
  const total = subtotal + tax;
  const year = now.getUTCFullYear();
  const numbered = batch ? { number: "", sequence: 0 } : await nextInvoiceNumber(tx, year);
  const { number, sequence } = numbered;
  const open = invoiceTransition("draft", "finalize");
  const status = total > 0 ? open : invoiceTransition(open, "pay");
  const invoiceRow = {
    id,
    tenantId: sub.tenantId,
    subscriptionId: sub.id,
    number,
    year,
    sequence,
    status,
    currency: sub.currency,
    subtotal,
    taxRateBasisPoints: TAX_RATE_BASIS_POINTS,
    tax,
    total,
    issuedAt: now,
    dueAt: now,
    paidAt: status === "paid" ? now : null,
    nextDunningAt: status === "open" ? new Date(now.getTime() + settings.pastDueAfterDays * DAY_MS) : null,
    createdAt: now,
  };
  const lineRows = all.map((line, position) => ({
    id: uuidv7(now.getTime()),
    tenantId: sub.tenantId,
    invoiceId: id,
    position,
    kind: line.kind,
    moduleKey: sub.moduleKey,
    planId: line.planId,
    description: line.description,
    quantity: line.quantity,
    unitAmount: line.unitAmount,
    amount: line.amount,
    periodStart: line.periodStart,
    periodEnd: line.periodEnd,
    periodKey: line.kind === "subscription" && line.periodStart ? `${sub.id}/${iso(line.periodStart)}` : null,
  }));
  if (!batch) {
    await tx.invoice.create({ data: invoiceRow });
    await tx.invoiceLine.createMany({ data: lineRows });
  }
  rollup.invoice(null, { status, currency: sub.currency, total, issuedAt: now, paidAt: status === "paid" ? now : null, voidedAt: null });
  if (batch) batch.cover.push({ subscriptionId: sub.id, lines: all });
  else await coverMonths(tx, rollup, sub.id, all, 1);
  const invoice = { invoiceId: id, number, subscriptionId: sub.id, total, currency: sub.currency };
  const issuedRecord = {
    type: "invoice.issued" as const,
    tenantId: sub.tenantId,
    target: { type: "invoice" as const, id, name: number },
    changes: { number, status, total, currency: sub.currency, lines: all.length },
    payload: { ...invoice, status },
  };
  records.push(pending(issuedRecord));
  const issued: IssuedInvoice = { id, tenantId: sub.tenantId, number, status: status as "open" | "paid", total, currency: sub.currency };
  if (batch) {
    batch.invoices.push({
      row: invoiceRow,
      lines: lineRows,
      // The number is reserved with the batch's others (one counter statement) and filled in everywhere.
      setNumber: (n) => {
        invoiceRow.number = n.number;
        invoiceRow.sequence = n.sequence;
        issuedRecord.target.name = n.number;
        issuedRecord.changes.number = n.number;
        issuedRecord.payload.number = n.number;
        issued.number = n.number;
      },
    });
  }
  return issued;
}

// ---- Subscriptions -------------------------------------------------------------------------------------

const seatsOf = (tx: Tx, sub: Row) => tx.user.count({ where: { ...seatHoldersWhere(sub.moduleKey), tenantId: sub.tenantId } });
/** Units billed for a period: the seats counted now on per-user plans (one query), else 1 (none). */
const quantityOf = async (tx: Tx, sub: Row, terms: Parameters<typeof quantityFor>[0]) => quantityFor(terms, terms.pricingModel === "per_user" ? await seatsOf(tx, sub) : 0);

/** The plan a subscription continues on at a boundary: the newest version of its (or its scheduled) plan. */
async function continuation(catalog: CatalogReader, sub: Row) {
  const base = await findPlan(catalog, sub.pendingPlanId ?? sub.planId);
  const newest = await newestVersion(catalog, base);
  const module = await catalog.module.findUnique({ where: { key: sub.moduleKey }, select: { status: true } });
  if (!module) throw new Error(`module ${sub.moduleKey} of subscription ${sub.id} not found`);
  if (newest.status === "retired" || module.status === "retired") return null;
  // A newest version without the subscription's currency: stay on the version that has it.
  const plan = termsOf(newest, sub.currency) ? newest : termsOf(base, sub.currency) ? base : null;
  return plan ? { plan, terms: termsOf(plan, sub.currency)! } : null;
}

async function currentLine(catalog: CatalogReader, sub: Row): Promise<ChargeLine> {
  const terms = termsOf(await findPlan(catalog, sub.planId), sub.currency)!;
  return periodLine(terms, sub.quantity, { start: sub.currentPeriodStart, end: sub.currentPeriodEnd });
}

/** Brings one claimed subscription up to `now`: invoices, trial end, renewals, end. Returns what it issued. */
type PendingRow = Awaited<ReturnType<Tx["pendingCharge"]["findMany"]>>[number];
const PENDING_ORDER = [{ createdAt: "asc" as const }, { id: "asc" as const }];

async function advance(
  tx: Tx,
  scope: Scope,
  read: Row,
  now: Date,
  settings: BillingSettings,
  catalog: CatalogReader,
  /** Its pending charges as the batch read them (once, for all its rows); later reads go to the database. */
  prefetched: PendingRow[],
  rollup: Rollup,
  /** Set-based mode: its writes go to `batch` instead of the database. */
  batch: BatchWrites | null = null,
): Promise<IssuedInvoice[]> {
  let firstPending: PendingRow[] | null = prefetched;
  const pendingOf = async () => {
    if (firstPending) {
      const rows = firstPending;
      firstPending = null;
      return rows;
    }
    // Set-based: the first read took them all and they were all taken (a carried credit, the only pending
    // charge written here, falls back to the per-subscription path), so nothing is pending.
    if (batch) return [];
    return tx.pendingCharge.findMany({ where: { tenantId: sub.tenantId, subscriptionId: sub.id }, orderBy: PENDING_ORDER });
  };
  const id = read.id;
  const sub: Row = { ...read };
  // Its audit entries and events, written together at the end (two statements instead of two each).
  const records: RecordInput<EventType>[] = [];
  const issued: IssuedInvoice[] = [];
  for (let step = 0; step < MAX_STEPS; step++) {
    const ended = sub.currentPeriodEnd.getTime() <= now.getTime();
    if (sub.status === "active" || sub.status === "past_due") {
      // The current period, if not invoiced yet, with what is pending; pending charges alone only while the
      // period runs (after its end they go on the next period's invoice).
      const periodDue = sub.invoicedPeriodStart?.getTime() !== sub.currentPeriodStart.getTime();
      const pending = periodDue || !ended ? await pendingOf() : [];
      if (periodDue || pending.length > 0) {
        const lines: ChargeLine[] = [
          ...(periodDue ? [await currentLine(catalog, sub)] : []),
          ...pending.map(({ kind, planId, description, quantity, unitAmount, amount, periodStart, periodEnd }) => ({ kind, planId, description, quantity, unitAmount, amount, periodStart, periodEnd })),
        ];
        if (pending.length > 0) {
          if (batch) batch.takenPending.push(...pending.map((p) => p.id));
          else await tx.pendingCharge.deleteMany({ where: { id: { in: pending.map((p) => p.id) } } });
        }
        issued.push(await issueInvoice(tx, sub, lines, now, settings, records, rollup, batch));
        sub.invoicedPeriodStart = sub.currentPeriodStart;
      }
    }
    if (!ended || !isLive(sub.status)) break;

    const boundary = sub.currentPeriodEnd;
    if (sub.status === "trialing") {
      const next = sub.continueAfterTrial ? await continuation(catalog, sub) : null;
      if (!next) {
        sub.status = transition(sub.status, "expire_trial");
        sub.endedAt = boundary;
        sub.endReason = sub.continueAfterTrial ? "retired" : "trial_ended";
        records.push(pending({
          type: "subscription.trial_expired",
          tenantId: sub.tenantId,
          target: target(sub),
          changes: { status: { from: "trialing", to: sub.status } },
          payload: { ...ref(sub), reason: sub.endReason },
        }));
        break;
      }
      const period = firstPeriod(boundary, next.terms.interval);
      sub.status = transition(sub.status, "convert_trial");
      Object.assign(sub, {
        planId: next.plan.id,
        pendingPlanId: null,
        billingAnchor: boundary,
        currentPeriodStart: period.start,
        currentPeriodEnd: period.end,
        quantity: await quantityOf(tx, sub, next.terms),
      });
      records.push(pending({
        type: "subscription.trial_converted",
        tenantId: sub.tenantId,
        target: target(sub),
        changes: { status: { from: "trialing", to: sub.status }, planId: next.plan.id, periodEnd: iso(period.end) },
        payload: { ...ref(sub), periodEnd: iso(period.end) },
      }));
      continue;
    }

    const next = sub.cancelAtPeriodEnd ? null : await continuation(catalog, sub);
    if (!next) {
      const from = sub.status;
      sub.status = transition(sub.status, "end_at_period_end");
      sub.endedAt = boundary;
      sub.endReason = sub.cancelAtPeriodEnd ? "canceled" : "retired";
      records.push(pending({
        type: "subscription.ended",
        tenantId: sub.tenantId,
        target: target(sub),
        changes: { status: { from, to: sub.status }, reason: sub.endReason },
        payload: { ...ref(sub), reason: sub.endReason as "canceled" | "retired" },
      }));
      break;
    }
    const fromPlanId = sub.planId;
    const current = await findPlan(catalog, sub.planId);
    const newCycle = current.interval !== next.terms.interval;
    const period = newCycle ? firstPeriod(boundary, next.terms.interval) : nextPeriod(sub.billingAnchor, next.terms.interval, boundary);
    sub.status = transition(sub.status, "renew");
    Object.assign(sub, {
      planId: next.plan.id,
      pendingPlanId: null,
      billingAnchor: newCycle ? boundary : sub.billingAnchor,
      currentPeriodStart: period.start,
      currentPeriodEnd: period.end,
      quantity: await quantityOf(tx, sub, next.terms),
    });
    records.push(pending({
      type: "subscription.renewed",
      tenantId: sub.tenantId,
      target: target(sub),
      changes: { planId: { from: fromPlanId, to: sub.planId }, periodStart: iso(period.start), periodEnd: iso(period.end), quantity: sub.quantity },
      payload: { ...ref(sub), fromPlanId, periodStart: iso(period.start), periodEnd: iso(period.end), quantity: sub.quantity },
    }));
  }
  if (batch) {
    batch.records.push(...records);
    batch.subscriptions.push({ sub, lockVersion: read.lockVersion });
    return issued;
  }
  await recordAll(tx, scope, records);
  const { count } = await tx.subscription.updateMany({
    where: { id, lockVersion: read.lockVersion },
    data: {
      status: sub.status,
      planId: sub.planId,
      pendingPlanId: sub.pendingPlanId,
      quantity: sub.quantity,
      billingAnchor: sub.billingAnchor,
      currentPeriodStart: sub.currentPeriodStart,
      currentPeriodEnd: sub.currentPeriodEnd,
      invoicedPeriodStart: sub.invoicedPeriodStart,
      endedAt: sub.endedAt,
      endReason: sub.endReason,
      nextBillingAt: isLive(sub.status) ? sub.currentPeriodEnd : null,
      lockVersion: { increment: 1 },
    },
  });
  // The row is locked by this transaction since the claim: nobody can have changed it.
  if (count !== 1) throw new Error(`subscription ${id} changed while claimed`);
  return issued;
}

// ---- Set-based batches ---------------------------------------------------------------------------------
// The common path of a batch (decision 0048): every claimed subscription is brought up to now in memory, then
// the batch is written with one statement per kind of row (pending charges taken, the invoice numbers reserved
// as one block of the counter, invoices, lines, month rows, audit entries, events, subscriptions), instead of
// about eight per subscription. Anything unusual, or any failure, rolls the batch back to its savepoint and
// runs it again one subscription at a time (the per-subscription path above, unchanged).

/** Thrown in set-based mode by what only the per-subscription path does (a carried credit). */
class NotSetBased extends Error {}

interface BatchWrites {
  takenPending: string[];
  invoices: { row: Prisma.InvoiceCreateManyInput & { number: string; sequence: number }; lines: Prisma.InvoiceLineCreateManyInput[]; setNumber: (n: { number: string; sequence: number }) => void }[];
  cover: { subscriptionId: string; lines: { kind: string; periodStart: Date | null; periodEnd: Date | null }[] }[];
  records: RecordInput<EventType>[];
  subscriptions: { sub: Row; lockVersion: number }[];
}

const newBatchWrites = (): BatchWrites => ({ takenPending: [], invoices: [], cover: [], records: [], subscriptions: [] });

/** Reserves `count` numbers of `year` at once (the counter row stays locked until the transaction ends). */
async function reserveInvoiceNumbers(tx: Tx, year: number, count: number): Promise<{ number: string; sequence: number }[]> {
  const [row] = await tx.$queryRawUnsafe<{ last: number }[]>(
    `INSERT INTO invoice_counters (year, last) VALUES ($1::int, $2::int)
     ON CONFLICT (year) DO UPDATE SET last = invoice_counters.last + excluded.last RETURNING last`,
    year,
    count,
  );
  const first = Number(row!.last) - count + 1;
  return Array.from({ length: count }, (_, i) => ({ number: `${year}-${String(first + i).padStart(6, "0")}`, sequence: first + i }));
}

const COVER_BATCH_SQL = `WITH d AS (SELECT * FROM unnest($1::uuid[], $2::date[], $3::int[]) AS d(sid, month, n)),
u AS (
  INSERT INTO subscription_month_lines ("subscriptionId", month, lines)
  SELECT sid, month, n FROM d ORDER BY sid, month
  ON CONFLICT ("subscriptionId", month) DO UPDATE SET lines = subscription_month_lines.lines + excluded.lines
  RETURNING "subscriptionId", month, lines)
SELECT to_char(u.month, 'YYYY-MM-DD') AS month, u.lines, d.n FROM u JOIN d ON d.sid = u."subscriptionId" AND d.month = u.month`;

/** coverMonths for every invoice of the batch in one statement (counts summed per subscription and month:
 *  issuing only adds, so a month goes live once either way). */
async function coverMonthsBatch(tx: Tx, rollup: Rollup, cover: BatchWrites["cover"]) {
  const counts = new Map<string, number>();
  for (const { subscriptionId, lines } of cover) {
    for (const l of lines) {
      if (l.kind !== "subscription" || !l.periodStart || !l.periodEnd) continue;
      for (const m of monthStartsCovered(l.periodStart, l.periodEnd)) {
        const key = `${subscriptionId}|${m}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  if (counts.size === 0) return;
  const keys = [...counts.keys()].sort();
  const rows = await tx.$queryRawUnsafe<{ month: string; lines: number; n: number }[]>(
    COVER_BATCH_SQL,
    keys.map((k) => k.split("|")[0]!),
    keys.map((k) => k.split("|")[1]!),
    keys.map((k) => counts.get(k)!),
  );
  for (const r of rows) {
    const was = r.lines - r.n;
    if (was <= 0 && r.lines > 0) rollup.addLive(r.month, 1);
    if (was > 0 && r.lines <= 0) rollup.addLive(r.month, -1);
  }
}

const UPDATE_SUBSCRIPTIONS_SQL = `UPDATE subscriptions s SET
  status = v.status::"SubscriptionStatus", "planId" = v."planId", "pendingPlanId" = v."pendingPlanId", quantity = v.quantity,
  "billingAnchor" = v."billingAnchor", "currentPeriodStart" = v."currentPeriodStart", "currentPeriodEnd" = v."currentPeriodEnd",
  "invoicedPeriodStart" = v."invoicedPeriodStart", "endedAt" = v."endedAt", "endReason" = v."endReason", "nextBillingAt" = v."nextBillingAt",
  "lockVersion" = s."lockVersion" + 1, "updatedAt" = $14::timestamptz
FROM unnest($1::uuid[], $2::int[], $3::text[], $4::uuid[], $5::uuid[], $6::int[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[],
  $10::timestamptz[], $11::timestamptz[], $12::text[], $13::timestamptz[])
  AS v(id, "lockVersion", status, "planId", "pendingPlanId", quantity, "billingAnchor", "currentPeriodStart", "currentPeriodEnd",
  "invoicedPeriodStart", "endedAt", "endReason", "nextBillingAt")
WHERE s.id = v.id AND s."lockVersion" = v."lockVersion"`;

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const isoOf = (d: Date | string | null | undefined) => (d == null ? null : typeof d === "string" ? d : d.toISOString());

const INSERT_INVOICES_SQL = `INSERT INTO invoices (id, "tenantId", "subscriptionId", number, year, sequence, status, currency, subtotal,
  "taxRateBasisPoints", tax, total, "issuedAt", "dueAt", "paidAt", "nextDunningAt", "createdAt")
SELECT id, "tenantId", "subscriptionId", number, year, sequence, status::"InvoiceStatus", currency, subtotal,
  "taxRateBasisPoints", tax, total, "issuedAt", "dueAt", "paidAt", "nextDunningAt", "createdAt"
FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], $9::int[], $10::int[],
  $11::int[], $12::int[], $13::timestamptz[], $14::timestamptz[], $15::timestamptz[], $16::timestamptz[], $17::timestamptz[])
  AS v(id, "tenantId", "subscriptionId", number, year, sequence, status, currency, subtotal, "taxRateBasisPoints", tax, total,
  "issuedAt", "dueAt", "paidAt", "nextDunningAt", "createdAt")`;

const INSERT_LINES_SQL = `INSERT INTO invoice_lines (id, "tenantId", "invoiceId", position, kind, "moduleKey", "planId", description, quantity,
  "unitAmount", amount, "periodStart", "periodEnd", "periodKey")
SELECT id, "tenantId", "invoiceId", position, kind::"ChargeKind", "moduleKey", "planId", description, quantity,
  "unitAmount", amount, "periodStart", "periodEnd", "periodKey"
FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::int[], $10::int[],
  $11::int[], $12::timestamptz[], $13::timestamptz[], $14::text[])
  AS v(id, "tenantId", "invoiceId", position, kind, "moduleKey", "planId", description, quantity, "unitAmount", amount,
  "periodStart", "periodEnd", "periodKey")`;

/** Writes a batch computed in memory; returns the rollup increments of its month rows. */
async function writeBatch(tx: Tx, scope: Scope, batch: BatchWrites, now: Date, rollup: Rollup) {
  if (batch.takenPending.length > 0) await tx.pendingCharge.deleteMany({ where: { id: { in: batch.takenPending } } });
  if (batch.invoices.length > 0) {
    // Numbered in the batch's order, as the per-subscription path would; the block rolls back with the batch.
    const numbers = await reserveInvoiceNumbers(tx, now.getUTCFullYear(), batch.invoices.length);
    batch.invoices.forEach((inv, i) => inv.setNumber(numbers[i]!));
    // Raw (as the claim): Prisma compiles a createMany's every row, about 1 ms of client CPU per invoice.
    const inv = batch.invoices.map((i) => i.row);
    await tx.$executeRawUnsafe(
      INSERT_INVOICES_SQL,
      inv.map((i) => i.id),
      inv.map((i) => i.tenantId),
      inv.map((i) => i.subscriptionId),
      inv.map((i) => i.number),
      inv.map((i) => i.year ?? null),
      inv.map((i) => i.sequence),
      inv.map((i) => i.status),
      inv.map((i) => i.currency),
      inv.map((i) => i.subtotal),
      inv.map((i) => i.taxRateBasisPoints ?? 0),
      inv.map((i) => i.tax),
      inv.map((i) => i.total),
      inv.map((i) => isoOf(i.issuedAt)),
      inv.map((i) => isoOf(i.dueAt)),
      inv.map((i) => isoOf(i.paidAt)),
      inv.map((i) => isoOf(i.nextDunningAt)),
      inv.map((i) => isoOf(i.createdAt)),
    );
    const lines = batch.invoices.flatMap((i) => i.lines);
    await tx.$executeRawUnsafe(
      INSERT_LINES_SQL,
      lines.map((l) => l.id),
      lines.map((l) => l.tenantId),
      lines.map((l) => l.invoiceId),
      lines.map((l) => l.position),
      lines.map((l) => l.kind),
      lines.map((l) => l.moduleKey),
      lines.map((l) => l.planId ?? null),
      lines.map((l) => l.description),
      lines.map((l) => l.quantity),
      lines.map((l) => l.unitAmount),
      lines.map((l) => l.amount),
      lines.map((l) => isoOf(l.periodStart)),
      lines.map((l) => isoOf(l.periodEnd)),
      lines.map((l) => l.periodKey ?? null),
    );
  }
  await coverMonthsBatch(tx, rollup, batch.cover);
  await recordAll(tx, scope, batch.records);
  const subs = batch.subscriptions.map((s) => s.sub);
  if (subs.length === 0) return;
  const count = await tx.$executeRawUnsafe(
    UPDATE_SUBSCRIPTIONS_SQL,
    subs.map((s) => s.id),
    batch.subscriptions.map((s) => s.lockVersion),
    subs.map((s) => s.status),
    subs.map((s) => s.planId),
    subs.map((s) => s.pendingPlanId),
    subs.map((s) => s.quantity),
    subs.map((s) => isoOrNull(s.billingAnchor)),
    subs.map((s) => isoOrNull(s.currentPeriodStart)),
    subs.map((s) => isoOrNull(s.currentPeriodEnd)),
    subs.map((s) => isoOrNull(s.invoicedPeriodStart)),
    subs.map((s) => isoOrNull(s.endedAt)),
    subs.map((s) => s.endReason),
    subs.map((s) => (isLive(s.status) ? s.currentPeriodEnd.toISOString() : null)),
    // What Prisma's @updatedAt writes: the wall clock.
    new Date().toISOString(),
  );
  // The rows are locked by this transaction since the claim: nobody can have changed them.
  if (count !== subs.length) throw new Error(`${subs.length - count} claimed subscriptions changed while claimed`);
}

const CLAIM_DUE_SUBSCRIPTIONS = `
  SELECT id FROM subscriptions WHERE "nextBillingAt" <= $1::timestamptz
  ORDER BY "nextBillingAt", id LIMIT $2::int FOR UPDATE SKIP LOCKED`;

/** A subscription that fails is left for later (an hour), so it does not hold up the others. */
const RETRY_LATER_MS = 60 * 60 * 1000;

/**
 * One batch: claims up to `batchSize` due subscriptions and brings them up to now, set-based in one savepoint
 * (decision 0048); if that fails, or a subscription needs what only the per-subscription path does, the batch
 * rolls back to it and runs again one subscription at a time, each in a savepoint, so a subscription that
 * fails rolls back alone (its invoice number included) and is retried later. The batch's increments to the
 * analytics rollup are written once, at its end (platform-rollup.ts).
 */
export async function billDueSubscriptions(scope: Scope, { batchSize = 50 } = {}): Promise<{ claimed: number; issued: IssuedInvoice[] }> {
  const now = scope.clock.now();
  return scope.prisma.$transaction(async (tx) => {
    const claimed = await tx.$queryRawUnsafe<{ id: string }[]>(CLAIM_DUE_SUBSCRIPTIONS, now, batchSize);
    const settings = await billingSettings(tx);
    const issued: IssuedInvoice[] = [];
    // The claimed rows are locked by this transaction: read them all at once, then work on each.
    const rows = new Map(
      (await tx.subscription.findMany({ where: { id: { in: claimed.map((c) => c.id) } }, select: { ...SUBSCRIPTION_SELECT, tenantId: true } })).map((r) => [r.id, r]),
    );
    const catalog = batchCatalog(tx);
    const rollup = new Rollup();
    const pendingCharges = await tx.pendingCharge.findMany({ where: { subscriptionId: { in: claimed.map((c) => c.id) } }, orderBy: PENDING_ORDER });
    const pendingOf = (id: string) => pendingCharges.filter((p) => p.subscriptionId === id);

    // The common path: the whole batch set-based, in a savepoint.
    let setBased = false;
    if (claimed.length > 0) {
      const auditCount = scope.audit.count;
      await tx.$executeRawUnsafe("SAVEPOINT billing_batch");
      try {
        const batch = newBatchWrites();
        const own = new Rollup();
        const batchIssued: IssuedInvoice[] = [];
        for (const { id } of claimed) {
          const row = rows.get(id);
          if (!row) throw new Error(`claimed subscription ${id} not found`);
          batchIssued.push(...(await advance(tx, scope, row, now, settings, catalog, pendingOf(id), own, batch)));
        }
        await writeBatch(tx, scope, batch, now, own);
        await tx.$executeRawUnsafe("RELEASE SAVEPOINT billing_batch");
        rollup.merge(own);
        issued.push(...batchIssued);
        setBased = true;
      } catch (err) {
        await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT billing_batch");
        scope.audit.count = auditCount;
        if (!(err instanceof NotSetBased)) scope.log.warn({ err }, "billing: batch failed as a whole; run again one subscription at a time");
      }
    }

    // One subscription at a time, each in its savepoint (a batch of one, or the fallback of a batch).
    for (const { id } of setBased ? [] : claimed) {
      await tx.$executeRawUnsafe("SAVEPOINT billing_subscription");
      try {
        const row = rows.get(id);
        if (!row) throw new Error(`claimed subscription ${id} not found`);
        const own = new Rollup();
        issued.push(...(await advance(tx, scope, row, now, settings, catalog, pendingOf(id), own)));
        await tx.$executeRawUnsafe("RELEASE SAVEPOINT billing_subscription");
        rollup.merge(own);
      } catch (err) {
        await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT billing_subscription");
        scope.log.error({ err, subscriptionId: id }, "billing: subscription failed; retried in an hour");
        await tx.subscription.update({ where: { id }, data: { nextBillingAt: new Date(now.getTime() + RETRY_LATER_MS) } });
      }
    }
    await flushRollup(tx, rollup);
    return { claimed: claimed.length, issued };
  }, TX_OPTIONS);
}

// ---- Dunning -------------------------------------------------------------------------------------------

const CLAIM_OVERDUE_INVOICES = `
  SELECT id FROM invoices WHERE "nextDunningAt" <= $1::timestamptz AND status = 'open'
  ORDER BY "nextDunningAt", id LIMIT $2::int FOR UPDATE SKIP LOCKED`;

async function lockSubscription(tx: Tx, id: string): Promise<Row> {
  await tx.$queryRawUnsafe(`SELECT id FROM subscriptions WHERE id = $1::uuid FOR UPDATE`, id);
  return tx.subscription.findUniqueOrThrow({ where: { id }, select: { ...SUBSCRIPTION_SELECT, tenantId: true } });
}

async function saveSubscription(tx: Tx, sub: Row, data: Prisma.SubscriptionUncheckedUpdateManyInput) {
  const { count } = await tx.subscription.updateMany({ where: { id: sub.id, lockVersion: sub.lockVersion }, data: { ...data, lockVersion: { increment: 1 } } });
  if (count !== 1) throw new Error(`subscription ${sub.id} changed while locked`);
}

/**
 * A dunning step on one overdue invoice: after the first grace period its subscription goes past due, after
 * the second it is canceled; each step is an event.
 */
async function dunningStep(tx: Tx, scope: Scope, invoiceId: string, now: Date, settings: BillingSettings) {
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  const sub = await lockSubscription(tx, invoice.subscriptionId);
  const stage = invoice.dunningStage + 1;
  const invoiceRef = { invoiceId, number: invoice.number, subscriptionId: sub.id, total: invoice.total, currency: invoice.currency };
  await record(tx, scope, {
    type: "invoice.overdue",
    tenantId: invoice.tenantId,
    target: { type: "invoice", id: invoiceId, name: invoice.number },
    changes: { dunningStage: { from: invoice.dunningStage, to: stage } },
    payload: { ...invoiceRef, stage },
  });
  let status = sub.status;
  if (status === "active") {
    status = transition(status, "payment_overdue");
    await record(tx, scope, {
      type: "subscription.past_due",
      tenantId: sub.tenantId,
      target: target(sub),
      changes: { status: { from: sub.status, to: status } },
      payload: { ...ref(sub), invoiceId },
    });
  }
  const ending = stage >= 2 && status === "past_due";
  if (ending) {
    const from = status;
    status = transition(status, "dunning_cancel");
    await record(tx, scope, {
      type: "subscription.ended",
      tenantId: sub.tenantId,
      target: target(sub),
      changes: { status: { from, to: status }, reason: "unpaid" },
      payload: { ...ref(sub), reason: "unpaid" },
    });
  }
  if (status !== sub.status) {
    await saveSubscription(tx, sub, { status, ...(ending ? { endedAt: now, endReason: "unpaid", nextBillingAt: null } : {}) });
  }
  const issued = invoice.issuedAt ?? invoice.createdAt;
  await tx.invoice.update({
    where: { id: invoiceId },
    data: { dunningStage: stage, nextDunningAt: stage >= 2 ? null : new Date(issued.getTime() + (settings.pastDueAfterDays + settings.cancelAfterDays) * DAY_MS) },
  });
}

export async function runDunning(scope: Scope, { batchSize = 50 } = {}): Promise<number> {
  const now = scope.clock.now();
  return scope.prisma.$transaction(async (tx) => {
    const claimed = await tx.$queryRawUnsafe<{ id: string }[]>(CLAIM_OVERDUE_INVOICES, now, batchSize);
    const settings = await billingSettings(tx);
    for (const { id } of claimed) await dunningStep(tx, scope, id, now, settings);
    return claimed.length;
  }, TX_OPTIONS);
}

// ---- Settling invoices (platform admin, or a gateway that reports a payment) ----------------------------

/**
 * Paid or void: the invoice is settled; its subscription, past due, is active again when no other invoice
 * of it is overdue. Uncollectible: settled as lost, the subscription left as it is.
 */
export async function settleInvoice(tx: Tx, scope: Scope, invoiceId: string, event: "pay" | "void" | "mark_uncollectible") {
  await tx.$queryRawUnsafe(`SELECT id FROM invoices WHERE id = $1::uuid FOR UPDATE`, invoiceId);
  const invoice = await tx.invoice.findUnique({ where: { id: invoiceId } });
  if (!invoice) return null;
  const status = invoiceTransition(invoice.status, event);
  const now = scope.clock.now();
  const stamp = event === "pay" ? { paidAt: now } : event === "void" ? { voidedAt: now } : { uncollectibleAt: now };
  await tx.invoice.update({ where: { id: invoiceId }, data: { status, ...stamp, nextDunningAt: null } });
  const rollup = new Rollup();
  rollup.invoice(invoice, { ...invoice, status, ...stamp });
  const invoiceRef = { invoiceId, number: invoice.number, subscriptionId: invoice.subscriptionId, total: invoice.total, currency: invoice.currency };
  await record(tx, scope, {
    type: event === "pay" ? "invoice.paid" : event === "void" ? "invoice.voided" : "invoice.marked_uncollectible",
    tenantId: invoice.tenantId,
    target: { type: "invoice", id: invoiceId, name: invoice.number },
    changes: { status: { from: invoice.status, to: status } },
    payload: invoiceRef,
  });
  if (event !== "mark_uncollectible") {
    const sub = await lockSubscription(tx, invoice.subscriptionId);
    // Its subscription locked (as the billing job holds it while issuing), a voided invoice's period lines
    // leave the subscription's month rows.
    if (covers(invoice.status) && !covers(status)) {
      const lines = await tx.invoiceLine.findMany({ where: { tenantId: invoice.tenantId, invoiceId, kind: "subscription" }, select: { kind: true, periodStart: true, periodEnd: true } });
      await coverMonths(tx, rollup, sub.id, lines, -1);
    }
    const overdue = await tx.invoice.count({ where: { subscriptionId: sub.id, status: "open", dunningStage: { gte: 1 }, id: { not: invoiceId } } });
    if (sub.status === "past_due" && overdue === 0) {
      const next = transition(sub.status, "payment_received");
      await saveSubscription(tx, sub, { status: next });
      await record(tx, scope, {
        type: "subscription.payment_received",
        tenantId: sub.tenantId,
        target: target(sub),
        changes: { status: { from: sub.status, to: next } },
        payload: { ...ref(sub), invoiceId },
      });
    }
  }
  await flushRollup(tx, rollup);
  return invoiceId;
}
