// Test harness: a fresh migrated database per call, the app's services on a movable clock, callers
// (createCaller with an in-memory cookie jar) and fixture builders. Same code on PGlite and PostgreSQL.
import { createTestDatabase } from "@tenancy/db/testing";
import type { Database } from "@tenancy/db";
import { pino } from "pino";
import { testEnv, type Env } from "../src/env.js";
import { fixedClock } from "../src/lib/clock.js";
import { createEmailSender, type EmailMessage, type EmailSender } from "../src/lib/email.js";
import type { Services } from "../src/lib/scope.js";
import { appRouter } from "../src/root.js";
import { memoryCookies, sessionCookieName, type Context } from "../src/trpc/context.js";
import { createCallerFactory } from "../src/trpc/init.js";
import { ensureFirstPlatformAdmin } from "../src/bootstrap.js";
import { createHub, type EventHub } from "../src/events/hub.js";

export const ADMIN_EMAIL = "ops@example.com";
export const ADMIN_PASSWORD = "platform-admin-pass-1";
export const STRONG_PASSWORD = "correct horse battery";

const createCaller = createCallerFactory(appRouter);

export interface Harness {
  db: Database;
  env: Env;
  services: Services;
  clock: ReturnType<typeof fixedClock>;
  /** The live hub the callers' subscriptions listen to (LISTEN on the test database). */
  hub: EventHub;
  sentEmails: EmailMessage[];
  /** A caller with its own cookie jar, as one browser would be. */
  caller(opts?: { ip?: string; userAgent?: string }): ReturnType<typeof createCaller> & { cookies: ReturnType<typeof memoryCookies> };
  /** A caller logged in as the bootstrap platform admin. */
  platformAdmin(): Promise<ReturnType<Harness["caller"]>>;
  /** Creates a tenant through the API and returns its ids and a logged-in caller of its admin (password already changed). */
  makeTenant(overrides?: { slug?: string; name?: string; language?: string }): Promise<{
    tenantId: string;
    slug: string;
    adminId: string;
    adminEmail: string;
    adminPassword: string;
    admin: ReturnType<Harness["caller"]>;
  }>;
  close(): Promise<void>;
}

let counter = 0;

export async function createHarness(envOverrides: Partial<Record<keyof Env, string>> = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const env = testEnv({ PLATFORM_ADMIN_EMAIL: ADMIN_EMAIL, PLATFORM_ADMIN_PASSWORD: ADMIN_PASSWORD, ...envOverrides });
  const clock = fixedClock(new Date("2026-03-10T12:00:00Z"));
  const sentEmails: EmailMessage[] = [];
  const email: EmailSender = {
    async send(message) {
      sentEmails.push(message);
      await createEmailSender("none", pino({ level: "silent" })).send(message);
    },
  };
  const services: Services = { prisma: db.prisma, query: db.query, clock, email, log: pino({ level: "silent" }), env };
  await ensureFirstPlatformAdmin(services);
  const hub = await createHub(db);

  const caller: Harness["caller"] = (opts = {}) => {
    const cookies = memoryCookies();
    const ctx: Context = {
      ...services,
      request: { ip: opts.ip ?? "203.0.113.7", userAgent: opts.userAgent ?? "vitest", requestId: `test-${++counter}` },
      cookies,
      sessionCookieName: sessionCookieName(false),
      hub,
    };
    const api = createCaller(ctx);
    // The caller is itself a proxy (every property is a procedure path), so `cookies` is layered on top.
    return new Proxy(api, {
      get: (target, prop, receiver) => (prop === "cookies" ? cookies : Reflect.get(target, prop, receiver)),
    }) as typeof api & { cookies: typeof cookies };
  };

  const harness: Harness = {
    db,
    env,
    services,
    clock,
    hub,
    sentEmails,
    caller,
    async platformAdmin() {
      const c = caller();
      await c.auth.login({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      return c;
    },
    async makeTenant(overrides = {}) {
      const n = ++counter;
      const slug = overrides.slug ?? `tenant-${n}`;
      const ops = await harness.platformAdmin();
      const adminEmail = `admin-${n}@example.com`;
      const created = await ops.platform.tenants.create({
        name: overrides.name ?? `Tenant ${n}`,
        slug,
        contactEmail: `contact-${n}@example.com`,
        country: "FR",
        timeZone: "Europe/Paris",
        currency: "EUR",
        language: overrides.language ?? "fr",
        admin: { email: adminEmail, name: `Admin ${n}`, password: "first-password-123" },
      });
      const admin = caller();
      await admin.auth.login({ email: adminEmail, password: "first-password-123", workspace: slug });
      const adminPassword = `${STRONG_PASSWORD} ${n}`;
      await admin.auth.changePassword({ currentPassword: "first-password-123", newPassword: adminPassword });
      return { tenantId: created.tenant.id, slug, adminId: created.admin.id, adminEmail, adminPassword, admin };
    },
    close: async () => {
      await hub.close();
      await db.close();
    },
  };
  return harness;
}
