// Platform admins: the bootstrap of the first one, adding, deactivating and reactivating others, resetting
// another one's password, and each one's own profile (name, language).
import { PlatformLanguage, type CreatePlatformAdminInput, type UpdatePlatformProfileInput } from "@tenancy/contracts";
import { endSessions, uuidv7, type Prisma } from "@tenancy/db";
import type { z } from "zod";
import { AppError, isUniqueViolation } from "../../lib/app-error.js";
import { generatePassword, hashPassword } from "../../lib/passwords.js";
import { diff, record } from "../../lib/record.js";
import type { Scope } from "../../lib/scope.js";
import { clearAccount, loginAccount } from "../auth/throttle.js";

const SELECT = { id: true, email: true, name: true, status: true, mustChangePassword: true, lastLoginAt: true, createdAt: true } as const;

export async function list(scope: Scope) {
  return { items: await scope.prisma.platformAdmin.findMany({ orderBy: { createdAt: "asc" }, select: SELECT }) };
}

export async function create(scope: Scope, input: z.infer<typeof CreatePlatformAdminInput>, { mustChangePassword = true } = {}) {
  if (await scope.prisma.platformAdmin.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("EMAIL_TAKEN", "A platform admin with this e-mail already exists.", { field: "email" });
  }
  const generatedPassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  const now = scope.clock.now();
  try {
    const admin = await scope.prisma.$transaction(async (tx) => {
      const created = await tx.platformAdmin.create({
        data: { id: uuidv7(now.getTime()), email: input.email, name: input.name, passwordHash, mustChangePassword: mustChangePassword || generatedPassword !== null, createdAt: now },
        select: SELECT,
      });
      await record(tx, scope, {
        type: "platform_admin.created",
        tenantId: null,
        target: { type: "platform_admin", id: created.id, name: created.email },
        changes: { email: created.email, name: created.name },
        payload: { adminId: created.id, email: created.email },
      });
      return created;
    });
    return { admin, generatedPassword };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("EMAIL_TAKEN", "A platform admin with this e-mail already exists.", { field: "email" });
    throw error;
  }
}

/**
 * Serializes changes to who may act as a platform admin (status, passwords), so the checks made under it
 * (the last active admin, an actor or a target deactivated meanwhile) see every change committed before.
 */
const ADMINS_LOCK = 0x706c_6164; // any constant shared by every caller of the lock

/**
 * Transactions under the lock queue behind one another. Each is short, but a burst (40 resets at once) makes
 * the last ones wait longer than Prisma's defaults allow (2 s for a pool connection, 5 s in all), which
 * would fail them with a 500: they may wait up to 15 s instead.
 */
const QUEUED = { maxWait: 15_000, timeout: 15_000 } as const;

/** Runs `fn` in a transaction that first takes the platform admins' lock. */
function underAdminsLock<T>(scope: Scope, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return scope.prisma.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock($1::bigint)::text AS locked`, ADMINS_LOCK);
    return fn(tx);
  }, QUEUED);
}

export async function setActive(scope: Scope, adminId: string, active: boolean) {
  if (!active && adminId === scope.actor.id) throw new AppError("SELF_DEACTIVATION", "You cannot deactivate yourself; ask another platform admin.");
  // Under the lock, two admins deactivating each other at once run one after the other; the second then
  // sees the first's change and is refused.
  return underAdminsLock(scope, async (tx) => {
    const admin = await tx.platformAdmin.findUnique({ where: { id: adminId }, select: SELECT });
    if (!admin) throw new AppError("ADMIN_NOT_FOUND", "This platform admin does not exist.");
    if ((admin.status === "active") === active) {
      throw new AppError("INVALID_STATE", active ? "This platform admin is already active." : "This platform admin is already deactivated.");
    }
    if (!active) {
      const others = await tx.platformAdmin.count({ where: { status: "active", id: { not: adminId } } });
      if (others === 0) throw new AppError("LAST_ADMIN", "This is the last active platform admin; add another one first.");
    }
    const updated = await tx.platformAdmin.update({ where: { id: adminId }, data: { status: active ? "active" : "deactivated" }, select: SELECT });
    if (!active) await endSessions(tx, { platformAdminId: adminId }, "deactivated");
    await record(tx, scope, {
      type: active ? "platform_admin.reactivated" : "platform_admin.deactivated",
      tenantId: null,
      target: { type: "platform_admin", id: adminId, name: admin.email },
      changes: { status: { from: admin.status, to: updated.status } },
      payload: { adminId, email: admin.email },
    });
    return updated;
  });
}

/**
 * Resets ANOTHER platform admin's password to a generated one-time password, returned once: they must change
 * it at their next sign-in, their sessions end and their failed sign-ins are forgotten. One's own password is
 * changed from the profile (with the current one), never here. The acting admin and the target must both be
 * active, checked under the admins lock so a deactivation committed meanwhile is seen.
 */
export async function resetPassword(scope: Scope, adminId: string) {
  if (adminId === scope.actor.id) {
    throw new AppError("INVALID_STATE", "You cannot reset your own password; change it from your profile, with your current password.", { reason: "self" });
  }
  const generatedPassword = generatePassword();
  // Hashed before the lock is taken: the lock is held for the writes only, not for ~10 ms of argon2.
  const passwordHash = await hashPassword(generatedPassword);
  const admin = await underAdminsLock(scope, async (tx) => {
    const actor = await tx.platformAdmin.findUnique({ where: { id: scope.actor.id ?? "" }, select: { status: true } });
    if (actor?.status !== "active") throw new AppError("ACCOUNT_DEACTIVATED", "Your account was deactivated; you can no longer reset passwords.");
    const target = await tx.platformAdmin.findUnique({ where: { id: adminId }, select: SELECT });
    if (!target) throw new AppError("ADMIN_NOT_FOUND", "This platform admin does not exist.");
    if (target.status !== "active") {
      throw new AppError("INVALID_STATE", "This platform admin is deactivated; reactivate them first, then reset their password.", { reason: "deactivated" });
    }
    const updated = await tx.platformAdmin.update({ where: { id: adminId }, data: { passwordHash, mustChangePassword: true }, select: SELECT });
    const ended = await endSessions(tx, { platformAdminId: adminId }, "password_reset");
    await clearAccount(tx, loginAccount(null, target.email));
    await record(tx, scope, {
      type: "platform_admin.password_reset",
      tenantId: null,
      target: { type: "platform_admin", id: adminId, name: target.email },
      changes: { password: "reset", mustChangePassword: { from: target.mustChangePassword, to: true }, sessions: ended > 0 ? "ended" : "none" },
      payload: { adminId, email: target.email },
    });
    return updated;
  });
  await scope.email.send({ to: admin.email, template: "password_reset", data: {} });
  return { admin, generatedPassword };
}

const PROFILE_SELECT = { id: true, email: true, name: true, language: true } as const;

type ProfileRow = { id: string; email: string; name: string; language: string | null };
/** A stored language the app no longer speaks reads as none (the browser's). */
const toProfile = (row: ProfileRow) => ({ ...row, language: PlatformLanguage.safeParse(row.language).data ?? null });

/** The signed-in platform admin's own profile. */
export async function getProfile(scope: Scope) {
  const admin = await scope.prisma.platformAdmin.findUnique({ where: { id: scope.actor.id ?? "" }, select: PROFILE_SELECT });
  if (!admin) throw new AppError("ADMIN_NOT_FOUND", "Your platform admin account no longer exists.");
  return toProfile(admin);
}

/** Changes the signed-in platform admin's own name and/or language (null: follow the browser's). */
export async function updateProfile(scope: Scope, input: z.infer<typeof UpdatePlatformProfileInput>) {
  const before = await getProfile(scope);
  const changes = diff({ name: before.name, language: before.language }, { name: input.name, language: input.language });
  if (Object.keys(changes).length === 0) throw new AppError("INVALID_STATE", "Nothing to change: every field already has this value.");
  return scope.prisma.$transaction(async (tx) => {
    const updated = await tx.platformAdmin.update({ where: { id: before.id }, data: { name: input.name, language: input.language }, select: PROFILE_SELECT });
    await record(tx, scope, {
      type: "platform_admin.profile_updated",
      tenantId: null,
      target: { type: "platform_admin", id: before.id, name: before.email },
      changes,
      payload: { adminId: before.id, email: before.email, fields: Object.keys(changes) },
    });
    return toProfile(updated);
  });
}
