// events: the event catalog (every event type, for the admin app and for partners) and the tenant's
// events live, over SSE (live-service.ts; decision 0051).
import { EventCatalogOutput, eventCatalog, LiveEventsInput } from "@tenancy/contracts";
import { tracked } from "@trpc/server";
import { z } from "zod";
import type { TenantScope } from "../../lib/scope.js";
import type { Context } from "../../trpc/context.js";
import { toAppError, toTRPCError } from "../../trpc/errors.js";
import { router } from "../../trpc/init.js";
import { recheckSession, assertUsableSession } from "../../trpc/middlewares/session.js";
import { tenantOf } from "../../trpc/middlewares/roles.js";
import { authedProcedure, tenantProcedure } from "../../trpc/procedures.js";
import { openLiveEvents } from "./live-service.js";

const LIVE_PERMISSION = "audit.read";

export const eventsRouter = router({
  /** Every event type with its module, descriptions, version, payload JSON Schema, sample and permission. */
  catalog: authedProcedure
    .input(z.void())
    .output(EventCatalogOutput)
    .query(() => ({ events: eventCatalog() })),
  /** The tenant's dispatched events as they happen, resuming after `lastEventId` (tracked: the SSE event id). */
  live: tenantProcedure
    .meta({ permission: LIVE_PERMISSION })
    .input(LiveEventsInput)
    .subscription(async ({ ctx, input, signal }) => {
      const scope = (ctx as unknown as { scope: TenantScope }).scope;
      const ends = [signal, ctx.closing].filter((s): s is AbortSignal => s !== undefined);
      const items = await openLiveEvents(scope, ctx.hub, { ...input, signal: AbortSignal.any(ends), recheck: () => permissionsNow(ctx) });
      return (async function* () {
        try {
          for await (const item of items) yield tracked(item.seq, item.data);
        } catch (error) {
          const app = toAppError(error);
          throw app ? toTRPCError(app) : error;
        }
      })();
    }),
});

/** The session's permissions now, or the error that ends the stream (session over, or audit.read gone). */
async function permissionsNow(ctx: Context): Promise<ReadonlySet<string>> {
  const { session, ended } = await recheckSession(ctx);
  assertUsableSession(session, {}, ended);
  tenantOf(session, LIVE_PERMISSION);
  return new Set(session.permissions);
}
