// The tenant's own dashboard: who the tenant is and the usage figures available so far.
import { AppError } from "../../lib/app-error.js";
import type { TenantScope } from "../../lib/scope.js";
import { startOfMonthInZone } from "../../lib/time.js";

export async function dashboard(scope: TenantScope) {
  const tenant = await scope.prisma.tenant.findUnique({
    where: { id: scope.tenantId },
    select: { id: true, name: true, slug: true, timeZone: true, currency: true, language: true, createdAt: true },
  });
  if (!tenant) throw new AppError("TENANT_NOT_FOUND", "This tenant does not exist.");
  const monthStart = startOfMonthInZone(scope.clock.now(), tenant.timeZone);
  const [activeUsers, eventsThisMonth] = await Promise.all([
    scope.db.user.count({ where: { status: "active" } }),
    scope.db.event.count({ where: { createdAt: { gte: monthStart } } }),
  ]);
  return { tenant, activeUsers, eventsThisMonth };
}
