// A real API server on a loopback port over a fresh test database, for HTTP-level tests of other packages.
import { createTestDatabase } from "@tenancy/db/testing";
import { pino } from "pino";
import { ensureFirstPlatformAdmin } from "../src/bootstrap.js";
import { testEnv, type Env } from "../src/env.js";
import { systemClock } from "../src/lib/clock.js";
import { createEmailSender } from "../src/lib/email.js";
import { createServer } from "../src/server.js";

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(overrides: Partial<Record<keyof Env, string>> = {}): Promise<TestServer> {
  const db = await createTestDatabase();
  const env = testEnv({ PORT: "0", ADMIN_DIST: "/nonexistent-admin-dist", ...overrides });
  const log = pino({ level: "silent" });
  await ensureFirstPlatformAdmin({ prisma: db.prisma, query: db.query, clock: systemClock, email: createEmailSender("none", log), log, env });
  const server = await createServer({ env, db, log });
  const address = await server.start();
  return {
    url: address,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
