// The tenant's own dashboard: who the tenant is and the usage figures available so far.
import type { TenantScope } from "../../lib/scope.js";
import { startOfMonthInZone } from "../../lib/time.js";

export async function dashboard(scope: TenantScope) {
  const tenant = await scope.db.ownTenant.get({ id: true, name: true, slug: true, timeZone: true, currency: true, language: true, createdAt: true });
  const monthStart = startOfMonthInZone(scope.clock.now(), tenant.timeZone);
  const [activeUsers, eventsThisMonth] = await Promise.all([
    scope.db.user.count({ where: { status: "active" } }),
    scope.db.event.count({ where: { createdAt: { gte: monthStart } } }),
  ]);
  return { tenant, activeUsers, eventsThisMonth };
}
