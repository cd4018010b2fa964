// Authentication: login (with rate limiting and an answer that never tells whether an e-mail exists),
// logout, the current principal, and changing one's own password.
import { passwordProblem, type Me } from "@tenancy/contracts";
import type { z } from "zod";
import type { ChangePasswordInput, LoginInput } from "@tenancy/contracts";
import { endSessions } from "@tenancy/db";
import { AppError } from "../../lib/app-error.js";
import { burnVerify, hashPassword, verifyPassword } from "../../lib/passwords.js";
import { record } from "../../lib/record.js";
import type { Actor, RequestInfo, Scope, Services } from "../../lib/scope.js";
import { createSession, type CreatedSession, type SessionRecord } from "./sessions.js";
import { loginAccount, passwordAccepted, reserveLogin, reservePasswordCheck } from "./throttle.js";

const BAD_CREDENTIALS = "The e-mail, password or workspace is not correct.";

function scopeFor(services: Services, actor: Actor, request: RequestInfo): Scope {
  return { ...services, actor, request, audit: { count: 0 } };
}

export async function login(
  services: Services,
  request: RequestInfo,
  input: z.infer<typeof LoginInput>,
): Promise<{ session: CreatedSession; scope: Scope }> {
  const { prisma, clock } = services;
  const now = clock.now();
  // Reserved before anything is looked up, for unknown accounts too: the answer never tells whether one exists.
  const reservation = await reserveLogin(prisma, { account: loginAccount(input.workspace, input.email), ip: request.ip }, now);

  let account:
    | { kind: "platform_admin"; id: string; name: string; passwordHash: string; active: boolean; tenant: null }
    | { kind: "user"; id: string; name: string; passwordHash: string; active: boolean; tenant: { id: string; active: boolean } }
    | null = null;
  let tenantId: string | null = null;

  if (input.workspace) {
    const tenant = await prisma.tenant.findUnique({ where: { slug: input.workspace }, select: { id: true, status: true } });
    tenantId = tenant?.id ?? null;
    if (tenant) {
      const user = await prisma.user.findUnique({
        where: { tenantId_email: { tenantId: tenant.id, email: input.email } },
        select: { id: true, name: true, passwordHash: true, status: true },
      });
      if (user) {
        account = { kind: "user", id: user.id, name: user.name, passwordHash: user.passwordHash, active: user.status === "active", tenant: { id: tenant.id, active: tenant.status === "active" } };
      }
    }
  } else {
    const admin = await prisma.platformAdmin.findUnique({
      where: { email: input.email },
      select: { id: true, name: true, passwordHash: true, status: true },
    });
    if (admin) account = { kind: "platform_admin", id: admin.id, name: admin.name, passwordHash: admin.passwordHash, active: admin.status === "active", tenant: null };
  }

  const valid = account ? await verifyPassword(account.passwordHash, input.password) : (await burnVerify(input.password), false);
  if (!account || !valid) {
    const anonymous = scopeFor(services, { type: "anonymous", id: null, name: input.email }, request);
    await prisma.$transaction(async (tx) => {
      await record(tx, anonymous, {
        type: "auth.login_failed",
        tenantId,
        target: account ? { type: account.kind, id: account.id, name: account.name } : undefined,
        payload: { email: input.email, reason: account ? "wrong_password" : "unknown_account" },
        success: false,
      });
    });
    throw new AppError("INVALID_CREDENTIALS", BAD_CREDENTIALS);
  }
  await passwordAccepted(prisma, reservation);
  if (!account.active) throw new AppError("ACCOUNT_DEACTIVATED", "This account is deactivated. Ask an administrator to reactivate it.");
  if (account.tenant && !account.tenant.active) {
    throw new AppError("TENANT_SUSPENDED", "This workspace is suspended. Contact the platform operator.");
  }

  const actor: Actor = { type: account.kind, id: account.id, name: account.name };
  const scope = scopeFor(services, actor, request);
  const principal = account.kind === "user" ? { kind: "user" as const, id: account.id, tenantId: account.tenant.id } : { kind: "platform_admin" as const, id: account.id };
  const session = await prisma.$transaction(async (tx) => {
    const created = await createSession(tx, principal, { now, days: services.env.SESSION_DAYS, ip: request.ip, userAgent: request.userAgent });
    if (account.kind === "user") await tx.user.update({ where: { id: account.id }, data: { lastLoginAt: now } });
    else await tx.platformAdmin.update({ where: { id: account.id }, data: { lastLoginAt: now } });
    await record(tx, scope, {
      type: "session.created",
      tenantId: account.kind === "user" ? account.tenant.id : null,
      target: { type: account.kind, id: account.id, name: account.name },
      payload: { principalType: account.kind, principalId: account.id },
    });
    return created;
  });
  return { session, scope };
}

export async function logout(scope: Scope, session: SessionRecord): Promise<void> {
  await scope.prisma.$transaction(async (tx) => {
    await endSessions(tx, { id: session.sessionId }, "signed_out");
    await record(tx, scope, {
      type: "session.revoked",
      tenantId: session.tenant?.id ?? null,
      target: { type: session.kind, id: session.principalId, name: session.name },
      payload: { principalType: session.kind, principalId: session.principalId },
    });
  });
}

export function toMe(session: SessionRecord): Me {
  return {
    kind: session.kind,
    id: session.principalId,
    email: session.email,
    name: session.name,
    mustChangePassword: session.mustChangePassword,
    // A tenant user always has one (their own, else the workspace's); a platform admin may have none.
    language: session.userLanguage ?? session.tenant?.language ?? null,
    sessionExpiresAt: session.expiresAt,
    permissions: session.permissions,
    tenant: session.tenant
      ? {
          id: session.tenant.id,
          slug: session.tenant.slug,
          name: session.tenant.name,
          timeZone: session.tenant.timeZone,
          currency: session.tenant.currency,
          language: session.tenant.language,
          dateFormat: session.tenant.dateFormat,
          numberFormat: session.tenant.numberFormat,
        }
      : null,
  };
}

/** Changes the caller's password and ends every other session of theirs. */
export async function changePassword(scope: Scope, session: SessionRecord, input: z.infer<typeof ChangePasswordInput>): Promise<void> {
  const { prisma } = scope;
  // A stolen session must not become a password oracle: the current-password check is rate limited too.
  const reservation = await reservePasswordCheck(prisma, { kind: session.kind, id: session.principalId }, scope.clock.now());
  const current =
    session.kind === "user"
      ? await prisma.user.findUnique({ where: { id: session.principalId }, select: { passwordHash: true } })
      : await prisma.platformAdmin.findUnique({ where: { id: session.principalId }, select: { passwordHash: true } });
  if (!current || !(await verifyPassword(current.passwordHash, input.currentPassword))) {
    throw new AppError("WRONG_PASSWORD", "The current password is not correct.", { field: "currentPassword" });
  }
  await passwordAccepted(prisma, reservation);
  const problem = passwordProblem(input.newPassword);
  if (problem) throw new AppError("WEAK_PASSWORD", problem, { field: "newPassword" });
  const passwordHash = await hashPassword(input.newPassword);
  await prisma.$transaction(async (tx) => {
    const data = { passwordHash, mustChangePassword: false };
    if (session.kind === "user") await tx.user.update({ where: { id: session.principalId }, data });
    else await tx.platformAdmin.update({ where: { id: session.principalId }, data });
    const owner = session.kind === "user" ? { userId: session.principalId } : { platformAdminId: session.principalId };
    await endSessions(tx, { ...owner, id: { not: session.sessionId } }, "password_changed");
    await record(tx, scope, {
      type: "password.changed",
      tenantId: session.tenant?.id ?? null,
      target: { type: session.kind, id: session.principalId, name: session.name },
      payload: { principalType: session.kind, principalId: session.principalId },
    });
  });
}
