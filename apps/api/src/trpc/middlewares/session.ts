// Resolves the session cookie to a principal, renews the cookie when the session slid forward, and holds
// back everything but a password change while one is required.
import { AppError } from "../../lib/app-error.js";
import { validateSessionToken, type SessionRecord } from "../../domains/auth/sessions.js";
import type { Scope } from "../../lib/scope.js";
import type { Context } from "../context.js";
import { t } from "../init.js";

export async function resolveSession(ctx: Context): Promise<SessionRecord | null> {
  const token = ctx.cookies.get(ctx.sessionCookieName);
  if (!token) return null;
  const session = await validateSessionToken(ctx, token, { now: ctx.clock.now(), days: ctx.env.SESSION_DAYS });
  if (!session) {
    ctx.cookies.clear(ctx.sessionCookieName);
    return null;
  }
  if (session.renewedExpiresAt) ctx.cookies.set(ctx.sessionCookieName, token, session.renewedExpiresAt);
  return session;
}

/** Refuses a missing, deactivated or suspended session, or one that must change its password first. */
export function assertUsableSession(session: SessionRecord | null, { allowPendingPasswordChange = false } = {}): asserts session is SessionRecord {
  if (!session) throw new AppError("UNAUTHENTICATED", "You are not logged in, or your session has ended. Log in again.");
  if (!session.active) throw new AppError("ACCOUNT_DEACTIVATED", "This account is deactivated.");
  if (session.tenant && !session.tenant.active) throw new AppError("TENANT_SUSPENDED", "This workspace is suspended.");
  if (session.mustChangePassword && !allowPendingPasswordChange) {
    throw new AppError("PASSWORD_CHANGE_REQUIRED", "Change your password before continuing.");
  }
}

export const requireSession = t.middleware(async ({ ctx, meta, next }) => {
  const session = await resolveSession(ctx);
  assertUsableSession(session, { allowPendingPasswordChange: meta?.allowPendingPasswordChange });
  const scope: Scope = {
    prisma: ctx.prisma,
    query: ctx.query,
    clock: ctx.clock,
    email: ctx.email,
    log: ctx.log,
    env: ctx.env,
    actor: { type: session.kind, id: session.principalId, name: session.name },
    request: ctx.request,
    audit: (ctx as Context & { audit: Scope["audit"] }).audit,
  };
  return next({ ctx: { session, scope } });
});

