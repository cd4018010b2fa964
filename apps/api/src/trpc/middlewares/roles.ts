// Area guards: platform procedures need a platform admin; tenant procedures need a tenant user holding the
// permission named in the procedure's meta, and get the tenant-bound scope their services receive.
import { AppError } from "../../lib/app-error.js";
import { tenantScope, type Scope, type TenantScope } from "../../lib/scope.js";
import type { SessionRecord } from "../../domains/auth/sessions.js";
import { t } from "../init.js";

type Authed = { session: SessionRecord; scope: Scope };

/** Refuses a session that is not a platform admin's (FORBIDDEN). */
export function assertPlatformAdmin(session: SessionRecord): void {
  if (session.kind !== "platform_admin") throw new AppError("FORBIDDEN", "This is for platform admins only.");
}

export const requirePlatformAdmin = t.middleware(({ ctx, next }) => {
  const { session, scope } = ctx as unknown as Authed;
  assertPlatformAdmin(session);
  return next({ ctx: { scope } });
});

/** The tenant of a tenant user's session, refusing platform admins and a missing permission (FORBIDDEN naming it). */
export function tenantOf(session: SessionRecord, permission: string | undefined): NonNullable<SessionRecord["tenant"]> {
  const tenant = session.tenant;
  if (session.kind !== "user" || !tenant) {
    throw new AppError("FORBIDDEN", "This is for users of a tenant; platform admins work in the Platform area.");
  }
  if (permission && !session.permissions.includes(permission)) {
    throw new AppError("FORBIDDEN", `You need the "${permission}" permission for this. Ask a tenant admin.`, { permission });
  }
  return tenant;
}

export const requireTenantUser = t.middleware(({ ctx, meta, next }) => {
  const { session, scope } = ctx as unknown as Authed;
  const tenant = tenantOf(session, meta?.permission);
  const principal = { tenantId: tenant.id, timeZone: tenant.timeZone, actor: scope.actor, permissions: session.permissions };
  const scoped: TenantScope = tenantScope(scope, principal, scope.request, scope.audit);
  return next({ ctx: { scope: scoped } });
});
