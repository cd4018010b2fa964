// Area guards: platform procedures need a platform admin; tenant procedures need a tenant user holding the
// permission named in the procedure's meta, and get the tenant-bound scope their services receive.
import { AppError } from "../../lib/app-error.js";
import { tenantScope, type Scope, type TenantScope } from "../../lib/scope.js";
import type { SessionRecord } from "../../domains/auth/sessions.js";
import { t } from "../init.js";

type Authed = { session: SessionRecord; scope: Scope };

export const requirePlatformAdmin = t.middleware(({ ctx, next }) => {
  const { session, scope } = ctx as unknown as Authed;
  if (session.kind !== "platform_admin") throw new AppError("FORBIDDEN", "This is for platform admins only.");
  return next({ ctx: { scope } });
});

export const requireTenantUser = t.middleware(({ ctx, meta, next }) => {
  const { session, scope } = ctx as unknown as Authed;
  const tenant = session.tenant;
  if (session.kind !== "user" || !tenant) {
    throw new AppError("FORBIDDEN", "This is for users of a tenant; platform admins work in the Platform area.");
  }
  const permissions = new Set(session.permissions);
  if (meta?.permission && !permissions.has(meta.permission)) {
    throw new AppError("FORBIDDEN", `You need the "${meta.permission}" permission for this. Ask a tenant admin.`, {
      permission: meta.permission,
    });
  }
  const scoped: TenantScope = tenantScope(scope, { tenantId: tenant.id, timeZone: tenant.timeZone, actor: scope.actor, permissions }, scope.request, scope.audit);
  return next({ ctx: { scope: scoped } });
});
