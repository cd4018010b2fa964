// LISTEN on a channel of either runtime. PGlite delivers notifications in process; on PostgreSQL a
// connection of its own listens and reconnects when it drops (with backoff), calling `onReconnect` so the
// caller can catch up on what it may have missed while disconnected (NOTIFY is not stored).
import pg from "pg";
import type { Database } from "./client.js";

export interface Listening {
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

export async function listen(
  db: Pick<Database, "kind" | "pglite" | "url">,
  channel: string,
  onMessage: (payload: string) => void,
  { onReconnect = () => undefined, onError = () => undefined }: { onReconnect?: () => void; onError?: (error: unknown) => void } = {},
): Promise<Listening> {
  if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${channel}`);
  if (db.kind === "pglite") {
    if (!db.pglite) throw new Error("An embedded database without its PGlite instance cannot listen.");
    const unlisten = await db.pglite.listen(channel, onMessage);
    // Closing after the database itself closed is not an error: there is nothing left to stop listening to.
    return { close: () => unlisten().catch(() => undefined) };
  }
  if (!db.url) throw new Error("A PostgreSQL database without its URL cannot listen.");
  const url = db.url;
  let closed = false;
  let client: pg.Client | null = null;
  let retryMs = 100;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on("notification", (n) => {
      if (n.channel === channel) onMessage(n.payload ?? "");
    });
    next.on("error", (error) => {
      onError(error);
      drop(next);
    });
    next.on("end", () => drop(next));
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    retryMs = 100;
  };
  const drop = (which: pg.Client) => {
    if (client !== which || closed) return;
    client = null;
    which.end().catch(() => undefined);
    schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => {
      connect()
        .then(() => {
          if (!closed) onReconnect();
        })
        .catch((error) => {
          onError(error);
          retryMs = Math.min(retryMs * 2, 5000);
          if (!closed) schedule();
        });
    }, retryMs);
    timer.unref();
  };

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
