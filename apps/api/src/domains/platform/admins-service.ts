// Platform admins: the bootstrap of the first one, and adding, deactivating and reactivating others.
import type { CreatePlatformAdminInput } from "@tenancy/contracts";
import { endSessions, uuidv7 } from "@tenancy/db";
import type { z } from "zod";
import { AppError, isUniqueViolation } from "../../lib/app-error.js";
import { generatePassword, hashPassword } from "../../lib/passwords.js";
import { record } from "../../lib/record.js";
import type { Scope } from "../../lib/scope.js";

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

/** Serializes changes to the set of active platform admins, so the last-admin check sees every one. */
const ADMINS_LOCK = 0x706c_6164; // any constant shared by every caller of the lock

export async function setActive(scope: Scope, adminId: string, active: boolean) {
  if (!active && adminId === scope.actor.id) throw new AppError("SELF_DEACTIVATION", "You cannot deactivate yourself; ask another platform admin.");
  return scope.prisma.$transaction(async (tx) => {
    // Under the lock, two admins deactivating each other at once run one after the other; the second
    // then sees the first's change and is refused.
    await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock($1::bigint)::text AS locked`, ADMINS_LOCK);
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
