// Who counts as a user of a module on per-user plans (decision 33): an active user whose roles grant a
// permission of the module (the Tenant Admin role grants every one); for a module that declares no
// permission, every active user. Counted when a period is billed, and for a plan change when it is made.
import { PERMISSION_NAMES, PERMISSIONS, TENANT_ADMIN_ROLE_KEY } from "@tenancy/contracts";
import type { Prisma } from "@tenancy/db";

export function seatHoldersWhere(moduleKey: string): Prisma.UserWhereInput {
  const permissions: string[] = PERMISSION_NAMES.filter((name) => PERMISSIONS[name].module === moduleKey);
  if (permissions.length === 0) return { status: "active" };
  return { status: "active", roles: { some: { role: { OR: [{ key: TENANT_ADMIN_ROLE_KEY }, { permissions: { hasSome: permissions } }] } } } };
}
