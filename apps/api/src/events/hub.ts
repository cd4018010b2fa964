// The process's hub of live signals: one LISTEN on `tenancy_dispatched` per process, fanned out in memory to
// the live subscriptions (the bell, the inbox, the live events page; later partner streams) of the tenant it
// names. A signal only says "there is something new up to here": subscribers read the rows themselves, by
// cursor, so a signal lost or merged (NOTIFY folds duplicates in one transaction) costs nothing but latency,
// and a reconnect of the listening connection sends `resync` so every subscriber reads again.
import { listen, type Database } from "@tenancy/db";

export const DISPATCHED_CHANNEL = "tenancy_dispatched";

export interface DispatchedSignal {
  /** The tenant whose events were dispatched; null for platform events. */
  tenantId: string | null;
  /** The highest dispatch sequence of this tenant in the batch (a bigint as a string). */
  seq: string;
  /** Users of that tenant (or platform admins, for null) with new notifications; "*" when too many to list. */
  recipients?: string[] | "*";
}
export type HubSignal = DispatchedSignal | { resync: true };

export interface EventHub {
  /** Calls `listener` with every signal about `tenantId` (null: platform) and every resync; returns the unsubscribe. */
  subscribe(tenantId: string | null, listener: (signal: HubSignal) => void): () => void;
  /** Delivers signals as if they came from the database (the dispatcher's NOTIFY payload, parsed). */
  deliver(signals: HubSignal[]): void;
  /** How many listeners are registered (for the benchmark and tests). */
  size(): number;
  close(): Promise<void>;
}

const PLATFORM = "platform";

/** A hub fed by `deliver` only (tests, or a process whose dispatcher runs in process). */
export function memoryHub(): EventHub {
  const topics = new Map<string, Set<(signal: HubSignal) => void>>();
  let count = 0;
  return {
    subscribe(tenantId, listener) {
      const key = tenantId ?? PLATFORM;
      let set = topics.get(key);
      if (!set) topics.set(key, (set = new Set()));
      set.add(listener);
      count++;
      return () => {
        if (set.delete(listener)) count--;
        if (set.size === 0 && topics.get(key) === set) topics.delete(key);
      };
    },
    deliver(signals) {
      for (const signal of signals) {
        const targets = "resync" in signal ? [...topics.values()].flatMap((s) => [...s]) : [...(topics.get(signal.tenantId ?? PLATFORM) ?? [])];
        for (const listener of targets) {
          try {
            listener(signal);
          } catch {
            // one subscriber's failure is its own; the others still hear the signal
          }
        }
      }
    },
    size: () => count,
    async close() {
      topics.clear();
      count = 0;
    },
  };
}

/** Parses a NOTIFY payload of the dispatcher: a JSON array of signals; anything else is ignored. */
export function parseSignals(payload: string): DispatchedSignal[] {
  try {
    const parsed: unknown = JSON.parse(payload);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((s): s is DispatchedSignal => typeof s === "object" && s !== null && typeof (s as DispatchedSignal).seq === "string");
  } catch {
    return [];
  }
}

/** The hub of a process: listens on the database for the dispatcher's signals. */
export async function createHub(db: Pick<Database, "kind" | "pglite" | "url">, onError: (error: unknown) => void = () => undefined): Promise<EventHub> {
  const hub = memoryHub();
  const listening = await listen(db, DISPATCHED_CHANNEL, (payload) => hub.deliver(parseSignals(payload)), {
    onReconnect: () => hub.deliver([{ resync: true }]),
    onError,
  });
  return {
    ...hub,
    async close() {
      await listening.close();
      await hub.close();
    },
  };
}
