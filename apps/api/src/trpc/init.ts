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
    errorFormatter({ shape, error, ctx }) {
      const { message, data } = formatError(error, ctx?.request.requestId ?? undefined);
      return { ...shape, message, data: { ...data, path: shape.data.path } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
