// Tenant users: list (search, role/status filters, sorting, keyset pages), create with a one-time or given
// password, edit, deactivate/reactivate (ending sessions), reset passwords, and each user's own profile.
// The last active tenant admin can neither be deactivated nor lose the admin role, and nobody grants or
// touches more than they hold (lib/privilege.ts); both checks run under the tenant's lock.
import type { CreateUserInput, ListUsersInput, ResetUserPasswordInput, UpdateProfileInput, UpdateUserInput } from "@tenancy/contracts";
import { TENANT_ADMIN_ROLE_KEY } from "@tenancy/contracts";
import { nameSortKey, uuidv7, type Prisma, type TenantTx } from "@tenancy/db";
import type { z } from "zod";
import { AppError, isUniqueViolation } from "../../lib/app-error.js";
import { isReasonableDate } from "../../lib/cursor.js";
import { generatePassword, hashPassword } from "../../lib/passwords.js";
import { likeLiteral } from "../../lib/search.js";
import { assertActorHolds, grantedBy, guarded } from "../../lib/privilege.js";
import { diff, record } from "../../lib/record.js";
import type { TenantScope } from "../../lib/scope.js";

const SELECT = {
  id: true, email: true, name: true, nameSortKey: true, status: true, mustChangePassword: true, language: true, lastLoginAt: true, createdAt: true,
  roles: { select: { role: { select: { id: true, name: true, key: true, permissions: true } } }, orderBy: { createdAt: "asc" } },
} as const satisfies Prisma.UserSelect;

type Row = Prisma.UserGetPayload<{ select: typeof SELECT }>;
const toDto = ({ roles, nameSortKey: _key, ...user }: Row) => ({ ...user, roles: roles.map(({ role }) => ({ id: role.id, key: role.key, name: role.name })) });
const permissionsOf = (user: Row) => grantedBy(user.roles.map((r) => r.role));

type Sort = z.infer<typeof ListUsersInput>["sort"];

// Names sort by their sort key (language order whatever the database's collation: "Émilie" among the E's),
// e-mails as stored (lowercase), both with the id breaking ties.
const SORT_COLUMN = { name: "nameSortKey", email: "email" } as const;

// Keyset cursors per sort: the sort column's value of the last row, then its id.
function encode(sort: Sort, row: Row): string {
  const value = sort === "createdAt" ? row.createdAt.toISOString() : sort === "name" ? row.nameSortKey : row.email;
  return Buffer.from(JSON.stringify([sort, value, row.id])).toString("base64url");
}

function after(sort: Sort, cursor: string | undefined): Prisma.UserWhereInput {
  if (!cursor) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed[0] !== sort || typeof parsed[1] !== "string" || typeof parsed[2] !== "string" || !/^[0-9a-f-]{36}$/.test(parsed[2])) {
    throw new AppError("BAD_INPUT", "This page cursor does not belong to this list; reload it from the first page.");
  }
  const [, value, id] = parsed as [Sort, string, string];
  if (sort === "createdAt") {
    const at = new Date(value);
    if (!isReasonableDate(at)) throw new AppError("BAD_INPUT", "This page cursor is not valid.");
    return { createdAt: { lte: at }, OR: [{ createdAt: { lt: at } }, { id: { lt: id } }] };
  }
  const column = SORT_COLUMN[sort];
  return { [column]: { gte: value }, OR: [{ [column]: { gt: value } }, { id: { gt: id } }] };
}

export async function list(scope: TenantScope, input: z.infer<typeof ListUsersInput>) {
  const filters: Prisma.UserWhereInput[] = [after(input.sort, input.cursor)];
  if (input.search) {
    const search = likeLiteral(input.search);
    filters.push({ OR: [{ name: { contains: search, mode: "insensitive" } }, { email: { contains: search, mode: "insensitive" } }] });
  }
  if (input.status) filters.push({ status: input.status });
  if (input.roleId) filters.push({ roles: { some: { roleId: input.roleId } } });
  const orderBy: Prisma.UserOrderByWithRelationInput[] =
    input.sort === "createdAt" ? [{ createdAt: "desc" }, { id: "desc" }] : [{ [SORT_COLUMN[input.sort]]: "asc" }, { id: "asc" }];
  const rows = await scope.db.user.findMany({ where: { AND: filters }, orderBy, take: input.limit + 1, select: SELECT });
  const items = rows.slice(0, input.limit);
  const last = items[items.length - 1];
  return { items: items.map(toDto), nextCursor: rows.length > input.limit && last ? encode(input.sort, last) : null };
}

async function findUser(db: TenantTx, userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: SELECT });
  if (!user) throw new AppError("USER_NOT_FOUND", "This user does not exist in your workspace.");
  return user;
}

export async function get(scope: TenantScope, userId: string) {
  return toDto(await findUser(scope.db, userId));
}

async function assertRoles(db: TenantTx, roleIds: string[]) {
  const unique = [...new Set(roleIds)];
  const found = await db.role.findMany({ where: { id: { in: unique } }, select: { id: true, key: true, permissions: true } });
  if (found.length !== unique.length) throw new AppError("ROLE_NOT_FOUND", "One of the chosen roles does not exist; reload the list of roles.", { field: "roleIds" });
  return found;
}

/**
 * Throws LAST_ADMIN when `userId` is an active Tenant Admin and no other active one exists. Call it inside
 * the transaction, after `tx.ownTenant.lock()`: two admins removing each other at once then run one after
 * the other, and the second sees the first's change.
 */
async function assertNotLastAdmin(tx: TenantTx, userId: string, action: string) {
  const isAdmin = { status: "active" as const, roles: { some: { role: { key: TENANT_ADMIN_ROLE_KEY } } } };
  const [target, others] = await Promise.all([
    tx.user.count({ where: { id: userId, ...isAdmin } }),
    tx.user.count({ where: { id: { not: userId }, ...isAdmin } }),
  ]);
  if (target > 0 && others === 0) {
    throw new AppError("LAST_ADMIN", `This is the last active tenant admin, so they cannot ${action}. Make another user a Tenant Admin first.`);
  }
}


export async function create(scope: TenantScope, input: z.infer<typeof CreateUserInput>) {
  if (await scope.db.user.findFirst({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("EMAIL_TAKEN", "A user with this e-mail already exists in your workspace.", { field: "email" });
  }
  const generatedPassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  const now = scope.clock.now();
  const id = uuidv7(now.getTime());
  try {
    const user = await guarded(scope, async (tx) => {
      const roles = await assertRoles(tx, input.roleIds);
      assertActorHolds(scope, grantedBy(roles), "give these roles");
      await tx.user.create({
        data: { id, tenantId: scope.tenantId, email: input.email, name: input.name, nameSortKey: nameSortKey(input.name), language: input.language ?? null, passwordHash, mustChangePassword: true, createdAt: now },
      });
      await tx.userRole.createMany({ data: roles.map((r) => ({ tenantId: scope.tenantId, userId: id, roleId: r.id })) });
      await record(tx, scope, {
        type: "user.created",
        tenantId: scope.tenantId,
        target: { type: "user", id, name: input.email },
        changes: { email: input.email, name: input.name, roleIds: roles.map((r) => r.id) },
        payload: { userId: id, email: input.email, roleIds: roles.map((r) => r.id) },
      });
      return tx.user.findUniqueOrThrow({ where: { id }, select: SELECT });
    });
    return { user: toDto(user), generatedPassword };
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw new AppError("EMAIL_TAKEN", "A user with this e-mail already exists in your workspace.", { field: "email" });
    throw error;
  }
}

export async function update(scope: TenantScope, input: z.infer<typeof UpdateUserInput>) {
  const user = await guarded(scope, async (tx) => {
    const before = await findUser(tx, input.userId);
    assertActorHolds(scope, permissionsOf(before), "edit this user");
    const changes: Record<string, unknown> = diff({ name: before.name, language: before.language }, { name: input.name, language: input.language });
    let roleIds: string[] | undefined;
    if (input.roleIds) {
      const roles = await assertRoles(tx, input.roleIds);
      roleIds = roles.map((r) => r.id);
      const beforeIds = before.roles.map((r) => r.role.id).sort();
      if (JSON.stringify(beforeIds) !== JSON.stringify([...roleIds].sort())) {
        changes.roleIds = { from: beforeIds, to: roleIds };
        assertActorHolds(scope, grantedBy(roles), "give these roles");
        if (!roles.some((r) => r.key === TENANT_ADMIN_ROLE_KEY)) await assertNotLastAdmin(tx, input.userId, "lose the Tenant Admin role");
      }
    }
    if (Object.keys(changes).length === 0) throw new AppError("INVALID_STATE", "Nothing to change: every field already has this value.");
    await tx.user.update({ where: { id: input.userId }, data: { name: input.name, nameSortKey: input.name === undefined ? undefined : nameSortKey(input.name), language: input.language } });
    if (roleIds && changes.roleIds) {
      await tx.userRole.deleteMany({ where: { userId: input.userId } });
      await tx.userRole.createMany({ data: roleIds.map((roleId) => ({ tenantId: scope.tenantId, userId: input.userId, roleId })) });
    }
    await record(tx, scope, {
      type: "user.updated",
      tenantId: scope.tenantId,
      target: { type: "user", id: before.id, name: before.email },
      changes,
      payload: { userId: before.id, email: before.email, fields: Object.keys(changes) },
    });
    return tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: SELECT });
  });
  return toDto(user);
}

export async function setActive(scope: TenantScope, userId: string, active: boolean) {
  if (!active && userId === scope.actor.id) throw new AppError("SELF_DEACTIVATION", "You cannot deactivate yourself; ask another admin.");
  const user = await guarded(scope, async (tx) => {
    const before = await findUser(tx, userId);
    if ((before.status === "active") === active) {
      throw new AppError("INVALID_STATE", active ? "This user is already active." : "This user is already deactivated.");
    }
    assertActorHolds(scope, permissionsOf(before), active ? "reactivate this user" : "deactivate this user");
    if (!active) await assertNotLastAdmin(tx, userId, "be deactivated");
    await tx.user.update({ where: { id: userId }, data: { status: active ? "active" : "deactivated", deactivatedAt: active ? null : scope.clock.now() } });
    if (!active) await tx.sessions.endForUser(userId, { reason: "deactivated" });
    await record(tx, scope, {
      type: active ? "user.reactivated" : "user.deactivated",
      tenantId: scope.tenantId,
      target: { type: "user", id: userId, name: before.email },
      changes: { status: { from: before.status, to: active ? "active" : "deactivated" } },
      payload: { userId, email: before.email },
    });
    return tx.user.findUniqueOrThrow({ where: { id: userId }, select: SELECT });
  });
  return toDto(user);
}

export async function resetPassword(scope: TenantScope, input: z.infer<typeof ResetUserPasswordInput>) {
  // Checked before the (slow) hash so a refused reset costs nothing, and again under the lock.
  assertActorHolds(scope, permissionsOf(await findUser(scope.db, input.userId)), "reset this user's password");
  const generatedPassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  const user = await guarded(scope, async (tx) => {
    const target = await findUser(tx, input.userId);
    assertActorHolds(scope, permissionsOf(target), "reset this user's password");
    await tx.user.update({ where: { id: target.id }, data: { passwordHash, mustChangePassword: true } });
    await tx.sessions.endForUser(target.id, { reason: "password_reset" });
    await record(tx, scope, {
      type: "user.password_reset",
      tenantId: scope.tenantId,
      target: { type: "user", id: target.id, name: target.email },
      payload: { userId: target.id, email: target.email },
    });
    return target;
  });
  await scope.email.send({ to: user.email, template: "password_reset", data: {} });
  return { generatedPassword };
}

export async function updateProfile(scope: TenantScope, input: z.infer<typeof UpdateProfileInput>) {
  const before = await findUser(scope.db, scope.actor.id!);
  const changes = diff({ name: before.name, language: before.language }, { name: input.name, language: input.language });
  if (Object.keys(changes).length === 0) throw new AppError("INVALID_STATE", "Nothing to change: every field already has this value.");
  const user = await scope.db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: before.id },
      data: { name: input.name, nameSortKey: input.name === undefined ? undefined : nameSortKey(input.name), language: input.language },
      select: SELECT,
    });
    await record(tx, scope, {
      type: "user.profile_updated",
      tenantId: scope.tenantId,
      target: { type: "user", id: before.id, name: before.email },
      changes,
      payload: { userId: before.id, email: before.email, fields: Object.keys(changes) },
    });
    return updated;
  });
  return toDto(user);
}
