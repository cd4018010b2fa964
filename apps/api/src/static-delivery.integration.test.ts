// How the built admin app and large API answers travel: Cache-Control of hashed assets, of the page and of
// the SPA fallback; the pre-compressed file chosen by Accept-Encoding; 404 for a missing asset; API answers
// compressed only when large. A fake dist/ in a temporary folder stands in for the Vite build.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_EMAIL, ADMIN_PASSWORD, createHarness, type Harness } from "../test/harness.js";
import { createServer } from "./server.js";

const INDEX = `<!doctype html><html><head><title>Tenancy</title><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>`;
const SCRIPT = `export const greeting = ${JSON.stringify("hello ".repeat(400))};\n`;
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg"/>`;

let dist: string;
let h: Harness;
let server: Awaited<ReturnType<typeof createServer>>;

/** Writes a file of the fake build with its .br and .gz siblings, as the Vite build does. */
function writeBuilt(path: string, content: string) {
  writeFileSync(join(dist, path), content);
  writeFileSync(join(dist, `${path}.br`), brotliCompressSync(content));
  writeFileSync(join(dist, `${path}.gz`), gzipSync(content));
}

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), "tenancy-dist-"));
  mkdirSync(join(dist, "assets"));
  writeBuilt("index.html", INDEX);
  writeBuilt("assets/index-Ab12Cd34.js", SCRIPT);
  writeFileSync(join(dist, "favicon.svg"), FAVICON); // too small to be worth compressing: no siblings
  h = await createHarness({ ADMIN_DIST: dist });
  server = await createServer({ env: h.env, db: h.db, clock: h.clock, log: pino({ level: "silent" }) });
});

afterAll(async () => {
  await server?.stop();
  await h?.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string, cookie?: string) =>
  server.app.inject({
    method: "GET",
    url,
    headers: { ...(acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding }), ...(cookie ? { cookie } : {}) },
  });

function decoded(res: Awaited<ReturnType<typeof get>>): string {
  const encoding = res.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(res.rawPayload).toString();
  if (encoding === "gzip") return gunzipSync(res.rawPayload).toString();
  expect(encoding).toBeUndefined();
  return res.payload;
}

describe("static delivery of the admin app", () => {
  it("caches hashed assets for a year as immutable", async () => {
    const res = await get("/assets/index-Ab12Cd34.js", "gzip, deflate, br");
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers["content-type"]).toMatch(/^(text|application)\/javascript/);
    expect(decoded(res)).toBe(SCRIPT);
  });

  it("makes the browser revalidate the page itself, at / and at /index.html", async () => {
    for (const url of ["/", "/index.html"]) {
      const res = await get(url, "br");
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("no-cache");
      expect(res.headers["content-type"], url).toMatch(/^text\/html/);
      expect(decoded(res), url).toBe(INDEX);
    }
  });

  it("answers an app route (the SPA fallback) with the page, revalidated and compressed", async () => {
    for (const url of ["/platform/tenants", "/t/users/0195f1c2-7b7e-7000-8000-000000000001?tab=roles", "/login?next=%2Ft"]) {
      const res = await get(url, "gzip, br");
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"], url).toMatch(/^text\/html/);
      expect(res.headers["cache-control"], url).toBe("no-cache");
      expect(res.headers["content-encoding"], url).toBe("br");
      expect(decoded(res), url).toBe(INDEX);
    }
  });

  it("answers a missing asset or file with a 404 that is not cached, never with the page", async () => {
    for (const url of ["/assets/index-0ld0ld00.js", "/assets/later", "/robots.txt", "/favicon.ico"]) {
      const res = await get(url, "br");
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"], url).toMatch(/^application\/json/);
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
  });

  it("revalidates files of the build that are not hashed", async () => {
    const res = await get("/favicon.svg", "br");
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.payload).toBe(FAVICON);
  });

  it("sends the pre-compressed file the client prefers: brotli, else gzip, else the plain file; always with Vary", async () => {
    const cases: [string | undefined, string | undefined][] = [
      ["gzip, deflate, br, zstd", "br"],
      ["br", "br"],
      ["gzip, deflate", "gzip"],
      ["br;q=0, gzip", "gzip"],
      ["*", "gzip"],
      ["identity", undefined],
      ["deflate", undefined],
      [undefined, undefined],
    ];
    for (const [accept, expected] of cases) {
      const res = await get("/assets/index-Ab12Cd34.js", accept);
      expect(res.statusCode, String(accept)).toBe(200);
      expect(res.headers["content-encoding"], String(accept)).toBe(expected);
      expect(String(res.headers.vary).toLowerCase(), String(accept)).toContain("accept-encoding");
      expect(decoded(res), String(accept)).toBe(SCRIPT);
      if (expected) expect(res.rawPayload.length, String(accept)).toBeLessThan(SCRIPT.length / 4);
    }
  });
});

describe("compression of API answers", () => {
  it("leaves a small tRPC answer as it is", async () => {
    const res = await get("/trpc/auth.me", "gzip, deflate, br");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.json()).toEqual({ result: { data: { json: null } } });
  });

  it("sends a large tRPC answer uncompressed whatever the client accepts (compressing cost a third of its CPU)", async () => {
    for (let i = 0; i < 4; i++) await h.makeTenant();
    const login = await server.app.inject({
      method: "POST",
      url: "/trpc/auth.login",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      payload: JSON.stringify({ json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } }),
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const url = `/trpc/platform.tenants.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 25 } }))}`;
    const res = await get(url, "gzip, deflate, br", cookie);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeGreaterThanOrEqual(1024);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.json().result.data.json.items.length).toBeGreaterThanOrEqual(4);
  });

  it("streams the CSV export compressed when the client accepts it, and plain otherwise", async () => {
    const tenant = await h.makeTenant();
    const cookie = `session=${tenant.admin.cookies.values.session}`;
    const plain = await get("/api/audit/export.csv", undefined, cookie);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const compressed = await get("/api/audit/export.csv", "gzip, br", cookie);
    expect(compressed.statusCode).toBe(200);
    expect(compressed.headers["content-encoding"]).toBe("br");
    expect(compressed.headers["content-type"]).toMatch(/^text\/csv/);
    expect(compressed.headers["content-disposition"]).toMatch(/^attachment/);
    // The same rows (each export records itself, so the second one holds one more entry).
    expect(decoded(compressed).split("\n")[0]).toBe(plain.payload.split("\n")[0]);
  });

  it("keeps a tRPC error's status when the answer goes through compression", async () => {
    const res = await get("/trpc/platform.tenants.list?input=%7B%7D", "br");
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(decoded(res)).error.json.data.code).toBe("UNAUTHENTICATED");
  });
});
