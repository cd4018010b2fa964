// The live inbox: a snapshot at start and after every hub signal that names the reader ("*" or a resync
// too). Signals that arrive while a snapshot is being read are folded into one more read, never lost.
import { createHash } from "node:crypto";
import type { EventHub, HubSignal } from "../../events/hub.js";

/** Whether a signal may concern this reader. */
export const concerns = (signal: HubSignal, readerId: string) => "resync" in signal || signal.recipients === "*" || (signal.recipients?.includes(readerId) ?? false);

/**
 * Yields once at start and once after each batch of signals concerning the reader, until `abort`.
 * `read` is called for each turn; what it returns is yielded with an id that is a digest of its content;
 * null ends the stream (the reader may no longer read).
 */
export async function* snapshots<T>(hub: EventHub, topic: string | null, readerId: string, read: () => Promise<T | null>, abort: AbortSignal | undefined, lastEventId?: string | null): AsyncGenerator<{ id: string; data: T }> {
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
  let last = lastEventId ?? null;
  try {
    while (!abort?.aborted) {
      if (!dirty) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (abort?.aborted) break;
      dirty = false;
      const data = await read();
      if (data === null) return;
      const id = createHash("sha256").update(JSON.stringify(data)).digest("base64url").slice(0, 22);
      // The same snapshot as the one the client saw last (a reconnect, or a signal that changed nothing) is not sent again.
      if (id === last) continue;
      last = id;
      yield { id, data };
    }
  } finally {
    unsubscribe();
    abort?.removeEventListener("abort", poke);
  }
}
