// Which product modules are open to the workspace (`subscriptions.modules`, the same rule as the API's
// module gate), and what a module's page shows when it is closed: why, and where an administrator can open
// it. Pure, so the decisions are unit-tested; the guard and the navigation use them (module-gate-view.tsx).
import type { ModuleAccessDto, ModuleClosedReason, Permission } from "@tenancy/contracts";

export function openModuleKeys(access: ModuleAccessDto | undefined): ReadonlySet<string> {
  return new Set((access?.items ?? []).filter((item) => item.open).map((item) => item.moduleKey));
}

export type GateLink = { to: "/t/marketplace" | "/t/subscriptions"; label: "moduleGate.toMarketplace" | "moduleGate.toSubscriptions" };

export type GateDecision =
  | { state: "loading" }
  | { state: "open" }
  /** `link`: where the user can open it, for those allowed to (billing.read); null tells them to ask an admin. */
  | { state: "closed"; reason: ModuleClosedReason; link: GateLink | null };

export function gateDecision(access: ModuleAccessDto | undefined, moduleKey: string, permissions: readonly (Permission | string)[]): GateDecision {
  if (!access) return { state: "loading" };
  const item = access.items.find((entry) => entry.moduleKey === moduleKey);
  if (item?.open) return { state: "open" };
  const reason: ModuleClosedReason = item?.reason ?? "not_subscribed";
  if (!permissions.includes("billing.read")) return { state: "closed", reason, link: null };
  const link: GateLink =
    reason === "deactivated" ? { to: "/t/subscriptions", label: "moduleGate.toSubscriptions" } : { to: "/t/marketplace", label: "moduleGate.toMarketplace" };
  return { state: "closed", reason, link };
}
