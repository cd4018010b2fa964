// Test support for live streams: dispatches pending events the way the dispatcher does (a dispatch sequence
// per event, in outbox order, then a hub signal per tenant), and reads a subscription with a deadline.
import type { Harness } from "../../../test/harness.js";

/** Marks every pending event dispatched, in outbox order, and signals the hub; returns the signals sent. */
export async function dispatchPending(h: Pick<Harness, "db" | "hub">, { signal = true } = {}) {
  const pending = await h.db.sql.query<{ id: string }>(`SELECT id FROM events WHERE "dispatchSeq" IS NULL ORDER BY position`);
  const heads = new Map<string | null, string>();
  for (const { id } of pending) {
    const [row] = await h.db.sql.query<{ tenantId: string | null; seq: string }>(
      `UPDATE events SET "dispatchedAt" = now(), "dispatchSeq" = nextval('events_dispatch_seq') WHERE id = $1 RETURNING "tenantId", "dispatchSeq"::text AS seq`,
      [id],
    );
    heads.set(row!.tenantId, row!.seq);
  }
  const signals = [...heads].map(([tenantId, seq]) => ({ tenantId, seq }));
  if (signal) h.hub.deliver(signals);
  return signals;
}

/**
 * A reader of an async iterator with deadlines: `next(ms)` gives the next value or "timeout"; a value that
 * arrives after a timeout is kept for the following call, not lost.
 */
export function reader<T>(it: AsyncIterator<T>) {
  let pending: Promise<IteratorResult<T>> | null = null;
  return async (ms = 2_000): Promise<T | "timeout"> => {
    pending ??= it.next();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), ms);
    });
    try {
      const result = await Promise.race([pending, timeout]);
      if (result === "timeout") return result;
      pending = null;
      if (result.done) throw new Error("the stream ended");
      return result.value;
    } catch (error) {
      pending = null;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}
