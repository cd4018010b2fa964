// HTTP behaviour of the server: probes, cookies, CSRF, status codes, headers, error bodies.
import { createTestDatabase } from "@tenancy/db/testing";
import type { Database } from "@tenancy/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFirstPlatformAdmin } from "./bootstrap.js";
import { testEnv } from "./env.js";
import { systemClock } from "./lib/clock.js";
import { createEmailSender } from "./lib/email.js";
import { createServer } from "./server.js";
import { pino } from "pino";

const EMAIL = "http-ops@example.com";
const PASSWORD = "http tests passphrase";
const ORIGIN = "http://localhost:80";

let db: Database;
let server: Awaited<ReturnType<typeof createServer>>;

beforeAll(async () => {
  db = await createTestDatabase();
  const env = testEnv({ PLATFORM_ADMIN_EMAIL: EMAIL, PLATFORM_ADMIN_PASSWORD: PASSWORD, ADMIN_DIST: "/nonexistent-admin-dist" });
  const log = pino({ level: "silent" });
  await ensureFirstPlatformAdmin({ prisma: db.prisma, query: db.query, clock: systemClock, email: createEmailSender("none", log), log, env });
  server = await createServer({ env, db, log });
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const login = (headers: Record<string, string>, password = PASSWORD, email = EMAIL) =>
  server.app.inject({
    method: "POST",
    url: "/trpc/auth.login",
    headers: { "content-type": "application/json", host: "localhost:80", ...headers },
    payload: JSON.stringify({ json: { email, password } }),
  });

describe("HTTP", () => {
  it("answers the health and readiness probes", async () => {
    expect((await server.app.inject("/healthz")).json()).toEqual({ status: "ok" });
    const ready = await server.app.inject("/readyz");
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: "ready" });
  });

  it("refuses state-changing requests without an allowed Origin (CSRF)", async () => {
    const none = await login({});
    expect(none.statusCode).toBe(403);
    expect(none.json().error.json.data.code).toBe("CSRF_REJECTED");
    const evil = await login({ origin: "https://evil.example" });
    expect(evil.statusCode).toBe(403);
    const sameSite = await login({ "sec-fetch-site": "same-origin" });
    expect(sameSite.statusCode).toBe(200);
  });

  it("sets an HttpOnly, SameSite=Lax session cookie on login and accepts it back", async () => {
    const res = await login({ origin: ORIGIN });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/^session=[a-z2-7]+\.[a-z2-7]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const token = cookie.split(";")[0]!;
    const me = await server.app.inject({ url: "/trpc/auth.me", headers: { cookie: token } });
    expect(me.json().result.data.json).toMatchObject({ email: EMAIL });
  });

  it("answers 401 without a session, with a clear message and no stack trace", async () => {
    const res = await server.app.inject({ url: "/trpc/platform.tenants.list?input=%7B%22json%22%3A%7B%7D%7D" });
    expect(res.statusCode).toBe(401);
    const body = res.json();
    expect(body.error.json.data.code).toBe("UNAUTHENTICATED");
    expect(body.error.json.message).toMatch(/not logged in/);
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts/);
    expect(res.headers["x-request-id"]).toBeTruthy();
  });

  it("answers 400 with field errors on bad input", async () => {
    const res = await server.app.inject({
      method: "POST",
      url: "/trpc/auth.login",
      headers: { "content-type": "application/json", origin: ORIGIN, host: "localhost:80" },
      payload: JSON.stringify({ json: { email: "not-an-email", password: "" } }),
    });
    expect(res.statusCode).toBe(400);
    const data = res.json().error.json.data;
    expect(data.fieldErrors.email[0]).toMatch(/valid e-mail/);
    expect(data.fieldErrors.password[0]).toMatch(/Enter your password/);
  });

  it("answers 429 with Retry-After once an account is locked", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await login({ origin: ORIGIN }, "wrong password here", "locked@example.com")).statusCode).toBe(401);
    }
    const res = await login({ origin: ORIGIN }, "wrong password here", "locked@example.com");
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("refuses bodies over 1 MiB with 413 and unknown routes with a JSON 404", async () => {
    const big = await server.app.inject({
      method: "POST",
      url: "/trpc/auth.login",
      headers: { "content-type": "application/json", origin: ORIGIN, host: "localhost:80" },
      payload: JSON.stringify({ json: { email: "a@b.example", password: "x".repeat(2 * 1024 * 1024) } }),
    });
    expect(big.statusCode).toBe(413);
    const missing = await server.app.inject("/trpc-nothing-here");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.data.code).toBe("NOT_FOUND");
  });
});

describe("production cookies", () => {
  it("use the __Host- prefix and Secure", async () => {
    const env = testEnv({ NODE_ENV: "production", ADMIN_DIST: "/nonexistent-admin-dist" });
    const prod = await createServer({ env, db, log: pino({ level: "silent" }) });
    const res = await prod.app.inject({
      method: "POST",
      url: "/trpc/auth.login",
      headers: { "content-type": "application/json", origin: ORIGIN, host: "localhost:80" },
      payload: JSON.stringify({ json: { email: EMAIL, password: PASSWORD } }),
    });
    expect(String(res.headers["set-cookie"])).toMatch(/^__Host-session=.*Secure/);
    await prod.stop();
  });
});

describe("production: no internals leave the server", () => {
  const INTERNALS = /stack|\.ts\b|\.js\b|node_modules|\/work\/|\bat \w+ \(|PGlite|pool|closed|secret-internal/i;

  it("answers a failing procedure and failing non-tRPC routes with 500 bodies that hold no stack, file path or internal error text", async () => {
    const broken = await createTestDatabase();
    const env = testEnv({ NODE_ENV: "production", ADMIN_DIST: "/nonexistent-admin-dist" });
    const prod = await createServer({ env, db: broken, log: pino({ level: "silent" }) });
    prod.app.get("/api/test/throws", async () => {
      throw new Error("secret-internal failure in /work/main/apps/api/src/x.ts:12");
    });
    try {
      await broken.close();
      const answers = {
        procedure: await prod.app.inject({
          method: "POST",
          url: "/trpc/auth.login",
          headers: { "content-type": "application/json", origin: ORIGIN, host: "localhost:80" },
          payload: JSON.stringify({ json: { email: EMAIL, password: PASSWORD } }),
        }),
        export: await prod.app.inject({ url: "/api/audit/export.csv", headers: { cookie: "__Host-session=abc.def" } }),
        route: await prod.app.inject("/api/test/throws"),
      };
      for (const [name, res] of Object.entries(answers)) {
        expect(res.statusCode, name).toBe(500);
        const body = res.json();
        const error = name === "procedure" ? body.error.json : body.error;
        expect(error.data.code, name).toBe("INTERNAL");
        expect(error.message, name).toMatch(/^Something went wrong on our side\. Try again; if it keeps happening, quote request [\w-]+\.$/);
        expect(res.body, name).not.toMatch(INTERNALS);
      }
    } finally {
      await prod.stop();
    }
  });
});

describe("text with NUL characters", () => {
  it("is refused with 400 naming the field", async () => {
    const res = await server.app.inject({
      method: "POST",
      url: "/trpc/auth.login",
      headers: { "content-type": "application/json", origin: ORIGIN, host: "localhost:80" },
      payload: JSON.stringify({ json: { email: "a@b.example", password: "x\u0000y" } }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.json.data.fieldErrors).toEqual({ password: [expect.stringMatching(/NUL/)] });
  });
});

describe("request log", () => {
  it("writes one line per request with method, path, status and time, and never the query string", async () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const env = testEnv({ ADMIN_DIST: "/nonexistent-admin-dist", LOG_LEVEL: "info" });
    const logged = await createServer({ env, db, log });
    try {
      await logged.app.inject({ method: "GET", url: `/healthz?email=someone@private.example`, headers: { host: "localhost:80" } });
      const requestLines = lines.filter((line) => line.msg === "request");
      expect(requestLines).toHaveLength(1);
      expect(requestLines[0]).toMatchObject({ method: "GET", path: "/healthz", status: 200 });
      expect(typeof requestLines[0]!.ms).toBe("number");
      expect(JSON.stringify(lines)).not.toContain("private.example");
    } finally {
      await logged.stop();
    }
  });
});

describe("batched tRPC calls", () => {
  it("answers a batch whose procedure names add up to more than 100 characters", async () => {
    const paths = Array.from({ length: 15 }, () => "auth.me").join(",");
    const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 15 }, (_, i) => [i, {}]))));
    const res = await server.app.inject({ method: "GET", url: `/trpc/${paths}?batch=1&input=${input}`, headers: { host: "localhost:80" } });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toHaveLength(15);
  });
});
