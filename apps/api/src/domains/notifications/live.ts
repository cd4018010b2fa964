// The live inbox: a snapshot at start and after every hub signal that names the reader ("*" or a resync
// too). Signals that arrive while a snapshot is being read are folded into one more read, never lost.
import { createHash } from "node:crypto";
import type { EventHub, HubSignal } from "../../events/hub.js";

/** Whether a signal may concern this reader. */
export const concerns = (signal: HubSignal, readerId: string) => "resync" in signal || signal.recipients === "*" || (signal.recipients?.includes(readerId) ?? false);

/** How often an idle stream looks at its session again (expiry; a logout elsewhere wakes nothing here). */
const SESSION_RECHECK_MS = 5 * 60_000;

export interface SnapshotOptions {
  signal?: AbortSignal;
  /** The id of the snapshot the client saw last (a reconnect): the same one is not sent again. */
  lastEventId?: string | null;
  /**
   * Looks at the session again; throws the error that ended it. Called before every read but the first
   * (which follows the request's own check), and every 5 minutes: a session that ended (logout elsewhere,
   * password reset) gets no more snapshots, and its stream ends with that error.
   */
  recheck?: () => Promise<void>;
}

/**
 * Yields once at start and once after each batch of signals concerning the reader, until `signal` aborts.
 * `read` is called for each turn; what it returns is yielded with an id that is a digest of its content;
 * null ends the stream (the reader may no longer read).
 */
export async function* snapshots<T>(hub: EventHub, topic: string | null, readerId: string, read: () => Promise<T | null>, { signal: abort, lastEventId, recheck }: SnapshotOptions = {}): AsyncGenerator<{ id: string; data: T }> {
  let dirty = true;
  let wake: (() => void) | null = null;
  const poke = () => {
    dirty = true;
    wake?.();
  };
  const unsubscribe = hub.subscribe(topic, (signal) => {
    if (concerns(signal, readerId)) poke();
  });
  abort?.addEventListener("abort", poke);
  const timer = recheck ? setInterval(poke, SESSION_RECHECK_MS) : undefined;
  timer?.unref();
  let last = lastEventId ?? null;
  let first = true;
  try {
    while (!abort?.aborted) {
      if (!dirty) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (abort?.aborted) break;
      dirty = false;
      if (!first) await recheck?.();
      first = false;
      const data = await read();
      if (data === null) return;
      const id = createHash("sha256").update(JSON.stringify(data)).digest("base64url").slice(0, 22);
      // The same snapshot as the one the client saw last (a reconnect, or a signal that changed nothing) is not sent again.
      if (id === last) continue;
      last = id;
      yield { id, data };
    }
  } finally {
    clearInterval(timer);
    unsubscribe();
    abort?.removeEventListener("abort", poke);
  }
}
