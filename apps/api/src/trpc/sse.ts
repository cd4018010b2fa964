// tRPC subscriptions over Server-Sent Events, written straight to the socket (decision 0054). tRPC's fetch
// adapter gives every open stream a web Request, a Response, a chain of web streams and a ping timer, and
// serializes every event once per stream: 95 KB and 0.4 ms of CPU per stream and event, measured with 5,000
// streams. Here a stream is the procedure's own async iterator and the socket; a shared timer pings every
// stream; an event object handed to many streams (a tenant's live feed) is serialized once.
//
// The wire format is tRPC's own (httpSubscriptionLink reads it unchanged): a `connected` message with the
// client options, `id:`/`data:` messages (superjson, the id from `tracked()`), `ping` messages, a
// `serialized-error` message with the error's shape before the end, and `return` when the procedure ends.
// An abort (the server stops) ends the stream without `return`, so the client reconnects elsewhere.
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import { TRPCError, type AnyRouter } from "@trpc/server";
import { getErrorShape, getTRPCErrorFromUnknown, isAbortError, isTrackedEnvelope } from "@trpc/server/unstable-core-do-not-import";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import superjson from "superjson";
import type { Context } from "./context.js";
import { toAppError, toTRPCError } from "./errors.js";

export interface SubscriptionRoutesOptions {
  router: AnyRouter;
  /** The route prefix of tRPC (`/trpc`): each subscription is served at `${prefix}/${path}`. */
  prefix: string;
  createContext(req: FastifyRequest, reply: FastifyReply): Context;
  /** Open streams: the server ends them when it stops. */
  streams: Set<ServerResponse>;
  /** Aborted when the server stops. */
  closing: AbortSignal;
}

/** Serialized `data:` payloads of objects handed to several streams, by object. */
const serialized = new WeakMap<object, string>();

function dataOf(value: unknown): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(superjson.serialize(value));
  let text = serialized.get(value);
  if (text === undefined) serialized.set(value, (text = JSON.stringify(superjson.serialize(value))));
  return text;
}

/** The input of a GET subscription: `?input=` (superjson) with the SSE Last-Event-ID merged in, as tRPC does. */
function inputOf(req: FastifyRequest): unknown {
  const query = req.query as Record<string, unknown>;
  let input: unknown = undefined;
  if (typeof query.input === "string") {
    try {
      input = superjson.deserialize(JSON.parse(query.input));
    } catch (cause) {
      throw new TRPCError({ code: "PARSE_ERROR", message: "The input is not valid JSON.", cause });
    }
  }
  const header = req.headers["last-event-id"];
  const lastEventId = (typeof header === "string" ? header : undefined) ?? query.lastEventId ?? query["Last-Event-Id"];
  if (typeof lastEventId === "string" && lastEventId) {
    if (typeof input === "object" && input !== null && !Array.isArray(input)) input = { ...input, lastEventId };
    else input ??= { lastEventId };
  }
  return input;
}

export function subscriptionRoutes(app: FastifyInstance, { router, prefix, createContext, streams, closing }: SubscriptionRoutesOptions) {
  const config = router._def._config;
  const sse = config.sse ?? {};
  const connected = `event: connected\ndata: ${JSON.stringify(sse.client ?? {})}\n\n`;
  const pingMs = sse.ping?.enabled ? (sse.ping.intervalMs ?? 1000) : 0;

  // One timer pings every open stream that has nothing waiting to be written.
  const pinged = new Set<ServerResponse>();
  if (pingMs > 0) {
    const timer = setInterval(() => {
      for (const res of pinged) if (!res.writableNeedDrain) res.write("event: ping\ndata: \n\n");
    }, pingMs);
    timer.unref();
    app.addHook("onClose", async () => clearInterval(timer));
  }

  const procedures = router._def.procedures as Record<string, { _def: { type: string } } & ((opts: unknown) => Promise<unknown>)>;
  for (const [path, procedure] of Object.entries(procedures)) {
    if (procedure._def.type !== "subscription") continue;
    // GET only: a HEAD goes on to tRPC's route (an empty answer), not into a stream.
    app.get(`${prefix}/${path}`, { exposeHeadRoute: false }, async (req, reply) => {
      const ctx = createContext(req, reply);
      const ended = new AbortController();
      const signal = AbortSignal.any([ended.signal, closing]);
      const res = reply.raw;
      let input: unknown;
      res.once("close", () => {
        ended.abort();
        streams.delete(res);
        pinged.delete(res);
      });
      // The stream starts once the procedure has run its middlewares (a renewed session's cookie is among
      // the reply's headers by then), or with the error that refused it.
      const start = () => {
        if (res.headersSent) return;
        reply.hijack();
        // The reply's headers so far (security headers, cookies), then the stream's.
        const headers: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
        res.writeHead(200, {
          ...headers,
          "content-type": "text/event-stream",
          // Never stored nor transformed (a compressing proxy would buffer the stream).
          "cache-control": "no-store, no-transform",
          "x-accel-buffering": "no",
          "x-request-id": String(req.id),
          connection: "keep-alive",
        });
        res.write(connected);
        if (res.destroyed) return;
        streams.add(res);
        pinged.add(res);
      };
      let iterator: AsyncIterator<unknown> | undefined;
      try {
        input = inputOf(req);
        const iterable = (await procedure({ path, getRawInput: async () => input, ctx, type: "subscription", signal })) as AsyncIterable<unknown>;
        iterator = iterable[Symbol.asyncIterator]();
        start();
        for (;;) {
          const next = await iterator.next();
          if (next.done) break;
          const value = next.value;
          const frame = isTrackedEnvelope(value) ? `id: ${value[0]}\ndata: ${dataOf(value[1])}\n\n` : `data: ${dataOf(value)}\n\n`;
          // A slow reader: wait until the socket drains before asking the procedure for more.
          if (!res.write(frame)) await drained(res, signal);
          if (signal.aborted) break;
        }
        if (!signal.aborted) res.write("event: return\ndata: \n\n");
      } catch (cause) {
        start();
        if (!isAbortError(cause) && !signal.aborted) {
          // An error of ours thrown by the stream after its start (a session that ended) keeps its code.
          const app = toAppError(cause);
          const error = app ? toTRPCError(app) : getTRPCErrorFromUnknown(cause);
          const shape = getErrorShape({ config, ctx, error, input, path, type: "subscription" });
          if ((shape.data as { code?: string }).code === "INTERNAL") ctx.log.error({ err: error.cause ?? error, path, requestId: req.id }, "subscription failed");
          res.write(`event: serialized-error\ndata: ${JSON.stringify(superjson.serialize(shape))}\n\n`);
        }
      } finally {
        await iterator?.return?.().catch(() => undefined);
        pinged.delete(res);
        res.end();
      }
    });
  }
}

/** Resolves when the response can take more, or when the stream ends. */
function drained(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    res.once("drain", done);
    signal.addEventListener("abort", done, { once: true });
  });
}
