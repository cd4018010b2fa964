// Nobody grants what they do not hold: a tenant user may give a role, change a role's permissions, or
// edit, deactivate or reset the password of another user only when they themselves hold every permission
// involved. Tenant Admin holds everything (including permissions added later), so it can do all of it.
import { PERMISSION_NAMES, TENANT_ADMIN_ROLE_KEY } from "@tenancy/contracts";
import { AppError } from "./app-error.js";
import type { TenantTx } from "@tenancy/db";
import type { TenantScope } from "./scope.js";

/** What a set of roles grants. */
export function grantedBy(roles: ReadonlyArray<{ key: string | null; permissions: readonly string[] }>): Set<string> {
  if (roles.some((role) => role.key === TENANT_ADMIN_ROLE_KEY)) return new Set(PERMISSION_NAMES);
  return new Set(roles.flatMap((role) => role.permissions));
}

/** FORBIDDEN, naming what is missing, unless the actor holds every permission in `needed`. */
export function assertActorHolds(scope: Pick<TenantScope, "permissions">, needed: Iterable<string>, what: string): void {
  const missing = [...new Set(needed)].filter((permission) => !scope.permissions.has(permission)).sort();
  if (missing.length === 0) return;
  throw new AppError(
    "FORBIDDEN",
    `You cannot ${what}: it involves permissions you do not hold (${missing.join(", ")}). Ask someone who holds them, such as a Tenant Admin.`,
    { missing },
  );
}

/**
 * The transaction of every change to who holds what (users' roles and status, roles' permissions,
 * passwords): it locks the tenant's row first, so the privilege and last-admin checks made inside it see
 * every change committed before, and two such changes in one tenant never interleave.
 */
export function guarded<T>(scope: Pick<TenantScope, "db">, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return scope.db.$transaction(async (tx) => {
    await tx.ownTenant.lock();
    return fn(tx);
  });
}
