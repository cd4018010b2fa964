// The sample module catalog (apps/api/src/domains/modules/sample-catalog.ts, which the dev seed loads),
// created and published over HTTP by a platform admin, for browser tests of the billing pages.
import { SAMPLE_CATALOG } from "../../api/src/domains/modules/sample-catalog.js";
import type { apiClient } from "./browser.js";

export async function loadSampleCatalog(platform: Awaited<ReturnType<typeof apiClient>>, keys: readonly string[]): Promise<void> {
  // A reused PostgreSQL database may hold them from an earlier run: the catalog is the platform's, not a tenant's.
  const existing = new Set((await platform.query<{ items: { key: string }[] }>("modules.list", {})).items.map((m) => m.key));
  for (const { module, plans, publish } of SAMPLE_CATALOG.filter((entry) => keys.includes(entry.module.key) && !existing.has(entry.module.key))) {
    await platform.mutate("modules.create", module);
    for (const plan of plans) await platform.mutate("modules.plans.create", { ...plan, moduleKey: module.key });
    if (publish) await platform.mutate("modules.publish", { key: module.key });
  }
}
