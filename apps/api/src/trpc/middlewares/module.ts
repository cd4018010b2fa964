// Module gating: a tenant procedure whose meta names a module runs only while the tenant's subscription to
// it is live (trialing, active or past_due) and the module activated; otherwise FORBIDDEN (MODULE_INACTIVE)
// naming the module and saying why. One indexed lookup, only for procedures that declare a module.
import { AppError } from "../../lib/app-error.js";
import type { TenantScope } from "../../lib/scope.js";
import { isLive } from "../../domains/subscriptions/state.js";
import { t } from "../init.js";

export async function assertModuleOpen(scope: Pick<TenantScope, "db">, module: string): Promise<void> {
  const sub = await scope.db.subscription.findFirst({ where: { moduleKey: module }, select: { status: true, moduleActive: true } });
  if (sub && isLive(sub.status) && sub.moduleActive) return;
  const why = !sub
    ? "the workspace does not subscribe to it; a tenant admin can start a trial or subscribe in the marketplace"
    : !isLive(sub.status)
      ? `its subscription is ${sub.status === "expired" ? "an ended trial" : "canceled"}; a tenant admin can subscribe again in the marketplace`
      : "it is deactivated; a tenant admin can activate it in the workspace's subscriptions";
  throw new AppError("MODULE_INACTIVE", `The "${module}" module is not active for this workspace: ${why}.`, { module, status: sub?.status ?? null });
}

export const requireModule = t.middleware(async ({ ctx, meta, next }) => {
  if (meta?.module) await assertModuleOpen((ctx as unknown as { scope: TenantScope }).scope, meta.module);
  return next();
});
