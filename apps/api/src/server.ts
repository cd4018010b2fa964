// createServer wires Fastify: security headers, the CSRF origin check, one error handler for every route,
// tRPC at /trpc behind its transport guard, the audit export, health probes, and the built admin app as
// static files (pre-compressed at build, hashed assets cached for a year, the page itself revalidated; API
// downloads compressed: docs/decisions/0016-static-delivery.md). Returns { app, start, stop } so
// tests can inject or listen on a real port.
import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { randomUUID } from "node:crypto";
import compress, { type FastifyCompressOptions } from "@fastify/compress";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import { TRPCError } from "@trpc/server";
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import type { Database } from "@tenancy/db";
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { pino, type Logger } from "pino";
import superjson from "superjson";
import type { Env } from "./env.js";
import { AppError } from "./lib/app-error.js";
import { systemClock, type Clock, type TestClock } from "./lib/clock.js";
import { createEmailSender } from "./lib/email.js";
import type { Services } from "./lib/scope.js";
import { auditExportRoute } from "./domains/audit/export-route.js";
import { platformAuditExportRoute } from "./domains/platform/audit-export-route.js";
import { appRouter, type AppRouter } from "./root.js";
import { testClockRoute } from "./test-clock-route.js";
import { createHub } from "./events/hub.js";
import { sessionCookieName, type Context } from "./trpc/context.js";
import { asTRPCError, errorEnvelope } from "./trpc/errors.js";
import { subscriptionRoutes } from "./trpc/sse.js";
import { jsonNestedDeeperThan, MAX_INPUT_DEPTH } from "./trpc/middlewares/input-guard.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** This GET records something (an audit entry), so the CSRF check refuses it to cross-site requests. */
    recordsOnGet?: boolean;
  }
}

export interface ServerOptions {
  env: Env;
  db: Database;
  clock?: Clock;
  log?: Logger;
}

const BODY_LIMIT = 1024 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** tRPC queries are GETs and mutations POSTs (HEAD is answered 204 by tRPC); anything else is a 405. */
const TRPC_METHODS = new Set(["GET", "HEAD", "POST"]);
/** Raw JSON nesting allowed before parsing: the input's own limit, doubled for superjson's envelope and annotations. */
const RAW_INPUT_DEPTH = 2 * MAX_INPUT_DEPTH;
const API_PATH = /^\/(trpc|api)(\/|$)/;
/** Vite names every file under assets/ by its content hash: a changed file is a new URL. */
const HASHED_ASSET = /^\/assets\//;
/** A path whose last segment has a file extension asks for a file, never for a page of the app. */
const FILE_PATH = /\.[a-z0-9]+$/i;
const CACHE_FOREVER = "public, max-age=31536000, immutable";
/** The page (index.html) is revalidated on every load (cheap: ETag), so a new build is picked up at once. */
const REVALIDATE = "no-cache";
/** Downloads smaller than this are sent as they are: compressing them costs more than it saves. */
const COMPRESS_THRESHOLD = 1024;

export async function createServer({ env, db, clock = systemClock, log }: ServerOptions) {
  const production = env.NODE_ENV === "production";
  const logger =
    log ??
    pino({
      level: env.LOG_LEVEL,
      redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
    });
  const app = Fastify({
    loggerInstance: logger,
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: env.TRUST_PROXY,
    bodyLimit: BODY_LIMIT,
    // A batched tRPC call names every procedure in one path segment (`/trpc/a.b,c.d,...`): longer than 100.
    routerOptions: { maxParamLength: 5000 },
    // One log line per request (onResponse below) instead of Fastify's two, without the query string.
    logController: new LogController({ disableRequestLogging: true }),
    // Refusals raised while routing (a malformed percent-encoding in the URL) skip the error handler otherwise.
    frameworkErrors: (error, req, reply) => sendError(req, reply, error),
  });
  const services: Services = { prisma: db.prisma, query: db.query, clock, email: createEmailSender(env.EMAIL_SENDER, logger), log: logger, env };
  // One LISTEN per process: live subscriptions are woken from it (src/events/hub.ts).
  const hub = await createHub(db, (err) => logger.warn({ err }, "the live events connection dropped; reconnecting"));
  // Live streams never end by themselves: they end on this when the server stops (before Fastify waits
  // for open requests), and the clients reconnect to another process with their last event id.
  // Their connections are closed once the stream's end is written: left open (keep-alive), Fastify's
  // close would wait until the client drops them.
  const closing = new AbortController();
  const openStreams = new Set<FastifyReply["raw"]>();
  app.addHook("preClose", (done) => {
    for (const raw of openStreams) {
      const socket = raw.socket; // detached from the response once it finishes
      raw.once("finish", () => socket?.end());
    }
    closing.abort();
    done();
  });
  const cookieName = sessionCookieName(production);
  const adminIndex = join(env.ADMIN_DIST, "index.html");
  const hasAdmin = existsSync(adminIndex);

  // Set before any plugin is registered, so every encapsulated context (tRPC, the export, static) inherits them.
  app.setErrorHandler((error, req, reply) => sendError(req, reply, error));
  app.setNotFoundHandler((req, reply) => {
    // The SPA fallback: an app route (/platform/tenants, /t/users/<id>) gets the page; a missing file, such
    // as an asset of an older build, gets a 404 rather than HTML under a script's name.
    if (hasAdmin && req.method === "GET" && isAppRoute(pathOf(req))) return reply.type("text/html").sendFile("index.html");
    throw new AppError("NOT_FOUND", `Nothing at ${req.method} ${req.url.split("?")[0]}.`);
  });

  await app.register(helmet, securityHeaders(production));
  await app.register(cookie);

  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
    // Authenticated API answers must never be stored by a browser or a proxy (live streams, which do not
    // pass here, set their own: src/trpc/sse.ts).
    if (API_PATH.test(pathOf(req))) reply.header("cache-control", "no-store");
  });

  app.addHook("onRequest", csrfCheck(env));

  // The request log: method, path (never the query string, which carries tRPC inputs), status and time,
  // written when the response ends; for a live stream that is when it closes. A response the client cut
  // short (a stream closed by the browser, an aborted download) gets its line too, marked `aborted`.
  const logged = new WeakSet<FastifyRequest>();
  const logRequest = (req: FastifyRequest, reply: FastifyReply, aborted: boolean) => {
    if (logged.has(req)) return;
    logged.add(req);
    req.log.info(
      { method: req.method, path: req.url.split("?", 1)[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, ...(aborted ? { aborted } : {}) },
      "request",
    );
  };
  app.addHook("onResponse", (req, reply, done) => {
    logRequest(req, reply, false);
    done();
  });
  app.addHook("onRequest", (req, reply, done) => {
    // After onResponse had its turn (it runs on the same close when the response did finish).
    reply.raw.once("close", () => setImmediate(() => logRequest(req, reply, !reply.raw.writableFinished)));
    done();
  });

  const createContext = (req: FastifyRequest, res: FastifyReply): Context => ({
    ...services,
    request: { ip: req.ip ?? null, userAgent: req.headers["user-agent"]?.slice(0, 400) ?? null, requestId: String(req.id) },
    cookies: fastifyCookies(req, res, production),
    sessionCookieName: cookieName,
    hub,
    closing: closing.signal,
  });
  await app.register(async (trpc) => {
    trpcTransportGuard(trpc);
    // Subscriptions (GET, SSE) are served beside the adapter, lighter per open stream (decision 54).
    subscriptionRoutes(trpc, { router: appRouter, prefix: "/trpc", createContext, streams: openStreams, closing: closing.signal });
    await trpc.register(fastifyTRPCPlugin, {
      prefix: "/trpc",
      trpcOptions: {
        router: appRouter,
        createContext: ({ req, res }) => createContext(req, res),
        responseMeta({ errors }) {
          const limited = errors.map((e) => e.cause).find((c): c is AppError => c instanceof AppError && c.code === "RATE_LIMITED");
          const retry = limited?.details?.retryAfterSeconds;
          return retry ? { headers: new Headers({ "retry-after": String(retry) }) } : {};
        },
      } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
    });
  });

  await app.register(async (downloads) => {
    await downloads.register(compress, compressOptions);
    await downloads.register(auditExportRoute(services, cookieName));
    await downloads.register(platformAuditExportRoute(services, cookieName));
  });

  // Browser tests only (decision 39): env.ts refuses TEST_CLOCK=1 in production.
  if (env.TEST_CLOCK) {
    if (env.NODE_ENV === "production" || !isTestClock(clock)) throw new Error("TEST_CLOCK=1 needs a test clock (offsetClock) and NODE_ENV other than production.");
    await app.register(testClockRoute(services, clock));
  }

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_req, reply) => {
    try {
      await db.sql.query("SELECT 1");
      return { status: "ready", database: db.kind };
    } catch (error) {
      logger.error({ err: error }, "readiness check failed");
      return reply.code(503).send({ status: "unavailable", database: db.kind });
    }
  });

  if (hasAdmin) {
    await app.register(fastifyStatic, {
      root: env.ADMIN_DIST,
      prefix: "/",
      wildcard: false,
      index: "index.html",
      // The build writes name.br and name.gz beside each text file; the best one the client accepts is sent.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader("cache-control", staticCacheControl(env.ADMIN_DIST, file));
        res.setHeader("vary", "accept-encoding");
      },
    });
  }

  return {
    app,
    hasAdmin,
    async start() {
      return app.listen({ port: env.PORT, host: env.HOST });
    },
    hub,
    async stop() {
      await app.close();
      await hub.close();
    },
  };
}

function isTestClock(clock: Clock): clock is TestClock {
  return typeof (clock as Partial<TestClock>).advance === "function";
}

/** Cache-Control of a file of the built app: hashed assets forever, everything else revalidated. */
function staticCacheControl(root: string, file: string): string {
  const path = `/${relative(root, file).split(sep).join("/")}`;
  return HASHED_ASSET.test(path) ? CACHE_FOREVER : REVALIDATE;
}

function isAppRoute(path: string): boolean {
  return !API_PATH.test(path) && !HASHED_ASSET.test(path) && !FILE_PATH.test(path);
}

/**
 * Only downloads are compressed here (the CSV export: hundreds of MB shrink 5-10x). tRPC answers are not: a
 * 14 KB audit.list page cost 1.4-1.7 ms of server CPU to compress (brotli or gzip), about a third of the
 * request, to save 10 KB; a reverse proxy in front can do it where bandwidth matters more than CPU.
 */
const compressOptions = { threshold: COMPRESS_THRESHOLD, encodings: ["br", "gzip"] } satisfies FastifyCompressOptions;

/** The path a request was routed to: the route's pattern (decoded, so `/%74rpc/x` is `/trpc/:path`), else the URL's. */
function pathOf(req: FastifyRequest): string {
  if (req.routeOptions.url) return req.routeOptions.url;
  const raw = req.url.split("?")[0] ?? "/";
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const isTrpcRoute = (req: FastifyRequest) => req.routeOptions.url?.startsWith("/trpc/") === true;

/**
 * The one error answer of every route: the tRPC error shape, through the same formatter as the procedures.
 * tRPC routes get it in the transformer's encoding (`{ error: { json: … } }`) so tRPC clients read it; the
 * others get it as plain JSON (`{ error: … }`). 5xx are logged with the request id; 4xx are the client's.
 */
function sendError(req: FastifyRequest, reply: FastifyReply, thrown: unknown) {
  const envelope = errorEnvelope(asTRPCError(thrown), String(req.id));
  const status = envelope.data.httpStatus;
  if (status >= 500) req.log.error({ err: thrown, requestId: req.id }, "request failed");
  // Set here as well as in onSend: errors raised while routing (frameworkErrors) skip the hooks.
  return reply
    .code(status)
    .header("x-request-id", req.id)
    .header("cache-control", "no-store")
    .type("application/json; charset=utf-8")
    .send({ error: isTrpcRoute(req) ? superjson.serialize(envelope) : envelope });
}

/** Helmet's headers with a CSP the admin app runs under: its own scripts only, no framing, no plugins. */
function securityHeaders(production: boolean) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // Mantine injects <style> elements (CSS variables of the theme) at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: "deny" as const },
    referrerPolicy: { policy: "same-origin" as const },
    // HSTS binds browsers to HTTPS for a year: only where production runs behind TLS.
    hsts: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}

/**
 * CSRF: a state-changing request (any method but GET, HEAD, OPTIONS, on any path) must come from our own
 * origin (scheme, host and port, as Fastify sees them behind a trusted proxy) or one of APP_ORIGINS; without
 * an Origin header, only `Sec-Fetch-Site: same-origin` is accepted. A GET that records something refuses
 * cross-site and same-site requests (`Sec-Fetch-Site`; absent is accepted, as older clients send none).
 */
function csrfCheck(env: Env) {
  const extra = new Set(env.APP_ORIGINS.map(originOf).filter((o): o is string => o !== null));
  return async (req: FastifyRequest) => {
    if (SAFE_METHODS.has(req.method)) {
      const site = req.headers["sec-fetch-site"];
      if (req.routeOptions.config?.recordsOnGet && (site === "cross-site" || site === "same-site")) throw csrfRejected();
      return;
    }
    const origin = req.headers.origin;
    if (origin === undefined ? req.headers["sec-fetch-site"] === "same-origin" : isAllowedOrigin(req, origin, extra)) return;
    throw csrfRejected();
  };
}

const csrfRejected = () =>
  new AppError("CSRF_REJECTED", "This request did not come from an allowed origin, so it was refused (CSRF protection).");

/** The serialized origin of a URL (`scheme://host[:port]`, default ports dropped), or null. */
function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

function isAllowedOrigin(req: FastifyRequest, origin: string, extra: Set<string>): boolean {
  const given = originOf(origin);
  if (!given) return false;
  return given === originOf(`${req.protocol}://${req.host}`) || extra.has(given);
}

/**
 * What the tRPC adapter answers badly (a 500 without request id) is refused before it: a method other
 * than GET/HEAD/POST (405), a POST whose body is not JSON (415), and JSON nested deeper than superjson can
 * walk (400). The refusals go through the one error handler.
 */
function trpcTransportGuard(trpc: FastifyInstance) {
  trpc.addHook("onRequest", async (req, reply) => {
    if (!TRPC_METHODS.has(req.method)) {
      reply.header("allow", "GET, HEAD, POST");
      throw new TRPCError({ code: "METHOD_NOT_SUPPORTED", message: `${req.method} is not supported here: tRPC queries are GET requests and mutations POST requests.` });
    }
    if (req.method === "POST") {
      const type = req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
      if (type !== "application/json") {
        const problem = type ? "This content type is not accepted" : "The Content-Type header is missing";
        throw new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE", message: `${problem}; send the body as JSON (Content-Type: application/json).` });
      }
    }
  });
  trpc.addHook("preValidation", async (req) => {
    const query = (req.query as Record<string, unknown> | undefined)?.input;
    const texts = [req.body, ...(Array.isArray(query) ? query : [query])];
    if (texts.some((text) => typeof text === "string" && jsonNestedDeeperThan(text, RAW_INPUT_DEPTH))) {
      throw new AppError("BAD_INPUT", `The input nests objects or arrays too deeply (more than ${MAX_INPUT_DEPTH} levels); send flatter data.`);
    }
  });
}

function fastifyCookies(req: FastifyRequest, reply: FastifyReply, secure: boolean): Context["cookies"] {
  // Written as headers at once (not queued for the cookie plugin's onSend hook), so a live stream, which
  // writes its own headers (src/trpc/sse.ts), carries them too. A later value of the same cookie replaces
  // an earlier one.
  const put = (name: string, value: string, expires: Date) => {
    const cookie = req.server.serializeCookie(name, value, { httpOnly: true, sameSite: "lax", path: "/", secure, expires });
    const current = reply.getHeader("set-cookie");
    const others = (Array.isArray(current) ? current : current === undefined ? [] : [String(current)]).filter((c) => !c.startsWith(`${name}=`));
    reply.removeHeader("set-cookie");
    reply.header("set-cookie", [...others, cookie]);
  };
  return {
    get: (name) => req.cookies[name],
    set: (name, value, expires) => put(name, value, expires),
    clear: (name) => put(name, "", new Date(0)),
  };
}
