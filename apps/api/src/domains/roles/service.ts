// Roles: the built-in Tenant Admin (every permission, not editable) and custom roles. A role in use is
// deleted only with a role to reassign its users to; users keep at least one role. Nobody gives a role
// permissions they do not hold themselves (lib/privilege.ts).
import type { CreateRoleInput, DeleteRoleInput, UpdateRoleInput } from "@tenancy/contracts";
import { nameSortKey, uuidv7, type TenantTx } from "@tenancy/db";
import type { z } from "zod";
import { AppError, isUniqueViolation } from "../../lib/app-error.js";
import { assertActorHolds, grantedBy, guarded } from "../../lib/privilege.js";
import { diff, record } from "../../lib/record.js";
import type { TenantScope } from "../../lib/scope.js";

const SELECT = { id: true, key: true, name: true, description: true, permissions: true, builtIn: true, createdAt: true, _count: { select: { users: true } } } as const;
type Row = { _count: { users: number } } & Record<string, unknown>;
const toDto = <T extends Row>({ _count, ...role }: T) => ({ ...role, userCount: _count.users });

const nameTaken = (name: string) => new AppError("ROLE_NAME_TAKEN", `A role named "${name}" already exists; choose another name.`, { field: "name" });

export async function list(scope: TenantScope) {
  // The built-in role first, then by name in the language's order ("Éditeurs" among the E's).
  const rows = await scope.db.role.findMany({ orderBy: [{ builtIn: "desc" }, { nameSortKey: "asc" }, { id: "asc" }], select: SELECT });
  return { items: rows.map(toDto) };
}

async function findRole(db: TenantTx, roleId: string) {
  const role = await db.role.findUnique({ where: { id: roleId }, select: SELECT });
  if (!role) throw new AppError("ROLE_NOT_FOUND", "This role does not exist in your workspace.");
  return role;
}

const fold = (name: string) => name.normalize("NFC").toLocaleLowerCase("und");

/**
 * Names are unique per tenant regardless of case. Compared here rather than with a case-insensitive SQL
 * match, which is a LIKE pattern: `%` and `_` in a name would match other names, and `\` would break it.
 */
async function assertNameFree(db: TenantTx, name: string, exceptRoleId?: string) {
  const roles = await db.role.findMany({ select: { id: true, name: true } });
  if (roles.some((r) => r.id !== exceptRoleId && fold(r.name) === fold(name))) throw nameTaken(name);
}


export async function create(scope: TenantScope, input: z.infer<typeof CreateRoleInput>) {
  assertActorHolds(scope, input.permissions, "create a role with these permissions");
  const id = uuidv7(scope.clock.now().getTime());
  try {
    return await guarded(scope, async (tx) => {
      await assertNameFree(tx, input.name);
      const role = await tx.role.create({
        data: { id, tenantId: scope.tenantId, name: input.name, nameSortKey: nameSortKey(input.name), description: input.description ?? null, permissions: input.permissions },
        select: SELECT,
      });
      await record(tx, scope, {
        type: "role.created",
        tenantId: scope.tenantId,
        target: { type: "role", id, name: input.name },
        changes: { name: input.name, permissions: input.permissions },
        payload: { roleId: id, name: input.name },
      });
      return toDto(role);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

export async function update(scope: TenantScope, input: z.infer<typeof UpdateRoleInput>) {
  try {
    return await guarded(scope, async (tx) => {
      const before = await findRole(tx, input.roleId);
      if (before.builtIn) throw new AppError("BUILT_IN_ROLE", "The Tenant Admin role is built in and always holds every permission; create a custom role instead.");
      assertActorHolds(scope, before.permissions, "edit this role");
      if (input.permissions) assertActorHolds(scope, input.permissions, "give a role these permissions");
      if (input.name && fold(input.name) !== fold(before.name)) await assertNameFree(tx, input.name, before.id);
      const changes = diff(
        { name: before.name, description: before.description, permissions: [...before.permissions].sort() },
        { name: input.name, description: input.description, permissions: input.permissions ? [...input.permissions].sort() : undefined },
      );
      if (Object.keys(changes).length === 0) throw new AppError("INVALID_STATE", "Nothing to change: every field already has this value.");
      const role = await tx.role.update({
        where: { id: input.roleId },
        data: { name: input.name, nameSortKey: input.name === undefined ? undefined : nameSortKey(input.name), description: input.description, permissions: input.permissions },
        select: SELECT,
      });
      // Users of this role get the new permissions at their next request: sessions read roles live.
      await record(tx, scope, {
        type: "role.updated",
        tenantId: scope.tenantId,
        target: { type: "role", id: role.id, name: role.name },
        changes,
        payload: { roleId: role.id, name: role.name },
      });
      return toDto(role);
    });
  } catch (error) {
    if (isUniqueViolation(error) && input.name) throw nameTaken(input.name);
    throw error;
  }
}

export async function remove(scope: TenantScope, input: z.infer<typeof DeleteRoleInput>) {
  if (input.reassignToRoleId === input.roleId) throw new AppError("BAD_INPUT", "Choose a different role to reassign users to.", { field: "reassignToRoleId" });
  await guarded(scope, async (tx) => {
    const role = await findRole(tx, input.roleId);
    if (role.builtIn) throw new AppError("BUILT_IN_ROLE", "The Tenant Admin role is built in and cannot be deleted.");
    assertActorHolds(scope, role.permissions, "delete this role");
    // Holders are read inside the transaction, under the lock: a user given this role meanwhile is moved too.
    const holders = await tx.userRole.findMany({ where: { roleId: role.id }, select: { userId: true } });
    if (holders.length > 0 && !input.reassignToRoleId) {
      throw new AppError("ROLE_IN_USE", `${holders.length} user(s) have this role. Choose a role to reassign them to, then delete it.`, { userCount: holders.length });
    }
    if (input.reassignToRoleId) {
      const target = await findRole(tx, input.reassignToRoleId);
      assertActorHolds(scope, grantedBy([target]), "move its users to that role");
    }
    if (input.reassignToRoleId && holders.length > 0) {
      const already = await tx.userRole.findMany({ where: { roleId: input.reassignToRoleId, userId: { in: holders.map((h) => h.userId) } }, select: { userId: true } });
      const skip = new Set(already.map((a) => a.userId));
      const moves = holders.filter((h) => !skip.has(h.userId)).map((h) => ({ tenantId: scope.tenantId, userId: h.userId, roleId: input.reassignToRoleId! }));
      if (moves.length) await tx.userRole.createMany({ data: moves });
    }
    await tx.userRole.deleteMany({ where: { roleId: role.id } });
    await tx.role.delete({ where: { id: role.id } });
    await record(tx, scope, {
      type: "role.deleted",
      tenantId: scope.tenantId,
      target: { type: "role", id: role.id, name: role.name },
      changes: { name: role.name, permissions: role.permissions, reassignedTo: input.reassignToRoleId ?? null, users: holders.length },
      payload: { roleId: role.id, name: role.name },
    });
  });
  return { ok: true as const };
}
