// The browser tests' clock (decision 39): POST /test/clock exists only with TEST_CLOCK=1, never in
// production, answers only loopback peers, moves the services' clock forward and runs the billing job.
import { createTestDatabase } from "@tenancy/db/testing";
import type { Database } from "@tenancy/db";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvError, loadEnv, testEnv } from "./env.js";
import { offsetClock } from "./lib/clock.js";
import { createServer } from "./server.js";

const ORIGIN = "http://localhost:80";
const log = pino({ level: "silent" });
let db: Database;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const post = (server: Awaited<ReturnType<typeof createServer>>, body: unknown, remoteAddress = "127.0.0.1") =>
  server.app.inject({
    method: "POST",
    url: "/test/clock",
    remoteAddress,
    headers: { "content-type": "application/json", host: "localhost:80", origin: ORIGIN },
    payload: JSON.stringify(body),
  });

describe("test clock", () => {
  it("does not exist without TEST_CLOCK=1, even with a test clock given", async () => {
    const server = await createServer({ env: testEnv({ ADMIN_DIST: "/nonexistent-admin-dist" }), db, log, clock: offsetClock() });
    try {
      const response = await post(server, { advanceMs: 1000, runBilling: true });
      expect(response.statusCode).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it("is refused at start-up with NODE_ENV=production", () => {
    expect(() => loadEnv({ NODE_ENV: "production", TEST_CLOCK: "1" })).toThrow(EnvError);
    expect(() => loadEnv({ NODE_ENV: "production", TEST_CLOCK: "1" })).toThrow(/TEST_CLOCK/);
    expect(() => loadEnv({ NODE_ENV: "test", TEST_CLOCK: "yes" })).toThrow(EnvError);
  });

  it("with TEST_CLOCK=1, moves the clock forward and runs the billing job, for loopback peers only", async () => {
    const clock = offsetClock();
    const server = await createServer({ env: testEnv({ ADMIN_DIST: "/nonexistent-admin-dist", TEST_CLOCK: "1" }), db, log, clock });
    try {
      const before = Date.now();
      const response = await post(server, { advanceMs: 40 * 24 * 60 * 60 * 1000, runBilling: true });
      expect(response.statusCode).toBe(200);
      const body = response.json() as { now: string; issued: number };
      expect(new Date(body.now).getTime() - before).toBeGreaterThanOrEqual(40 * 24 * 60 * 60 * 1000);
      expect(clock.now().getTime() - Date.now()).toBeGreaterThanOrEqual(40 * 24 * 60 * 60 * 1000 - 1000);
      expect(body.issued).toBe(0);

      await post(server, { freeze: true });
      const frozen = clock.now().getTime();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(clock.now().getTime()).toBe(frozen);
      await post(server, { freeze: false, advanceMs: 1000 });
      expect(clock.now().getTime()).toBeGreaterThanOrEqual(frozen + 1000);

      const remote = await post(server, { advanceMs: 1000 }, "203.0.113.9");
      expect(remote.statusCode).toBe(403);
      const backwards = await post(server, { advanceMs: -1000 });
      expect(backwards.statusCode).toBe(400);
    } finally {
      await server.stop();
    }
  });

  it("refuses to build a server with TEST_CLOCK=1 but the system clock", async () => {
    await expect(createServer({ env: testEnv({ ADMIN_DIST: "/nonexistent-admin-dist", TEST_CLOCK: "1" }), db, log })).rejects.toThrow(/test clock/);
  });
});
