// The event dispatcher (decision 49): reads committed outbox events, per tenant in the order they became
// visible, and hands them to every consumer inside one transaction that also marks them dispatched, so a
// consumer's writes and the dispatch mark commit together (a crash loses or repeats nothing).
//
// Several dispatchers (API and worker processes) run at once: each batch takes a transaction-scoped advisory
// lock per tenant it works on and skips tenants another dispatcher holds, then claims rows with SKIP LOCKED.
// Holding the tenant's lock until commit makes the dispatch sequence of a tenant follow commit order: the
// next batch of that tenant can only draw numbers after this one is visible.
import { listen, type Database, type Listening } from "@tenancy/db";
import type { EventType } from "@tenancy/contracts";
import type { Services } from "../lib/scope.js";
import type { Consumer, ConsumerResult, OutboxEvent } from "./consumer.js";
import { DISPATCHED_CHANNEL, type DispatchedSignal } from "./hub.js";

export const OUTBOX_CHANNEL = "tenancy_outbox";
/** First key of the two-key advisory lock: the dispatcher's namespace (the second is the tenant's hash). */
const LOCK_NAMESPACE = 0x0d15;
/** After this many failed attempts an event is a dead letter: marked dispatched, its error kept. */
export const MAX_ATTEMPTS = 10;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 60 * 60 * 1000;
/** NOTIFY payloads must stay under 8000 bytes; keep a margin. */
const NOTIFY_MAX_BYTES = 7000;

export interface BatchResult {
  /** Events claimed by this batch (dispatched, postponed or dead-lettered). */
  claimed: number;
  dispatched: number;
  failed: number;
  deadLettered: number;
}

interface Row {
  id: string;
  position: bigint;
  tenantId: string | null;
  type: string;
  version: number;
  module: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  attempts: number;
}

/** The delay before attempt `attempts + 1`: exponential, with jitter (50-100%) so failures do not herd. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_BASE_MS * 2 ** (attempts - 1), BACKOFF_MAX_MS);
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** Splits signals into NOTIFY payloads under the size limit; a recipient list that alone is too big becomes "*". */
export function signalPayloads(signals: DispatchedSignal[]): string[] {
  const payloads: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const signal of signals) {
    let json = JSON.stringify(signal);
    if (json.length > NOTIFY_MAX_BYTES - 2) json = JSON.stringify({ ...signal, recipients: "*" });
    if (current.length > 0 && size + json.length + 1 > NOTIFY_MAX_BYTES) {
      payloads.push(`[${current.join(",")}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += json.length + 1;
  }
  if (current.length > 0) payloads.push(`[${current.join(",")}]`);
  return payloads;
}

/** Due for dispatch at $1: not dispatched, and not waiting for a retry. */
const pending = (e: string) => `${e}."dispatchedAt" IS NULL AND (${e}."nextAttemptAt" IS NULL OR ${e}."nextAttemptAt" <= $1)`;

/**
 * Dispatches one batch of due events: up to `limit` events of up to `tenants` tenants (few tenants a batch
 * keeps the per-tenant work inside consumers small, and lets other dispatchers take the rest), handed to each
 * consumer in one call. Returns what it did. `delayMs` (tests only) holds the transaction open.
 */
export async function dispatchBatch(
  services: Pick<Services, "prisma" | "clock" | "log">,
  consumers: readonly Consumer[],
  { limit = 200, tenants = 10, delayMs = 0 }: { limit?: number; tenants?: number; delayMs?: number } = {},
): Promise<BatchResult> {
  // Most batches fail nowhere: they run without savepoints (fewer round trips). When a consumer throws, that
  // transaction is rolled back whole and the batch runs again with savepoints, to isolate the failing events.
  try {
    return await runBatch(services, consumers, { limit, tenants, delayMs, careful: false });
  } catch (error) {
    if (!(error instanceof RetryCarefully)) throw error;
    return runBatch(services, consumers, { limit, tenants, delayMs, careful: true });
  }
}

/** A consumer failed in a batch run without savepoints. */
class RetryCarefully extends Error {}

async function runBatch(
  services: Pick<Services, "prisma" | "clock" | "log">,
  consumers: readonly Consumer[],
  { limit, tenants, delayMs, careful }: { limit: number; tenants: number; delayMs: number; careful: boolean },
): Promise<BatchResult> {
  const { prisma, clock, log } = services;
  const now = clock.now();
  const result: BatchResult = { claimed: 0, dispatched: 0, failed: 0, deadLettered: 0 };
  await prisma.$transaction(
    async (tx) => {
      // In one statement: the tenants with due events, oldest first; of those, the ones whose lock is free
      // (another dispatcher holds the rest: skipped, not waited for); their oldest due events. The CTEs are
      // materialized so each tenant's lock is tried once, and an event is taken only if its tenant's lock was;
      // each claimed event draws one number (in no particular order: they are sorted below).
      const claimed = await tx.$queryRawUnsafe<Array<Row & { seq: bigint }>>(
        `WITH due AS MATERIALIZED (
           SELECT "tenantId" FROM events x WHERE ${pending("x")} GROUP BY "tenantId" ORDER BY min(position) LIMIT $2
         ), mine AS MATERIALIZED (
           SELECT "tenantId" FROM due WHERE pg_try_advisory_xact_lock($3::int, hashtext(coalesce("tenantId"::text, 'platform')))
         ), claimed AS MATERIALIZED (
           SELECT e.id, e.position, e."tenantId", e.type, e.version, e.module, e.payload, e."createdAt", e.attempts FROM events e
            WHERE ${pending("e")}
              AND EXISTS (SELECT 1 FROM mine m WHERE m."tenantId" IS NOT DISTINCT FROM e."tenantId")
            ORDER BY e.position LIMIT $4 FOR UPDATE OF e SKIP LOCKED
         )
         SELECT c.*, nextval('events_dispatch_seq') AS seq FROM claimed c`,
        now,
        tenants,
        LOCK_NAMESPACE,
        limit,
      );
      if (claimed.length === 0) return;
      result.claimed = claimed.length;
      // Numbers in position order.
      const byBigint = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
      const rows = claimed.map((row) => ({ ...row, position: BigInt(row.position) })).sort((a, b) => byBigint(a.position, b.position));
      const seqs = claimed.map((row) => BigInt(row.seq)).sort(byBigint);
      const events: OutboxEvent[] = rows.map((row, i) => ({
        id: row.id,
        position: row.position,
        dispatchSeq: seqs[i]!,
        tenantId: row.tenantId,
        type: row.type as EventType,
        version: row.version,
        module: row.module,
        payload: row.payload,
        createdAt: row.createdAt,
      }));
      const attemptsOf = new Map(rows.map((row) => [row.id, row.attempts]));
      const byTenant = new Map<string | null, OutboxEvent[]>();
      for (const event of events) {
        const list = byTenant.get(event.tenantId);
        if (list) list.push(event);
        else byTenant.set(event.tenantId, [event]);
      }

      const context = { clock, log };
      const recipients = new Map<string | null, Set<string>>();
      const collect = (results: Array<ConsumerResult | void>) => {
        for (const r of results) {
          for (const [tenantId, users] of r?.recipients ?? []) {
            let set = recipients.get(tenantId);
            if (!set) recipients.set(tenantId, (set = new Set()));
            for (const user of users) set.add(user);
          }
        }
      };
      const handleAll = async (batch: OutboxEvent[]) => {
        const results: Array<ConsumerResult | void> = [];
        for (const consumer of consumers) {
          try {
            results.push(await consumer.handle(tx, batch, context));
          } catch (error) {
            throw Object.assign(new Error(`${consumer.name}: ${error instanceof Error ? error.message : String(error)}`), { cause: error });
          }
        }
        return results;
      };

      // Hands the groups' events (each group one tenant's, in order) to every consumer in one call, in a
      // savepoint when careful; on failure rolls back to it.
      const attempt = async (groups: OutboxEvent[][]): Promise<string | null> => {
        const batch = groups.flat();
        let results: Array<ConsumerResult | void>;
        if (!careful) {
          try {
            results = await handleAll(batch);
          } catch (error) {
            throw new RetryCarefully("a consumer failed", { cause: error });
          }
          collect(results);
          return null;
        }
        await tx.$executeRawUnsafe(`SAVEPOINT dispatch_try`);
        try {
          results = await handleAll(batch);
        } catch (error) {
          await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT dispatch_try`);
          await tx.$executeRawUnsafe(`RELEASE SAVEPOINT dispatch_try`);
          return error instanceof Error ? error.message : String(error);
        }
        await tx.$executeRawUnsafe(`RELEASE SAVEPOINT dispatch_try`);
        collect(results);
        return null;
      };
      const done: OutboxEvent[] = [];
      const failures: Array<{ event: OutboxEvent; error: string }> = [];
      const groups = [...byTenant.values()];
      // The whole batch at once; when a consumer fails, tenant by tenant, then the failing tenant's events one
      // by one, so only the failing events wait.
      if ((await attempt(groups)) === null) done.push(...events);
      else {
        for (const group of groups) {
          if ((await attempt([group])) === null) {
            done.push(...group);
            continue;
          }
          for (const event of group) {
            const error = await attempt([[event]]);
            if (error === null) done.push(event);
            else failures.push({ event, error });
          }
        }
      }

      // A dead letter counts as dispatched (with its number, so streams and partners still see it) and keeps its error.
      const dead: Array<{ event: OutboxEvent; error: string }> = [];
      const retry: Array<{ event: OutboxEvent; error: string; attempts: number; at: Date }> = [];
      for (const failure of failures) {
        const attempts = (attemptsOf.get(failure.event.id) ?? 0) + 1;
        if (attempts >= MAX_ATTEMPTS) dead.push(failure);
        else retry.push({ ...failure, attempts, at: new Date(now.getTime() + backoffMs(attempts)) });
      }
      const marked = [...done, ...dead.map((d) => d.event)];
      // One signal per tenant with its highest number; NOTIFY is delivered at commit, so listeners read committed rows.
      const highest = new Map<string | null, bigint>();
      for (const event of marked) {
        const seq = highest.get(event.tenantId);
        if (seq === undefined || event.dispatchSeq > seq) highest.set(event.tenantId, event.dispatchSeq);
      }
      const signals: DispatchedSignal[] = [...highest].map(([tenantId, seq]) => {
        const users = recipients.get(tenantId);
        return users && users.size > 0 ? { tenantId, seq: seq.toString(), recipients: [...users] } : { tenantId, seq: seq.toString() };
      });
      const [first, ...more] = signalPayloads(signals);
      if (marked.length > 0) {
        // The mark and the first signal in one round trip.
        await tx.$queryRawUnsafe(
          `WITH marked AS (
             UPDATE events e SET "dispatchSeq" = v.seq, "dispatchedAt" = $3, "nextAttemptAt" = NULL
               FROM unnest($1::uuid[], $2::bigint[]) AS v(id, seq) WHERE e.id = v.id RETURNING 1
           )
           SELECT (SELECT count(*) FROM marked)::int AS n, pg_notify($4, $5)::text AS notified`,
          marked.map((e) => e.id),
          marked.map((e) => e.dispatchSeq.toString()),
          now,
          DISPATCHED_CHANNEL,
          first,
        );
      }
      for (const payload of more) await tx.$queryRawUnsafe(`SELECT pg_notify($1, $2)::text`, DISPATCHED_CHANNEL, payload);

      if (dead.length > 0) {
        await tx.$executeRawUnsafe(
          `UPDATE events e SET attempts = e.attempts + 1, "lastError" = v.error FROM unnest($1::uuid[], $2::text[]) AS v(id, error) WHERE e.id = v.id`,
          dead.map((d) => d.event.id),
          dead.map((d) => d.error.slice(0, 2000)),
        );
        for (const d of dead) log.error({ eventId: d.event.id, tenantId: d.event.tenantId, type: d.event.type, error: d.error }, "event dead-lettered after repeated dispatch failures");
      }
      if (retry.length > 0) {
        await tx.$executeRawUnsafe(
          `UPDATE events e SET attempts = v.attempts, "nextAttemptAt" = v.at, "lastError" = v.error
             FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::text[]) AS v(id, attempts, at, error) WHERE e.id = v.id`,
          retry.map((r) => r.event.id),
          retry.map((r) => r.attempts),
          retry.map((r) => r.at),
          retry.map((r) => r.error.slice(0, 2000)),
        );
        for (const r of retry) log.warn({ eventId: r.event.id, attempts: r.attempts, retryAt: r.at, error: r.error }, "event dispatch failed; will retry");
      }

      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      result.dispatched = done.length;
      result.failed = retry.length;
      result.deadLettered = dead.length;
    },
    // Many dispatchers may queue for the pool's connections; a batch of consumers' writes may take a while.
    { maxWait: 60_000, timeout: 60_000 },
  );
  return result;
}

export interface Dispatcher {
  /** Runs a batch loop now (as a NOTIFY does); resolves when the loop it joined is over. */
  wake(): Promise<void>;
  /** Stops waking, and waits for the batch in flight. */
  stop(): Promise<void>;
}

export interface DispatcherOptions {
  pollMs?: number;
  limit?: number;
  /** Listen for outbox commits (default); false leaves only polling. */
  listen?: boolean;
  /** Tests only: holds each batch's transaction open this long, so a crash can land mid-batch. */
  delayMs?: number;
}

/** Dispatches in a loop: woken by NOTIFY on commits, polling as the fallback; one batch at a time. */
export async function startDispatcher(
  services: Pick<Services, "prisma" | "clock" | "log">,
  db: Pick<Database, "kind" | "pglite" | "url">,
  consumers: readonly Consumer[],
  { pollMs = 1000, limit = 200, listen: useListen = true, delayMs = 0 }: DispatcherOptions = {},
): Promise<Dispatcher> {
  const { log } = services;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const loop = async () => {
    do {
      again = false;
      try {
        // Full batches mean more may be waiting: go on at once.
        for (;;) {
          if (stopped) return;
          const batch = await dispatchBatch(services, consumers, { limit, delayMs });
          if (batch.claimed < limit) break;
        }
      } catch (err) {
        log.error({ err }, "event dispatch batch failed");
        return;
      }
    } while (again && !stopped);
  };
  const wake = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    clearTimeout(timer);
    running = loop().finally(() => {
      running = null;
      if (!stopped) {
        timer = setTimeout(() => void wake(), pollMs);
        timer.unref();
      }
    });
    return running;
  };

  let listening: Listening | null = null;
  if (useListen) {
    try {
      listening = await listen(db, OUTBOX_CHANNEL, () => void wake(), {
        onReconnect: () => void wake(),
        onError: (err) => log.warn({ err }, "outbox listener error; polling meanwhile"),
      });
    } catch (err) {
      log.warn({ err }, "cannot LISTEN for outbox commits; dispatching by polling only");
    }
  }
  void wake();
  return {
    wake,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await listening?.close();
      await running;
    },
  };
}
