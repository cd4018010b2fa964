// tRPC instance: superjson for dates, our metadata (permission, OpenAPI), and the error formatter.
import { initTRPC } from "@trpc/server";
import type { Permission, ProductModuleKey } from "@tenancy/contracts";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import type { Context } from "./context.js";
import { formatError } from "./errors.js";

export interface Meta extends OpenApiMeta {
  /** The permission a tenant procedure requires; checked by one middleware. */
  permission?: Permission;
  /** The module a tenant procedure belongs to: closed unless the tenant's subscription to it is live and activated. */
  module?: ProductModuleKey;
  /** Callable while the caller must still change a generated password. */
  allowPendingPasswordChange?: boolean;
  /**
   * `false` for a self-service mutation that changes only the caller's own reading state (notifications
   * read or archived): nothing another person relies on, so no audit entry (decision 50). Nothing else.
   */
  audited?: false;
}

export const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    isDev: false,
    // Subscriptions over Server-Sent Events (decision 0051): a ping every 10 s keeps proxies and load
    // balancers from cutting an idle stream, and tells the client to reconnect (with its last event id)
    // when 30 s pass without one. No maximum duration: tRPC ends such a stream with `return`, which the
    // client takes as the end rather than reconnecting; the session is checked again during the stream.
    sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 30_000 } },
    errorFormatter({ shape, error, ctx }) {
      const { message, data } = formatError(error, ctx?.request.requestId ?? undefined);
      return { ...shape, message, data: { ...data, path: shape.data.path } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
