// Resolves the session cookie to a principal, renews the cookie when the session slid forward, and holds
// back everything but a password change while one is required. A cookie whose session has ended is refused
// with why (expired, deactivated, suspended, or `details.reason`), so the app can tell the user.
import { AppError } from "../../lib/app-error.js";
import { lookupSession, type SessionEnd, type SessionRecord } from "../../domains/auth/sessions.js";
import type { Scope } from "../../lib/scope.js";
import type { Context } from "../context.js";
import { toTRPCError } from "../errors.js";
import { t } from "../init.js";

export async function resolveSession(ctx: Context): Promise<SessionRecord | null> {
  return (await resolveSessionState(ctx)).session;
}

/** The cookie's session, or why it has none (`ended` is null without a cookie or with an unknown one). */
export async function resolveSessionState(ctx: Context): Promise<{ session: SessionRecord | null; ended: SessionEnd }> {
  const token = ctx.cookies.get(ctx.sessionCookieName);
  if (!token) return { session: null, ended: null };
  const { session, ended } = await lookupSession(ctx, token, { now: ctx.clock.now(), days: ctx.env.SESSION_DAYS });
  if (!session) {
    ctx.cookies.clear(ctx.sessionCookieName);
    return { session: null, ended };
  }
  if (session.renewedExpiresAt) ctx.cookies.set(ctx.sessionCookieName, token, session.renewedExpiresAt);
  return { session, ended: null };
}

/**
 * The cookie's session looked up again during a long request (a live stream), or why it ended. It never
 * slides the session forward: the cookie cannot be renewed once the stream's headers are sent, and a
 * database expiry beyond the cookie's would be a session the browser no longer presents.
 */
export async function recheckSession(ctx: Context): Promise<{ session: SessionRecord | null; ended: SessionEnd }> {
  const token = ctx.cookies.get(ctx.sessionCookieName);
  if (!token) return { session: null, ended: null };
  // days: 0 makes "less than half of the lifetime left" never true, so the lookup renews nothing.
  return lookupSession(ctx, token, { now: ctx.clock.now(), days: 0 });
}

/** The error for a request whose cookie opens no session, saying why when that is known. */
export function sessionEndedError(ended: SessionEnd): AppError {
  switch (ended) {
    case "expired":
      return new AppError("SESSION_EXPIRED", "Your session has expired. Log in again.", { reason: ended });
    case "deactivated":
      return new AppError("ACCOUNT_DEACTIVATED", "This account is deactivated.", { reason: ended });
    case "suspended":
      return new AppError("TENANT_SUSPENDED", "This workspace is suspended.", { reason: ended });
    case null:
      return new AppError("UNAUTHENTICATED", "You are not logged in, or your session has ended. Log in again.");
    default:
      return new AppError("UNAUTHENTICATED", "Your session has ended. Log in again.", { reason: ended });
  }
}

/** Refuses a missing, deactivated or suspended session, or one that must change its password first. */
export function assertUsableSession(
  session: SessionRecord | null,
  { allowPendingPasswordChange = false } = {},
  ended: SessionEnd = null,
): asserts session is SessionRecord {
  if (!session) throw sessionEndedError(ended);
  if (!session.active) throw new AppError("ACCOUNT_DEACTIVATED", "This account is deactivated.");
  if (session.tenant && !session.tenant.active) throw new AppError("TENANT_SUSPENDED", "This workspace is suspended.");
  if (session.mustChangePassword && !allowPendingPasswordChange) {
    throw new AppError("PASSWORD_CHANGE_REQUIRED", "Change your password before continuing.");
  }
}

/** For a live stream: throws the error that ended the request's session (logout, reset, expiry, deactivation). */
export async function sessionStillUsable(ctx: Context): Promise<void> {
  const { session, ended } = await recheckSession(ctx);
  try {
    assertUsableSession(session, {}, ended);
  } catch (error) {
    throw error instanceof AppError ? toTRPCError(error) : error;
  }
}

export const requireSession = t.middleware(async ({ ctx, meta, next }) => {
  const { session, ended } = await resolveSessionState(ctx);
  assertUsableSession(session, { allowPendingPasswordChange: meta?.allowPendingPasswordChange }, ended);
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

