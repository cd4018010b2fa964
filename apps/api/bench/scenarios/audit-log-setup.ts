// Shared set-up of the latency scenarios (audit-log, users-search): the product server with production
// settings, its platform admin, and tenants created through the HTTP API with a logged-in admin each
// (first password changed), as an operator and a tenant admin would do it.
import { destination, pino } from "pino";
import { ensureFirstPlatformAdmin } from "../../src/bootstrap.js";
import { testEnv } from "../../src/env.js";
import { systemClock } from "../../src/lib/clock.js";
import { createEmailSender } from "../../src/lib/email.js";
import type { Services } from "../../src/lib/scope.js";
import { createServer } from "../../src/server.js";
import { sessionCookieName } from "../../src/trpc/context.js";
import type { BenchDatabase } from "../lib/databases.js";
import { httpCaller, type HttpCaller } from "../lib/trpc-http.js";

const OPS = { email: "bench-ops@example.com", password: "bench-platform-pass-1" };

export interface BenchTenant {
  id: string;
  slug: string;
  adminId: string;
  /** Logged in as the tenant admin (password changed), or undefined when not asked for. */
  admin?: HttpCaller;
}

/** Production settings (cookie name, error shapes); request logging at the default level into /dev/null. */
export function productConfig() {
  const env = testEnv({ NODE_ENV: "production", PORT: "0", LOG_LEVEL: "info", PLATFORM_ADMIN_EMAIL: OPS.email, PLATFORM_ADMIN_PASSWORD: OPS.password });
  const log = pino({ level: env.LOG_LEVEL, redact: ["req.headers.cookie", "req.headers.authorization"] }, destination({ dest: "/dev/null", sync: true }));
  return { env, log };
}

export async function startProduct(database: BenchDatabase) {
  const { env, log } = productConfig();
  const services: Services = { prisma: database.db.prisma, query: database.db.query, clock: systemClock, email: createEmailSender("none", log), log, env };
  await ensureFirstPlatformAdmin(services);
  const server = await createServer({ env, db: database.db, log });
  const origin = await server.start();
  const cookieName = sessionCookieName(true);
  const ops = httpCaller(origin, cookieName);
  await ops.mutate("auth.login", OPS);

  async function createTenant(slug: string, { login }: { login: boolean }): Promise<BenchTenant> {
    const first = "first-password-123";
    const created = await ops.mutate<{ tenant: { id: string }; admin: { id: string } }>("platform.tenants.create", {
      name: `Bench ${slug}`,
      slug,
      contactEmail: `contact@${slug}.example.com`,
      country: "FR",
      timeZone: "Europe/Paris",
      currency: "EUR",
      language: "fr",
      admin: { email: `admin@${slug}.example.com`, name: `Admin ${slug}`, password: first },
    });
    const tenant: BenchTenant = { id: created.tenant.id, slug, adminId: created.admin.id };
    if (login) {
      const admin = httpCaller(origin, cookieName);
      await admin.mutate("auth.login", { email: `admin@${slug}.example.com`, password: first, workspace: slug });
      await admin.mutate("auth.changePassword", { currentPassword: first, newPassword: `bench admin password of ${slug}` });
      if (!admin.cookie) throw new Error(`the admin of ${slug} got no session cookie`);
      tenant.admin = admin;
    }
    return tenant;
  }

  return {
    services,
    origin,
    cookieName,
    createTenant,
    /** Request headers carrying this admin's session. */
    headersOf: (tenant: BenchTenant) => ({ cookie: `${cookieName}=${tenant.admin!.cookie!}` }),
    /** Request headers carrying the platform admin's session. */
    opsHeaders: () => ({ cookie: `${cookieName}=${ops.cookie!}` }),
    stop: () => server.stop(),
  };
}
