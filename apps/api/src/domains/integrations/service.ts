// The Integrations module's procedures. Each call of a gated procedure is one `api_calls` of the module,
// counted in the call's own transaction: over the plan's limit or the spending cap the call is refused and
// writes nothing.
import type { TenantScope } from "../../lib/scope.js";
import { incrementUsage } from "../usage/meter.js";

export const MODULE = "integrations";

export async function ping(scope: TenantScope) {
  return scope.db.$transaction(async (tx) => {
    await incrementUsage(tx, scope, { moduleKey: MODULE, metric: "api_calls" });
    return { module: MODULE, open: true } as const;
  });
}
