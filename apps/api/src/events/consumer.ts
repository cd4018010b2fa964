// What the dispatcher hands to each consumer (notification rules now; webhook endpoints and partner streams
// later). A consumer runs inside the dispatch transaction of a batch: what it writes commits together with
// the events' dispatch mark, or not at all. It must be idempotent all the same (unique keys such as
// (rule, event, user)): an event whose batch failed is handed again.
import type { EventType } from "@tenancy/contracts";
import type { Prisma } from "@tenancy/db";
import type { Logger } from "pino";
import type { Clock } from "../lib/clock.js";

export interface OutboxEvent {
  id: string;
  /** Insert order in the outbox (not commit order). */
  position: bigint;
  /** Dispatch order, per tenant the order of commit: what live streams and partners resume from. */
  dispatchSeq: bigint;
  tenantId: string | null;
  type: EventType;
  version: number;
  module: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface ConsumerContext {
  clock: Clock;
  log: Logger;
}

/** Who a consumer wrote something for, so their live connections are woken after commit. */
export interface ConsumerResult {
  /** Per tenant (null: platform), the users (or platform admins) with something new. */
  recipients?: Map<string | null, Set<string>>;
}

export interface Consumer {
  /** Stable name, used in logs and in the dispatch failure record. */
  readonly name: string;
  /**
   * Handles a batch inside the dispatch transaction: the events of one or more tenants (and of the platform),
   * each tenant's in dispatch order. One call per batch keeps a consumer's statements few: group by tenant
   * inside when the work is per tenant.
   */
  handle(tx: Prisma.TransactionClient, events: OutboxEvent[], context: ConsumerContext): Promise<ConsumerResult | void>;
}
