// For browser tests of the billing pages: the sample module catalog (apps/api/src/domains/modules/
// sample-catalog.ts, which the dev seed loads), created and published over HTTP by a platform admin; and the
// page steps the billing specs share.
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { SAMPLE_CATALOG } from "../../api/src/domains/modules/sample-catalog.js";
import { en } from "../src/app/i18n/en.js";
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

/** Presses a button of the open dialog and waits for the dialog to close. */
export async function confirmInDialog(page: Page, button: string): Promise<void> {
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await dialog.waitFor({ state: "hidden" });
}

/**
 * The invoices page once it lists `count` invoices. The test clock's run of the billing job and the server's
 * own job (every 30 s) may share the work, so the page is reloaded until the invoices are there.
 */
export async function invoiceRows(page: Page, serverUrl: string, count: number) {
  const rows = page.getByRole("row").filter({ has: page.getByTestId("invoice-total") });
  await expect
    .poll(
      async () => {
        await page.goto(`${serverUrl}/t/invoices`);
        await page.getByRole("heading", { name: en["invoices.title"] }).waitFor();
        await page.getByTestId("invoice-total").first().waitFor();
        return rows.count();
      },
      { timeout: 40_000, interval: 1000 },
    )
    .toBe(count);
  return rows;
}
