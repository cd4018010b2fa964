// The HTTP boundary, through app.inject: CSRF on every state-changing request whatever its path, one error
// envelope for every route, tRPC transport refusals, our own validation failures as 500s, hostile client
// input refused with 400s (never a 5xx), security headers and Cache-Control.
import { createTestDatabase } from "@tenancy/db/testing";
import type { AnyRouter } from "@trpc/server";
import { fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import Fastify, { type InjectOptions } from "fastify";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createHarness, type Harness } from "../test/harness.js";
import { deepNesting, deepNestingJson, FAR_DATES, HOSTILE_STRINGS, REFUSED_STRINGS, superjsonCycle, superjsonFanOut } from "../test/hostile-inputs.js";
import { testEnv } from "./env.js";
import { createServer } from "./server.js";
import { memoryCookies, sessionCookieName, type Context } from "./trpc/context.js";
import { router } from "./trpc/init.js";
import { publicProcedure } from "./trpc/procedures.js";

const HOST = "localhost:80";
const ORIGIN = "http://localhost:80";
const NO_ADMIN = { ADMIN_DIST: "/nonexistent-admin-dist" };

type LogLine = { level: number; msg?: string; requestId?: string; reqId?: string };
const logs: LogLine[] = [];
const log = pino({ level: "info" }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
const errorLogsOf = (requestId: string) => logs.filter((l) => l.level >= 50 && (l.requestId === requestId || l.reqId === requestId));

let h: Harness;
let server: Awaited<ReturnType<typeof createServer>>;
let tenantCookie: string;

beforeAll(async () => {
  h = await createHarness(NO_ADMIN);
  server = await createServer({ env: h.env, db: h.db, clock: h.clock, log });
  const tenant = await h.makeTenant();
  tenantCookie = `session=${tenant.admin.cookies.values.session}`;
});
afterAll(async () => {
  await server?.stop();
  await h?.close();
});

const inject = (options: InjectOptions | string) => server.app.inject(options);
/** A POST as the admin app sends it: same origin, JSON. */
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  inject({ method: "POST", url, headers: { host: HOST, origin: ORIGIN, "content-type": "application/json", ...headers }, payload: body });
const mutation = (path: string, json: unknown, headers: Record<string, string> = {}) => post(`/trpc/${path}`, JSON.stringify({ json }), headers);
const query = (path: string, json: unknown, headers: Record<string, string> = {}) =>
  inject({ url: `/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json }))}`, headers });
/** The error envelope of a tRPC route (in superjson's `{ json }` encoding) or of any other route. */
const trpcError = (res: { json(): unknown }) => (res.json() as { error: { json: Envelope } }).error.json;
const plainError = (res: { json(): unknown }) => (res.json() as { error: Envelope }).error;
/** Percent-encoding that also carries a lone surrogate, as a hostile client would: as its WTF-8 bytes. */
const urlEncode = (text: string) =>
  encodeURIComponent(text.toWellFormed()).replaceAll("%EF%BF%BD", "%ED%A0%80");
interface Envelope {
  message: string;
  code: number;
  data: { code: string; httpStatus: number; message: string; requestId: string; fieldErrors?: Record<string, string[]> };
}

describe("CSRF", () => {
  it("checks a path that only decodes to /trpc: POST /%74rpc/auth.logout from a foreign Origin is refused with 403 CSRF_REJECTED", async () => {
    const res = await inject({ method: "POST", url: "/%74rpc/auth.logout", headers: { host: HOST, origin: "https://evil.example", "content-type": "application/json" }, payload: "{}" });
    expect(res.statusCode).toBe(403);
    expect(trpcError(res).data).toMatchObject({ code: "CSRF_REJECTED", httpStatus: 403, requestId: res.headers["x-request-id"] });
  });

  it("checks every state-changing request whatever its path, not only /trpc", async () => {
    for (const [method, url] of [["POST", "/api/audit/export.csv"], ["DELETE", "/api/anything"], ["PUT", "/healthz"], ["PATCH", "/"]] as const) {
      const res = await inject({ method, url, headers: { host: HOST, origin: "https://evil.example" } });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(plainError(res).data.code).toBe("CSRF_REJECTED");
    }
  });

  it("does not let an Authorization: Bearer header skip the Origin check", async () => {
    const res = await inject({ method: "POST", url: "/trpc/auth.logout", headers: { host: HOST, authorization: "Bearer anything", "content-type": "application/json" }, payload: "{}" });
    expect(res.statusCode).toBe(403);
    expect(trpcError(res).data.code).toBe("CSRF_REJECTED");
  });

  it("compares scheme, host and port of the Origin with the request's own origin", async () => {
    for (const origin of ["https://localhost:80", "http://localhost:8080", "http://evil.localhost:80", "null", "not a url"]) {
      const res = await mutation("auth.logout", undefined, { origin });
      expect(res.statusCode, origin).toBe(403);
    }
    // Same origin, written differently: default port left out, host in capitals. It reaches the procedure (401).
    for (const origin of ["http://localhost", "http://LOCALHOST:80"]) {
      expect((await mutation("auth.logout", undefined, { origin })).statusCode, origin).toBe(401);
    }
  });

  it("takes the scheme from X-Forwarded-Proto only behind a trusted proxy", async () => {
    const headers = { host: "app.example", origin: "https://app.example", "x-forwarded-proto": "https", "content-type": "application/json" };
    const direct = await inject({ method: "POST", url: "/trpc/auth.logout", headers, payload: "{}" });
    expect(direct.statusCode).toBe(403);
    const proxied = await createServer({ env: testEnv({ ...NO_ADMIN, TRUST_PROXY: "1" }), db: h.db, log });
    try {
      const res = await proxied.app.inject({ method: "POST", url: "/trpc/auth.logout", headers, payload: "{}" });
      expect(res.statusCode).toBe(401);
    } finally {
      await proxied.stop();
    }
  });

  it("accepts an origin listed in APP_ORIGINS, and no other", async () => {
    const other = await createServer({ env: testEnv({ ...NO_ADMIN, APP_ORIGINS: "https://admin.example.com" }), db: h.db, log });
    try {
      const send = (origin: string) =>
        other.app.inject({ method: "POST", url: "/trpc/auth.logout", headers: { host: HOST, origin, "content-type": "application/json" }, payload: "{}" });
      expect((await send("https://admin.example.com")).statusCode).toBe(401);
      expect((await send("https://admin.example.com:443")).statusCode).toBe(401);
      expect((await send("http://admin.example.com")).statusCode).toBe(403);
      expect((await send("https://other.example.com")).statusCode).toBe(403);
    } finally {
      await other.stop();
    }
  });

  it("accepts a request without Origin only when Sec-Fetch-Site says same-origin", async () => {
    const send = (site?: string) =>
      inject({ method: "POST", url: "/trpc/auth.logout", headers: { host: HOST, "content-type": "application/json", ...(site ? { "sec-fetch-site": site } : {}) }, payload: "{}" });
    expect((await send()).statusCode).toBe(403);
    expect((await send("same-site")).statusCode).toBe(403);
    expect((await send("cross-site")).statusCode).toBe(403);
    expect((await send("none")).statusCode).toBe(403);
    expect((await send("same-origin")).statusCode).toBe(401);
  });

  it("refuses the CSV export (a GET that records an audit entry) to cross-site and same-site requests and to HEAD, recording nothing", async () => {
    const exports = () => h.db.prisma.auditEntry.count({ where: { action: "audit.exported" } });
    const before = await exports();
    for (const site of ["cross-site", "same-site"]) {
      const res = await inject({ url: "/api/audit/export.csv", headers: { cookie: tenantCookie, "sec-fetch-site": site } });
      expect(res.statusCode, site).toBe(403);
      expect(plainError(res).data).toMatchObject({ code: "CSRF_REJECTED", requestId: res.headers["x-request-id"] });
    }
    const head = await inject({ method: "HEAD", url: "/api/audit/export.csv", headers: { cookie: tenantCookie } });
    expect(head.statusCode).toBe(404);
    expect(await exports()).toBe(before);
    for (const site of ["same-origin", "none", undefined]) {
      const res = await inject({ url: "/api/audit/export.csv", headers: { cookie: tenantCookie, ...(site ? { "sec-fetch-site": site } : {}) } });
      expect(res.statusCode, String(site)).toBe(200);
    }
    expect(await exports()).toBe(before + 3);
  });
});

describe("one error envelope for every route", () => {
  it("answers a failing non-tRPC route with a 500 envelope and its request id, without internals, and logs it with the request id", async () => {
    const db = await createTestDatabase();
    const broken = await createServer({ env: h.env, db, log });
    try {
      await db.close();
      const res = await broken.app.inject({ url: "/api/audit/export.csv", headers: { cookie: "session=abc.def" } });
      expect(res.statusCode).toBe(500);
      const requestId = String(res.headers["x-request-id"]);
      const error = plainError(res);
      expect(error.data).toMatchObject({ code: "INTERNAL", httpStatus: 500, requestId });
      expect(error.message).toBe(`Something went wrong on our side. Try again; if it keeps happening, quote request ${requestId}.`);
      expect(res.body).not.toMatch(/PGlite|pool|closed|FST_|statusCode/i);
      expect(errorLogsOf(requestId).map((l) => l.msg)).toEqual(["request failed"]);
    } finally {
      await broken.stop();
    }
  });

  it("answers an unknown route with a 404 NOT_FOUND envelope carrying the request id", async () => {
    const res = await inject("/api/nothing-here");
    expect(res.statusCode).toBe(404);
    expect(plainError(res)).toMatchObject({ code: -32004, data: { code: "NOT_FOUND", httpStatus: 404, requestId: res.headers["x-request-id"] } });
    const post = await inject({ method: "POST", url: "/nothing-here", headers: { host: HOST, origin: ORIGIN } });
    expect(post.statusCode).toBe(404);
    expect(plainError(post).data.code).toBe("NOT_FOUND");
  });

  it("maps Fastify's own refusals to catalog codes with clear messages: bad JSON, too large, unsupported media type", async () => {
    const app = await createServer({ env: h.env, db: h.db, log });
    // A plain JSON route, the kind REST routes will be: Fastify parses its body, not tRPC.
    app.app.post("/api/test/echo", async (req) => ({ got: req.body }));
    try {
      const send = (payload: string, type = "application/json") =>
        app.app.inject({ method: "POST", url: "/api/test/echo", headers: { host: HOST, origin: ORIGIN, "content-type": type }, payload });
      const badJson = await send("{not json");
      expect(badJson.statusCode).toBe(400);
      expect(plainError(badJson).data).toMatchObject({ code: "BAD_INPUT", message: "The request body is not valid JSON.", requestId: badJson.headers["x-request-id"] });
      const tooLarge = await send(JSON.stringify({ x: "x".repeat(2 * 1024 * 1024) }));
      expect(tooLarge.statusCode).toBe(413);
      expect(plainError(tooLarge).data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/larger than/) });
      const media = await send("<x/>", "application/xml");
      expect(media.statusCode).toBe(415);
      expect(plainError(media).data).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", httpStatus: 415, message: expect.stringMatching(/application\/json/) });
      for (const res of [badJson, tooLarge, media]) expect(res.body).not.toMatch(/FST_ERR|statusCode/);
    } finally {
      await app.stop();
    }
  });

  it("answers a URL with broken percent-encoding with 400 BAD_INPUT in the envelope, on /trpc as elsewhere", async () => {
    for (const url of ["/api/%E0%A4%A", "/trpc/auth.me%ED%A0%80"]) {
      const res = await inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(plainError(res).data, url).toMatchObject({ code: "BAD_INPUT", message: expect.stringMatching(/percent-encoding/), requestId: res.headers["x-request-id"] });
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
  });

  it("answers a too-large tRPC body with 413 PAYLOAD_TOO_LARGE in the envelope tRPC clients read", async () => {
    const res = await mutation("auth.login", { email: "a@b.example", password: "x".repeat(2 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(trpcError(res).data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", httpStatus: 413, requestId: res.headers["x-request-id"] });
  });

  it("does not log 4xx answers as errors", async () => {
    const answers = await Promise.all([
      inject("/api/nothing-here"),
      mutation("auth.login", { email: "not-an-email", password: "" }),
      inject({ method: "POST", url: "/trpc/auth.logout", headers: { host: HOST, origin: "https://evil.example" } }),
      inject({ method: "PUT", url: "/trpc/auth.logout", headers: { host: HOST, origin: ORIGIN } }),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(errorLogsOf(String(res.headers["x-request-id"]))).toEqual([]);
    }
  });
});

describe("tRPC transport", () => {
  it("answers a POST with text/plain with 415, a clear message and the request id", async () => {
    const res = await post("/trpc/auth.logout", "{}", { "content-type": "text/plain" });
    expect(res.statusCode).toBe(415);
    expect(trpcError(res).data).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", httpStatus: 415, requestId: res.headers["x-request-id"], message: expect.stringMatching(/application\/json/) });
  });

  it("answers a POST without content type with 415, a clear message and the request id", async () => {
    const res = await inject({ method: "POST", url: "/trpc/auth.logout", headers: { host: HOST, origin: ORIGIN }, payload: "{}" });
    expect(res.statusCode).toBe(415);
    expect(trpcError(res).data).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", httpStatus: 415, requestId: res.headers["x-request-id"], message: expect.stringMatching(/Content-Type header is missing/) });
  });

  it("answers PUT and OPTIONS with 405, an Allow header, a clear message and the request id", async () => {
    for (const method of ["PUT", "OPTIONS", "DELETE"] as const) {
      const res = await inject({ method, url: "/trpc/auth.me", headers: { host: HOST, origin: ORIGIN, "content-type": "application/json" }, payload: method === "OPTIONS" ? undefined : "{}" });
      expect(res.statusCode, method).toBe(405);
      expect(res.headers.allow).toBe("GET, HEAD, POST");
      expect(trpcError(res).data).toMatchObject({ code: "METHOD_NOT_ALLOWED", httpStatus: 405, requestId: res.headers["x-request-id"], message: expect.stringMatching(/not supported/) });
    }
  });
});

describe("our own validation failures", () => {
  /** A bare Fastify app serving a router built from the real procedure builders, through the real adapter. */
  async function serve(testRouter: AnyRouter) {
    const app = Fastify();
    const context = (requestId: string): Context => ({
      ...h.services,
      log,
      request: { ip: "203.0.113.9", userAgent: "vitest", requestId },
      cookies: memoryCookies(),
      sessionCookieName: sessionCookieName(false),
      hub: h.hub,
    });
    await app.register(fastifyTRPCPlugin, { prefix: "/trpc", trpcOptions: { router: testRouter, createContext: ({ req }: { req: { id: unknown } }) => context(String(req.id)) } });
    return app;
  }

  it("answers a procedure whose output fails its own schema with 500 INTERNAL, logged, without the internal field path", async () => {
    const testRouter = router({
      broken: publicProcedure.output(z.object({ internalSecretField: z.string() })).query(() => ({ internalSecretField: 42 }) as unknown as { internalSecretField: string }),
    });
    const app = await serve(testRouter);
    const res = await app.inject({ url: "/trpc/broken" });
    await app.close();
    expect(res.statusCode).toBe(500);
    const error = trpcError(res);
    expect(error.data.code).toBe("INTERNAL");
    expect(error.message).toMatch(/Something went wrong on our side/);
    expect(res.body).not.toMatch(/internalSecretField|expected string|fieldErrors/);
    expect(errorLogsOf(error.data.requestId).map((l) => l.msg)).toEqual(["procedure failed"]);
  });

  it("answers a failing event payload schema (a ZodError raised by our own code) with 500 INTERNAL, not 400 BAD_INPUT", async () => {
    const EventPayload = z.object({ internalEventField: z.string() });
    const testRouter = router({ emit: publicProcedure.query(() => EventPayload.parse({ internalEventField: 1 })) });
    const app = await serve(testRouter);
    const res = await app.inject({ url: "/trpc/emit" });
    await app.close();
    expect(res.statusCode).toBe(500);
    expect(trpcError(res).data.code).toBe("INTERNAL");
    expect(res.body).not.toMatch(/internalEventField/);
  });
});

describe("hostile client input", () => {
  it("refuses a lone UTF-16 surrogate in a text field with 400 BAD_INPUT naming the field", async () => {
    const res = await mutation("users.create", { email: "lone@example.com", name: "Ann \uD800", roleIds: [] }, { cookie: tenantCookie });
    expect(res.statusCode).toBe(400);
    expect(trpcError(res).data).toMatchObject({ code: "BAD_INPUT", fieldErrors: { name: [expect.stringMatching(/surrogate/)] } });
  });

  it("refuses a lone surrogate or NUL in a key, naming it", async () => {
    const res = await mutation("auth.login", { email: "a@b.example", password: "pw", "k\uDC00": 1 });
    expect(res.statusCode).toBe(400);
    expect(trpcError(res).data.message).toMatch(/surrogate/);
  });

  it("refuses 20,000-deep nesting with 400 before authentication (auth.me without a session), as a body and as a query string", async () => {
    const asBody = await post("/trpc/auth.logout", `{"json":${deepNestingJson(20_000)}}`);
    expect(asBody.statusCode).toBe(400);
    expect(trpcError(asBody).data).toMatchObject({ code: "BAD_INPUT", requestId: asBody.headers["x-request-id"], message: expect.stringMatching(/too deeply/) });
    const asQuery = await inject({ url: `/trpc/auth.me?input=${encodeURIComponent(`{"json":${deepNestingJson(20_000)}}`)}` });
    expect(asQuery.statusCode).toBe(400);
    expect(trpcError(asQuery).data.code).toBe("BAD_INPUT");
  });

  it("refuses superjson annotations nested 20,000 deep (walked recursively before any middleware) with 400, not a stack overflow", async () => {
    const res = await post("/trpc/auth.logout", `{"json":{"a":null},"meta":{"values":{"a":${deepNestingJson(20_000, '"undefined"')}}}}`);
    expect(res.statusCode).toBe(400);
    expect(trpcError(res).data.message).toMatch(/too deeply/);
    expect(res.body).not.toMatch(/call stack/i);
  });

  it("refuses nesting deeper than 32 levels with 400 naming the field, and accepts 30", async () => {
    const deep = await query("auth.me", { a: deepNesting(40) });
    expect(deep.statusCode).toBe(400);
    expect(trpcError(deep).data).toMatchObject({ code: "BAD_INPUT", fieldErrors: { [`a${".0".repeat(31)}`]: [expect.stringMatching(/deeper than 32/)] } });
    const fine = await query("auth.me", { a: deepNesting(30) });
    expect(fine.statusCode).toBe(400); // auth.me takes no input: refused by its contract, not by the guard
    expect(trpcError(fine).data.message).not.toMatch(/deeper/);
  });

  it("refuses a superjson referentialEqualities cycle with 400 naming the field", async () => {
    const res = await post("/trpc/auth.login", JSON.stringify(superjsonCycle("password")));
    expect(res.statusCode).toBe(400);
    expect(trpcError(res).data).toMatchObject({ code: "BAD_INPUT", fieldErrors: { "password.self": [expect.stringMatching(/refers to itself/)] } });
  });

  it("refuses superjson shared references that make a small body read as a million values, with 400", async () => {
    const body = JSON.stringify(superjsonFanOut("password", 20));
    expect(body.length).toBeLessThan(2_000);
    const res = await post("/trpc/auth.login", body);
    expect(res.statusCode).toBe(400);
    expect(trpcError(res).data.message).toMatch(/more than 100000 values/);
  });

  it("refuses far dates in audit.list with 400 naming the field", async () => {
    for (const [field, date] of [["to", "9999-12-31"], ["from", "0001-01-01"]] as const) {
      const res = await query("audit.list", { [field]: date }, { cookie: tenantCookie });
      expect(res.statusCode, date).toBe(400);
      expect(trpcError(res).data.fieldErrors).toEqual({ [field]: ["Use a date from 1970-01-01 to 2999-12-31."] });
    }
  });

  it("refuses far dates, NUL and bad filters in the CSV export's query with 400 in the envelope, before sending a byte", async () => {
    const cases: [string, string][] = [
      ["to=9999-12-31", "to"],
      ["from=0001-01-01", "from"],
      ["action=%00", "action"],
      ["actorId=a%00b", "actorId"],
      ["from=2026-01-01&from=2026-02-01", "from"],
    ];
    for (const [qs, field] of cases) {
      const res = await inject({ url: `/api/audit/export.csv?${qs}`, headers: { cookie: tenantCookie } });
      expect(res.statusCode, qs).toBe(400);
      expect(res.headers["content-type"]).toMatch(/application\/json/);
      expect(res.headers["content-disposition"]).toBeUndefined();
      const error = plainError(res);
      expect(error.data).toMatchObject({ code: "BAD_INPUT", requestId: res.headers["x-request-id"] });
      expect(Object.keys(error.data.fieldErrors ?? {}), qs).toEqual([field]);
    }
  });

  it("answers every hostile string in text, search and date fields with a 2xx or 4xx, never a 5xx", async () => {
    for (const text of HOSTILE_STRINGS) {
      const answers = await Promise.all([
        query("users.list", { search: text }, { cookie: tenantCookie }),
        query("audit.list", { action: text, to: text }, { cookie: tenantCookie }),
        query("audit.list", { from: text }, { cookie: tenantCookie }),
        mutation("users.updateProfile", { name: text }, { cookie: tenantCookie }),
        mutation("auth.login", { email: `${text}@example.com`, password: text, workspace: text }),
        inject({ url: `/api/audit/export.csv?action=${urlEncode(text)}&to=${urlEncode(text)}`, headers: { cookie: tenantCookie } }),
      ]);
      for (const res of answers) expect(res.statusCode, JSON.stringify(text).slice(0, 40)).toBeLessThan(500);
    }
    for (const text of REFUSED_STRINGS) {
      const res = await query("users.list", { search: text }, { cookie: tenantCookie });
      expect(trpcError(res).data.fieldErrors, JSON.stringify(text)).toEqual({ search: [expect.any(String)] });
    }
    expect(FAR_DATES.length).toBeGreaterThan(0);
  });
});

describe("security headers", () => {
  it("sends a CSP the admin app runs under, frame-ancestors 'none', nosniff and a Referrer-Policy on every answer, and no HSTS outside production", async () => {
    for (const res of [await inject("/healthz"), await inject("/trpc/auth.me"), await inject("/api/nothing-here"), await inject("/")]) {
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("same-origin");
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["strict-transport-security"]).toBeUndefined();
    }
  });

  it("sends HSTS in production", async () => {
    const prod = await createServer({ env: testEnv({ ...NO_ADMIN, NODE_ENV: "production" }), db: h.db, log });
    try {
      const res = await prod.app.inject("/healthz");
      expect(res.headers["strict-transport-security"]).toMatch(/max-age=31536000/);
      expect(String(res.headers["content-security-policy"])).toContain("upgrade-insecure-requests");
    } finally {
      await prod.stop();
    }
  });

  it("sends Cache-Control: no-store on every /trpc and /api answer, success or error", async () => {
    const answers = [
      await query("auth.me", undefined, { cookie: tenantCookie }),
      await query("audit.list", {}, { cookie: tenantCookie }),
      await inject("/trpc/auth.me?input=%7Bbad"),
      await inject({ url: "/api/audit/export.csv", headers: { cookie: tenantCookie } }),
      await inject("/api/audit/export.csv"),
      await inject("/api/nothing-here"),
      await inject({ method: "PUT", url: "/trpc/auth.me", headers: { host: HOST, origin: ORIGIN } }),
    ];
    for (const res of answers) expect(res.headers["cache-control"], `${res.statusCode} ${res.body.slice(0, 60)}`).toBe("no-store");
  });
});
