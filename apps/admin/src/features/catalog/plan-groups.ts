// A module's plans as the platform admin thinks of them: one entry per plan (code and interval), its
// versions newest first. New subscriptions and renewals take the newest version (`latest`).
import type { PlanDto } from "@tenancy/contracts";

export interface PlanGroup<P extends Pick<PlanDto, "code" | "interval" | "version" | "status"> = PlanDto> {
  code: string;
  interval: P["interval"];
  /** Newest first. */
  versions: P[];
  newest: P;
  retired: boolean;
}

const INTERVAL_ORDER = { monthly: 0, annual: 1 } as const;

/** Groups plan versions by (code, interval): groups by code, monthly before annual; versions newest first. */
export function groupPlans<P extends Pick<PlanDto, "code" | "interval" | "version" | "status">>(plans: readonly P[]): PlanGroup<P>[] {
  const groups = new Map<string, P[]>();
  for (const plan of plans) {
    const key = `${plan.code}\u0000${plan.interval}`;
    const list = groups.get(key);
    if (list) list.push(plan);
    else groups.set(key, [plan]);
  }
  return [...groups.values()]
    .map((list) => {
      const versions = [...list].sort((a, b) => b.version - a.version);
      const newest = versions[0]!;
      return { code: newest.code, interval: newest.interval, versions, newest, retired: newest.status === "retired" };
    })
    .sort((a, b) => (a.code === b.code ? INTERVAL_ORDER[a.interval] - INTERVAL_ORDER[b.interval] : a.code < b.code ? -1 : 1));
}
