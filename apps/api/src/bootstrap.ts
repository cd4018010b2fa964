// First start: with no platform admin yet, create one from PLATFORM_ADMIN_EMAIL/PASSWORD, or generate a
// one-time password (printed once, must be changed at first login).
import * as admins from "./domains/platform/admins-service.js";
import { systemScope, type Services } from "./lib/scope.js";

export interface BootstrapResult {
  email: string;
  /** The generated password, when one was generated: print it once. */
  generatedPassword: string | null;
}

export const DEFAULT_ADMIN_EMAIL = "admin@example.com";

export async function ensureFirstPlatformAdmin(services: Services): Promise<BootstrapResult | null> {
  if ((await services.prisma.platformAdmin.count()) > 0) return null;
  const { env } = services;
  const email = env.PLATFORM_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL;
  const password = env.PLATFORM_ADMIN_EMAIL ? env.PLATFORM_ADMIN_PASSWORD : undefined;
  const { generatedPassword } = await admins.create(
    systemScope(services),
    { email: email.toLowerCase(), name: "Platform admin", password },
    { mustChangePassword: false },
  );
  return { email, generatedPassword };
}
