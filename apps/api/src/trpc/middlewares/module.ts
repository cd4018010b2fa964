// Module gating: a tenant procedure whose meta names a module runs only while the tenant's subscription to
// it is live (trialing, active or past_due) and the module activated; otherwise FORBIDDEN (MODULE_INACTIVE)
// naming the module and saying why. One indexed lookup, only for procedures that declare a module.
import { moduleAccess } from "@tenancy/contracts";
import { AppError } from "../../lib/app-error.js";
import type { TenantScope } from "../../lib/scope.js";
import { t } from "../init.js";

export async function assertModuleOpen(scope: Pick<TenantScope, "db">, module: string): Promise<void> {
  const sub = await scope.db.subscription.findFirst({ where: { moduleKey: module }, select: { status: true, moduleActive: true } });
  const { open, reason } = moduleAccess(sub);
  if (open) return;
  const why =
    reason === "not_subscribed"
      ? "the workspace does not subscribe to it; a tenant admin can start a trial or subscribe in the marketplace"
      : reason === "deactivated"
        ? "it is deactivated; a tenant admin can activate it in the workspace's subscriptions"
        : `its subscription is ${reason === "trial_expired" ? "an ended trial" : "canceled"}; a tenant admin can subscribe again in the marketplace`;
  throw new AppError("MODULE_INACTIVE", `The "${module}" module is not active for this workspace: ${why}.`, { module, status: sub?.status ?? null, reason });
}

export const requireModule = t.middleware(async ({ ctx, meta, next }) => {
  if (meta?.module) await assertModuleOpen((ctx as unknown as { scope: TenantScope }).scope, meta.module);
  return next();
});
