// createServer wires Fastify: tRPC at /trpc, health probes, CSRF origin check, cookies, and the built
// admin app as static files. Returns { app, start, stop } so tests can inject or listen on a real port.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import type { Database } from "@tenancy/db";
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import { pino, type Logger } from "pino";
import type { Env } from "./env.js";
import { AppError } from "./lib/app-error.js";
import { systemClock, type Clock } from "./lib/clock.js";
import { createEmailSender } from "./lib/email.js";
import type { Services } from "./lib/scope.js";
import { auditExportRoute } from "./domains/audit/export-route.js";
import { appRouter, type AppRouter } from "./root.js";
import { sessionCookieName, type Context } from "./trpc/context.js";

export interface ServerOptions {
  env: Env;
  db: Database;
  clock?: Clock;
  log?: Logger;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

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
    bodyLimit: 1024 * 1024,
  });
  const services: Services = { prisma: db.prisma, query: db.query, clock, email: createEmailSender(env.EMAIL_SENDER, logger), log: logger, env };
  const cookieName = sessionCookieName(production);

  await app.register(cookie);

  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });

  // CSRF: a state-changing request must come from an allowed origin (or say it is same-origin).
  app.addHook("onRequest", async (req, reply) => {
    if (SAFE_METHODS.has(req.method) || !req.url.startsWith("/trpc")) return;
    if (req.headers.authorization?.startsWith("Bearer ")) return;
    if (isAllowedOrigin(req, env)) return;
    const message = "This request did not come from an allowed origin, so it was refused (CSRF protection).";
    return reply.code(403).send({ error: { message, code: -32003, data: { code: "CSRF_REJECTED", httpStatus: 403, message, requestId: req.id } } });
  });

  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, res }): Context => ({
        ...services,
        request: { ip: req.ip ?? null, userAgent: req.headers["user-agent"]?.slice(0, 400) ?? null, requestId: String(req.id) },
        cookies: fastifyCookies(req, res, production),
        sessionCookieName: cookieName,
      }),
      responseMeta({ errors }) {
        const limited = errors.map((e) => e.cause).find((c): c is AppError => c instanceof AppError && c.code === "RATE_LIMITED");
        const retry = limited?.details?.retryAfterSeconds;
        return retry ? { headers: new Headers({ "retry-after": String(retry) }) } : {};
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
  });

  await app.register(auditExportRoute(services, cookieName));

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

  const adminIndex = join(env.ADMIN_DIST, "index.html");
  const hasAdmin = existsSync(adminIndex);
  if (hasAdmin) {
    await app.register(fastifyStatic, { root: env.ADMIN_DIST, prefix: "/", wildcard: false, index: "index.html" });
  }
  app.setNotFoundHandler((req, reply) => {
    const isApi = req.url.startsWith("/trpc") || req.url.startsWith("/api");
    if (hasAdmin && req.method === "GET" && !isApi) return reply.type("text/html").sendFile("index.html");
    return reply.code(404).send({ error: { message: `Nothing at ${req.method} ${req.url.split("?")[0]}.`, data: { code: "NOT_FOUND", httpStatus: 404 } } });
  });

  return {
    app,
    hasAdmin,
    async start() {
      return app.listen({ port: env.PORT, host: env.HOST });
    },
    async stop() {
      await app.close();
    },
  };
}

function isAllowedOrigin(req: FastifyRequest, env: Env): boolean {
  const origin = req.headers.origin;
  if (origin) {
    const host = req.headers["x-forwarded-host"] && env.TRUST_PROXY ? String(req.headers["x-forwarded-host"]) : req.headers.host;
    try {
      // Compare through URL on both sides so default ports (":80", ":443") do not cause a mismatch.
      const originUrl = new URL(origin);
      if (host && originUrl.host === new URL(`${originUrl.protocol}//${host}`).host) return true;
    } catch {
      return false;
    }
    return env.APP_ORIGINS.includes(origin);
  }
  return req.headers["sec-fetch-site"] === "same-origin";
}

function fastifyCookies(req: FastifyRequest, reply: FastifyReply, secure: boolean): Context["cookies"] {
  return {
    get: (name) => req.cookies[name],
    set: (name, value, expires) => {
      reply.setCookie(name, value, { httpOnly: true, sameSite: "lax", path: "/", secure, expires });
    },
    clear: (name) => {
      reply.clearCookie(name, { path: "/", httpOnly: true, sameSite: "lax", secure });
    },
  };
}
