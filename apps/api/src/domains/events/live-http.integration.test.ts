// events.live over a real HTTP server on loopback, read as a browser's EventSource reads it: SSE headers
// (not compressed, not cached, not transformed), the connected message with the reconnect hint, events
// with their sequence as SSE id, resume from the Last-Event-ID header, the stream ended with an error when
// the session ends, one request log line when the stream closes, and open streams ended when the server stops.
import { Writable } from "node:stream";
import { pino } from "pino";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, type Harness } from "../../../test/harness.js";
import { offsetClock } from "../../lib/clock.js";
import { createServer } from "../../server.js";
import { dispatchPending } from "./live-test-support.js";

type Tenant = Awaited<ReturnType<Harness["makeTenant"]>>;

let h: Harness;
let alpha: Tenant;
let server: Awaited<ReturnType<typeof createServer>>;
let base: string;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  h = await createHarness({ ADMIN_DIST: "/nonexistent-admin-dist" });
  alpha = await h.makeTenant();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  server = await createServer({ env: { ...h.env, PORT: 0, HOST: "127.0.0.1" }, db: h.db, log: pino({ level: "info" }, sink) });
  const address = await server.start();
  base = address.replace("localhost", "127.0.0.1");
});
afterAll(async () => {
  await server?.stop();
  await h?.close();
});

/** Signs in over HTTP and returns the session cookie. */
async function login(email: string, password: string, workspace: string): Promise<string> {
  const res = await fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify(superjson.serialize({ email, password, workspace })),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

interface SseMessage {
  event?: string;
  id?: string;
  data: string;
}

/** Opens the live stream and reads it message by message. */
async function openStream(cookie: string, input: Record<string, unknown> | string = {}, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const query = typeof input === "string" ? input : JSON.stringify(superjson.serialize(input));
  const url = `${base}/trpc/events.live?input=${encodeURIComponent(query)}`;
  const res = await fetch(url, { headers: { cookie, accept: "text/event-stream", "accept-encoding": "gzip, br", ...headers }, signal: abort.signal });
  const body = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let ended = false;
  const messages: SseMessage[] = [];
  async function next(ms = 3_000): Promise<SseMessage | "timeout" | "ended"> {
    const deadline = Date.now() + ms;
    while (!buffer.includes("\n\n")) {
      if (ended) return "ended";
      const left = deadline - Date.now();
      if (left <= 0) return "timeout";
      const chunk = await Promise.race([body.read(), new Promise<"timeout">((r) => setTimeout(() => r("timeout"), left))]);
      if (chunk === "timeout") return "timeout";
      if (chunk.done) ended = true;
      else buffer += chunk.value;
    }
    const at = buffer.indexOf("\n\n");
    const frame = buffer.slice(0, at);
    buffer = buffer.slice(at + 2);
    const message: SseMessage = { data: "" };
    for (const line of frame.split("\n")) {
      const [field, ...rest] = line.split(": ");
      const value = rest.join(": ");
      if (field === "event") message.event = value;
      else if (field === "id") message.id = value;
      else if (field === "data") message.data += value;
    }
    messages.push(message);
    return message;
  }
  /** The next message that is not a ping. */
  async function nextMessage(ms?: number) {
    for (;;) {
      const m = await next(ms);
      if (m === "timeout" || m === "ended" || m.event !== "ping") return m;
    }
  }
  return { res, next: nextMessage, abort, messages };
}

const payloadName = (m: SseMessage | string) => (typeof m === "string" ? m : (superjson.parse(m.data) as { event: { payload: { name: string } } }).event.payload.name);

describe("events.live over HTTP (SSE)", () => {
  it("streams dispatched events with their sequence as SSE id, uncompressed and uncached, and resumes from Last-Event-ID", async () => {
    const cookie = await login(alpha.adminEmail, alpha.adminPassword, alpha.slug);
    await dispatchPending({ db: h.db, hub: server.hub });
    const stream = await openStream(cookie);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(stream.res.headers.get("content-encoding")).toBeNull();
    expect(stream.res.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(stream.res.headers.get("x-request-id")).toBeTruthy();
    const connected = await stream.next();
    expect(connected).toMatchObject({ event: "connected" });
    expect(JSON.parse((connected as SseMessage).data)).toEqual({ reconnectAfterInactivityMs: 30_000 });

    await alpha.admin.roles.create({ name: "Over HTTP", permissions: [] });
    await dispatchPending({ db: h.db, hub: server.hub });
    const first = await stream.next();
    expect(first).not.toBe("timeout");
    expect(payloadName(first as SseMessage)).toBe("Over HTTP");
    const id = (first as SseMessage).id!;
    expect(id).toMatch(/^\d+$/);
    stream.abort.abort();

    await alpha.admin.roles.create({ name: "While away", permissions: [] });
    await dispatchPending({ db: h.db, hub: server.hub });
    const resumed = await openStream(cookie, {}, { "last-event-id": id });
    expect(await resumed.next()).toMatchObject({ event: "connected" });
    const missed = await resumed.next();
    expect(payloadName(missed as SseMessage)).toBe("While away");
    expect(await resumed.next(300)).toBe("timeout");
    resumed.abort.abort();
  });

  it("writes the request's log line when the stream closes, not when it opens", async () => {
    const cookie = await login(alpha.adminEmail, alpha.adminPassword, alpha.slug);
    const stream = await openStream(cookie);
    await stream.next();
    const requestId = stream.res.headers.get("x-request-id");
    const line = () => logLines.find((l) => l.msg === "request" && l.reqId === requestId);
    await new Promise((r) => setTimeout(r, 100));
    expect(line()).toBeUndefined();
    stream.abort.abort();
    for (let i = 0; i < 50 && !line(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(line()).toMatchObject({ path: "/trpc/events.live", status: 200 });
  });

  it("ends the stream with the session's error when the user logs out elsewhere with the same session", async () => {
    const cookie = await login(alpha.adminEmail, alpha.adminPassword, alpha.slug);
    const stream = await openStream(cookie);
    await stream.next();
    const out = await fetch(`${base}/trpc/auth.logout`, { method: "POST", headers: { cookie, origin: base, "content-type": "application/json" }, body: "{}" });
    expect(out.status).toBe(200);
    await dispatchPending({ db: h.db, hub: server.hub });
    const error = await stream.next();
    expect(error).toMatchObject({ event: "serialized-error" });
    expect(JSON.stringify(superjson.parse((error as SseMessage).data))).toMatch(/UNAUTHENTICATED|SESSION/);
    expect(await stream.next()).toBe("ended");
  });

  it("ends a stream with the error's code when the input is not JSON, not valid, or the session is missing", async () => {
    const cookie = await login(alpha.adminEmail, alpha.adminPassword, alpha.slug);
    const cases: Array<[string, Record<string, unknown> | string, string]> = [
      [cookie, "{not json", "BAD_INPUT"],
      [cookie, { types: ["x".repeat(81)] }, "BAD_INPUT"],
      ["", {}, "UNAUTHENTICATED"],
    ];
    for (const [who, input, code] of cases) {
      const stream = await openStream(who, input);
      expect(stream.res.status).toBe(200);
      expect(await stream.next()).toMatchObject({ event: "connected" });
      const error = await stream.next();
      expect(error).toMatchObject({ event: "serialized-error" });
      expect((superjson.parse((error as SseMessage).data) as { data: { code: string } }).data.code).toBe(code);
      expect(await stream.next()).toBe("ended");
    }
  });

  it("serializes an event once for all the streams it goes to", async () => {
    const cookie = await login(alpha.adminEmail, alpha.adminPassword, alpha.slug);
    await dispatchPending({ db: h.db, hub: server.hub });
    const streams = await Promise.all([1, 2, 3].map(() => openStream(cookie)));
    for (const stream of streams) expect(await stream.next()).toMatchObject({ event: "connected" });
    const serialize = vi.spyOn(superjson, "serialize");
    try {
      await alpha.admin.roles.create({ name: "Said once", permissions: [] });
      serialize.mockClear();
      await dispatchPending({ db: h.db, hub: server.hub });
      for (const stream of streams) expect(payloadName((await stream.next()) as SseMessage)).toBe("Said once");
      const ofTheEvent = serialize.mock.calls.filter(([value]) => (value as { event?: { payload?: { name?: string } } })?.event?.payload?.name === "Said once");
      expect(ofTheEvent).toHaveLength(1);
    } finally {
      serialize.mockRestore();
      for (const stream of streams) stream.abort.abort();
    }
  });

  it("answers a HEAD request without opening a stream", async () => {
    const cookie = await login(alpha.adminEmail, alpha.adminPassword, alpha.slug);
    const url = `${base}/trpc/events.live?input=${encodeURIComponent(JSON.stringify(superjson.serialize({})))}`;
    const res = await fetch(url, { method: "HEAD", headers: { cookie }, signal: AbortSignal.timeout(3_000) });
    expect(res.headers.get("content-type") ?? "").not.toMatch(/event-stream/);
  });

  it("sends a renewed session's cookie with the stream (a session past half its life slides forward on connect)", async () => {
    const clock = offsetClock();
    const own = await createServer({ env: { ...h.env, PORT: 0, HOST: "127.0.0.1" }, db: h.db, clock, log: pino({ level: "silent" }) });
    const ownBase = (await own.start()).replace("localhost", "127.0.0.1");
    try {
      const signedIn = await fetch(`${ownBase}/trpc/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ownBase },
        body: JSON.stringify(superjson.serialize({ email: alpha.adminEmail, password: alpha.adminPassword, workspace: alpha.slug })),
      });
      const cookie = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      clock.advance(20 * 24 * 3600 * 1000);
      const abort = new AbortController();
      const res = await fetch(`${ownBase}/trpc/events.live?input=${encodeURIComponent(JSON.stringify(superjson.serialize({})))}`, { headers: { cookie }, signal: abort.signal });
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(res.headers.getSetCookie().join("\n")).toMatch(/^session=/);
      abort.abort();
    } finally {
      await own.stop();
    }
  });

  it("ends open streams when the server stops (without `return`, so clients reconnect), and stops promptly", async () => {
    const own = await createServer({ env: { ...h.env, PORT: 0, HOST: "127.0.0.1" }, db: h.db, log: pino({ level: "silent" }) });
    const ownBase = (await own.start()).replace("localhost", "127.0.0.1");
    const cookie = await login(alpha.adminEmail, alpha.adminPassword, alpha.slug);
    const url = `${ownBase}/trpc/events.live?input=${encodeURIComponent(JSON.stringify(superjson.serialize({})))}`;
    const res = await fetch(url, { headers: { cookie } });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = (await reader.read()).value ?? "";
    const started = Date.now();
    const ended = (async () => {
      for (;;) {
        const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
        if (chunk.done) return Date.now() - started;
        text += chunk.value;
      }
    })();
    await own.stop();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(await ended).toBeLessThan(1_500);
    expect(text).toContain("event: connected");
    expect(text).not.toContain("event: return");
  });
});
