// The tenant's dispatched events as they happen (the live events page; decision 0051). Each connection
// resumes from the last sequence it received (its backlog is read once, bounded), then follows a per-tenant
// feed: one reader per tenant and process that, on each hub signal, reads the new rows once and hands them
// to every connection of that tenant, so 5,000 open pages cost one query per signal, not 5,000. Each
// connection then filters by its own permissions and filters.
import { eventReadPermission, EVENTS, type EventType, type LiveEventsItem } from "@tenancy/contracts";
import type { TenantDb } from "@tenancy/db";
import type { Logger } from "pino";
import type { EventHub, HubSignal } from "../../events/hub.js";
import type { TenantScope } from "../../lib/scope.js";

/** At most this many missed events are sent on (re)connect; older ones are announced as a gap. */
export const BACKLOG_LIMIT = 500;
/** Rows a connection may have waiting to be sent; beyond that it reads them again when it catches up. */
export const MAX_QUEUED = 2_000;
/** Rows one feed read takes at a time (it reads again at once when the page was full). */
const PAGE = 500;
/** How long a connection trusts its session check before looking again (expiry; ends are signalled sooner). */
const SESSION_RECHECK_MS = 5 * 60_000;
/** After a failed feed read (database unreachable), when to try again without waiting for a signal. */
const RETRY_MS = 1_000;

/**
 * Events after which a connection checks its session again at once: they may end it (logout, deactivation,
 * password change or reset, suspension) or change its permissions (roles). Those naming a user or principal
 * wake only that one's connections, so one logout does not cost every open page a lookup.
 */
const SESSION_EVENTS = new Set<string>([
  "session.revoked", "user.deactivated", "password.changed", "user.password_reset", "user.updated", "role.updated", "role.deleted", "tenant.suspended",
]);

/** What a stream sends, with its SSE id; `data` of an event is one object per row, shared by every stream it goes to. */
export type LiveItem = { seq: string; data: LiveEventsItem };

interface Row {
  id: string;
  type: string;
  module: string;
  payload: unknown;
  createdAt: Date;
  dispatchSeq: bigint | null;
}

const SELECT = { id: true, type: true, module: true, payload: true, createdAt: true, dispatchSeq: true } as const;

type Listener = (rows: Row[]) => void;

/** One tenant's reader of new dispatched rows, shared by the connections of that tenant in this process. */
class TenantFeed {
  /** The highest sequence read so far (every row up to it has been handed out). */
  head = 0n;
  readonly listeners = new Set<Listener>();
  readonly ready: Promise<void>;
  private reading = false;
  private again = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: TenantDb,
    private readonly log: Logger,
    hub: EventHub,
    tenantId: string,
  ) {
    this.unsubscribe = hub.subscribe(tenantId, (signal) => this.onSignal(signal));
    this.ready = newestSeq(db).then((seq) => {
      this.head = seq;
    });
  }

  /** Reads a batch count: the number of queries this feed made (tests check the sharing with it). */
  reads = 0;

  private onSignal(signal: HubSignal) {
    if (!("resync" in signal) && BigInt(signal.seq) <= this.head) return;
    void this.read();
  }

  private async read(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      await this.ready;
      do {
        this.again = false;
        this.reads++;
        const rows: Row[] = await this.db.event.findMany({
          where: { dispatchSeq: { gt: this.head } },
          orderBy: { dispatchSeq: "asc" },
          take: PAGE,
          select: SELECT,
        });
        const last = rows.at(-1)?.dispatchSeq;
        if (last) this.head = last;
        if (rows.length > 0) for (const listener of this.listeners) listener(rows);
        if (rows.length === PAGE) this.again = true;
      } while (this.again && this.listeners.size > 0);
    } catch (error) {
      this.log.warn({ err: error }, "reading new events for live streams failed; trying again");
      clearTimeout(this.retry);
      this.retry = setTimeout(() => void this.read(), RETRY_MS);
    } finally {
      this.reading = false;
    }
  }

  close() {
    clearTimeout(this.retry);
    this.unsubscribe();
  }
}

/** The feeds of a hub (one per process; tests have one per harness), by tenant. */
const feedsByHub = new WeakMap<EventHub, Map<string, TenantFeed>>();

async function joinFeed(hub: EventHub, scope: TenantScope, listener: Listener): Promise<{ feed: TenantFeed; leave: () => void }> {
  let feeds = feedsByHub.get(hub);
  if (!feeds) feedsByHub.set(hub, (feeds = new Map()));
  let feed = feeds.get(scope.tenantId);
  if (!feed) {
    const created = new TenantFeed(scope.db, scope.log, hub, scope.tenantId);
    feeds.set(scope.tenantId, (feed = created));
    created.ready.catch(() => {
      // a feed that could not start is dropped, so the next connection tries afresh
      if (feeds.get(scope.tenantId) === created) feeds.delete(scope.tenantId);
      created.close();
    });
  }
  await feed.ready;
  // Joined in the same tick as `head` is read by the caller: every row after it reaches the listener.
  feed.listeners.add(listener);
  const joined = feed;
  const leave = () => {
    joined.listeners.delete(listener);
    if (joined.listeners.size === 0 && feeds.get(scope.tenantId) === joined) {
      feeds.delete(scope.tenantId);
      joined.close();
    }
  };
  return { feed: joined, leave };
}

/** The feed of a tenant in this process, if one is open (for tests). */
export function feedOf(hub: EventHub, tenantId: string): { reads: number; listeners: number; head: bigint } | undefined {
  const feed = feedsByHub.get(hub)?.get(tenantId);
  return feed && { reads: feed.reads, listeners: feed.listeners.size, head: feed.head };
}

async function newestSeq(db: TenantDb): Promise<bigint> {
  const row = await db.event.findFirst({ where: { dispatchSeq: { not: null } }, orderBy: { dispatchSeq: "desc" }, select: { dispatchSeq: true } });
  return row?.dispatchSeq ?? 0n;
}

/** The events after `from` up to `to` (both dispatch sequences), at most BACKLOG_LIMIT of the newest, and how many were left out. */
async function backlog(db: TenantDb, from: bigint, to: bigint): Promise<{ rows: Row[]; missed: number }> {
  const where = { dispatchSeq: { gt: from, lte: to } };
  const newest: Row[] = await db.event.findMany({ where, orderBy: { dispatchSeq: "desc" }, take: BACKLOG_LIMIT + 1, select: SELECT });
  if (newest.length <= BACKLOG_LIMIT) return { rows: newest.reverse(), missed: 0 };
  const kept = newest.slice(0, BACKLOG_LIMIT).reverse();
  const missed = await db.event.count({ where: { dispatchSeq: { gt: from, lt: kept[0]!.dispatchSeq! } } });
  return { rows: kept, missed };
}

export interface LiveOptions {
  types?: string[];
  modules?: string[];
  /** The last sequence the client received (SSE Last-Event-ID); without it, the stream starts now. */
  lastEventId?: string | null;
  /** Ends the stream: the client went away (or the server stops). */
  signal: AbortSignal;
  /** Looks at the session again: its current permissions, or throws the error that ended it. */
  recheck: () => Promise<ReadonlySet<string>>;
}

function parseSeq(id: string | null | undefined): bigint | null {
  if (!id || !/^\d{1,30}$/.test(id)) return null;
  return BigInt(id);
}

/**
 * Opens the stream of one connection: joins the tenant's feed at once (so the position is fixed when the
 * connection opens, before anything is sent), then yields the backlog after `lastEventId` and every new
 * event the user may see.
 */
export async function openLiveEvents(scope: TenantScope, hub: EventHub, options: LiveOptions): Promise<AsyncGenerator<LiveItem>> {
  const { signal } = options;
  const queue: Row[][] = [];
  let queued = 0;
  /** Set when the queue overflowed: the rows up to this sequence are read again from the database. */
  let rereadTo: bigint | null = null;
  let wake: (() => void) | null = null;
  const rouse = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const { feed, leave } = await joinFeed(hub, scope, (rows) => {
    // A connection that does not keep up (a stalled client) holds at most MAX_QUEUED rows: beyond that its
    // queue is dropped and, when it catches up, it reads from where it was, bounded like a reconnect.
    if (rereadTo !== null || queued + rows.length > MAX_QUEUED) {
      queue.length = 0;
      queued = 0;
      rereadTo = rows.at(-1)?.dispatchSeq ?? rereadTo;
    } else {
      queue.push(rows);
      queued += rows.length;
    }
    rouse();
  });
  const joinedAt = feed.head;
  let recheckDue = false;
  const timer = setInterval(() => {
    recheckDue = true;
    rouse();
  }, SESSION_RECHECK_MS);
  timer.unref();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    signal.removeEventListener("abort", onAbort);
    leave();
  };
  // Also when the stream is never read (the connection closed before the first event was asked for).
  const onAbort = () => {
    rouse();
    close();
  };
  signal.addEventListener("abort", onAbort);
  if (signal.aborted) close();

  const types = options.types?.length ? new Set(options.types) : null;
  const modules = options.modules?.length ? new Set(options.modules) : null;
  let permissions = scope.permissions;
  const visible = (row: Row): boolean =>
    (!types || types.has(row.type)) && (!modules || modules.has(row.module)) && mayRead(permissions, row.type);

  async function* stream(): AsyncGenerator<LiveItem> {
    try {
      const resumeFrom = parseSeq(options.lastEventId);
      let last = resumeFrom ?? joinedAt;
      // The backlog of a resume: the rows after the client's last one, up to where this connection joined.
      if (resumeFrom !== null && resumeFrom < joinedAt) rereadTo = joinedAt;
      while (!signal.aborted) {
        let batch: Row[];
        if (rereadTo !== null) {
          const to = rereadTo;
          rereadTo = null;
          const { rows, missed } = await backlog(scope.db, last, to);
          if (missed > 0) yield { seq: String(rows[0]!.dispatchSeq! - 1n), data: { kind: "gap", missed } };
          batch = rows;
        } else if (queue.length > 0) {
          batch = queue.shift()!;
          queued -= batch.length;
        } else if (recheckDue) {
          batch = [];
        } else {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          continue;
        }
        for (const row of batch) if (mayEndSession(row, scope.actor.id)) recheckDue = true;
        if (recheckDue) {
          recheckDue = false;
          permissions = await options.recheck();
        }
        for (const row of batch) {
          if (row.dispatchSeq === null || row.dispatchSeq <= last) continue;
          last = row.dispatchSeq;
          if (visible(row)) yield itemOf(row);
        }
      }
      // Ended by the server or the client, not by the stream itself: an abort, so the client reconnects.
      signal.throwIfAborted();
    } finally {
      close();
    }
  }
  return stream();
}

/** The item of a row, made once: the feed hands the same rows to every stream of the tenant, which then sends the same object (serialized once). */
const items = new WeakMap<Row, LiveItem>();
function itemOf(row: Row): LiveItem {
  let item = items.get(row);
  if (!item) {
    const seq = String(row.dispatchSeq);
    item = { seq, data: { kind: "event", event: { seq, id: row.id, type: row.type, module: row.module, payload: row.payload, createdAt: row.createdAt } } };
    items.set(row, item);
  }
  return item;
}

/** Whether an event may end this principal's session or change its permissions: about them, or about everyone (a role, the tenant). */
function mayEndSession(row: Row, principalId: string | null): boolean {
  if (!SESSION_EVENTS.has(row.type)) return false;
  const payload = row.payload as { principalId?: unknown; userId?: unknown } | null;
  const subject = payload?.principalId ?? payload?.userId;
  return typeof subject !== "string" || subject === principalId;
}

/** Whether a user holding `permissions` may see an event of this type (unknown and platform-only types: no). */
function mayRead(permissions: ReadonlySet<string>, type: string): boolean {
  if (!(type in EVENTS)) return false;
  const needed = eventReadPermission(type as EventType);
  return needed !== null && permissions.has(needed);
}
