// Reference data in a real browser: the country picker finds Germany by "Germ" + Enter (and by "Allem" in
// a French tenant's settings), picking a country proposes its currency and time zone until the user picks their own, the time
// zone picker finds Kyiv by its former name, and the audit log's date filter types and shows dates in the
// tenant's format, in the user's language, and refuses a From after To. Screenshots go to test-results/.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../src/app/i18n/en.js";
import { fr } from "../src/app/i18n/fr.js";
import { startApiServer, type ApiServer } from "./api-server.js";
import { checkA11y, createTenant, formHelpers, launchBrowser, newPage, screenshot } from "./browser.js";

const run = Date.now().toString(36);
const platformAdmin = { email: "ops@example.com", password: "orbit-lantern-harbor-2025" };
const slug = `repere-${run}`;
const admin = { email: `lea-${run}@repere.example`, name: "Léa Dubois", password: "temporary-repere-key-42", newPassword: "lea-picks-her-own-phrase" };

let server: ApiServer;
let browser: Browser;

async function signInPlatform(page: Page) {
  const { signIn } = formHelpers(page);
  await page.goto(`${server.url}/login`);
  await signIn(platformAdmin.email, platformAdmin.password);
  await page.waitForURL((url) => url.pathname.startsWith("/platform"));
}

/** Types into a searchable picker and takes the best match with Enter, as a keyboard user would. */
async function typeAndEnter(page: Page, label: string, text: string) {
  const input = formHelpers(page).field(label);
  await input.click();
  await input.fill(text);
  await page.keyboard.press("Enter");
}

describe("reference data", () => {
  beforeAll(async () => {
    server = await startApiServer(platformAdmin);
    browser = await launchBrowser();
    const tenantAdmin = await createTenant(server.url, platformAdmin, { name: "Repère Conseil", slug, contactEmail: `contact-${run}@repere.example`, language: "fr", admin });
    await tenantAdmin.mutate("settings.update", { localization: { dateFormat: "dd/MM/yyyy" } });
    await tenantAdmin.dispose();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("finds a country by the start of its name, proposes its currency and zone, and finds Kyiv by its former name", async () => {
    const page = await newPage(browser);
    const { field } = formHelpers(page);
    await signInPlatform(page);
    await page.goto(`${server.url}/platform/tenants/new`);
    await page.getByRole("heading", { name: en["tenants.new"] }).waitFor();

    await typeAndEnter(page, en["tenant.field.country"], "Germ");
    await expect.poll(() => field(en["tenant.field.country"]).inputValue()).toBe("Germany (DE)");
    expect(await field(en["tenant.field.currency"]).inputValue()).toBe("EUR — Euro");
    expect(await field(en["tenant.field.timeZone"]).inputValue()).toMatch(/^\(UTC\+0[12]:00\) Europe\/Berlin$/);

    await typeAndEnter(page, en["tenant.field.country"], "Switz");
    await expect.poll(() => field(en["tenant.field.currency"]).inputValue()).toBe("CHF — Swiss Franc");
    expect(await field(en["tenant.field.timeZone"]).inputValue()).toMatch(/Europe\/Zurich$/);

    // The former name finds the canonical zone, which shows the names it replaced.
    const zone = field(en["tenant.field.timeZone"]);
    await zone.click();
    await zone.fill("Kiev");
    const kyiv = page.getByRole("option", { name: /Europe\/Kyiv/ });
    await kyiv.waitFor();
    expect(await kyiv.textContent()).toContain("Kiev");
    expect(await page.getByRole("option").count()).toBe(1);
    await checkA11y(page, "reference-time-zone-search");
    await screenshot(page, "reference-time-zone-kiev");
    await page.keyboard.press("Enter");
    await expect.poll(() => zone.inputValue()).toMatch(/^\(UTC\+0[23]:00\) Europe\/Kyiv$/);

    // The zone is now the user's choice: another country changes the currency only.
    await typeAndEnter(page, en["tenant.field.country"], "Japan");
    await expect.poll(() => field(en["tenant.field.currency"]).inputValue()).toBe("JPY — Japanese Yen");
    expect(await zone.inputValue()).toMatch(/Europe\/Kyiv$/);
    await checkA11y(page, "reference-tenant-form");
    await page.context().close();
  });

  it("in the tenant's settings, in French: finds a country by its French name and proposes its currency and zone", async () => {
    const page = await newPage(browser);
    const { field, signIn } = formHelpers(page);
    await page.goto(`${server.url}/login?workspace=${slug}`);
    await signIn(admin.email, admin.newPassword);
    await page.waitForURL((url) => url.pathname === "/t");
    await page.goto(`${server.url}/t/settings`);
    await page.getByRole("heading", { name: fr["settings.title"] }).waitFor();

    await typeAndEnter(page, fr["tenant.field.country"], "Allem");
    await expect.poll(() => field(fr["tenant.field.country"]).inputValue()).toBe("Allemagne (DE)");
    await expect.poll(() => field(fr["tenant.field.timeZone"]).inputValue()).toMatch(/Europe\/Berlin$/);
    expect(await field(fr["tenant.field.currency"]).inputValue()).toBe("EUR — euro");

    await typeAndEnter(page, fr["tenant.field.country"], "Suisse");
    await expect.poll(() => field(fr["tenant.field.currency"]).inputValue()).toBe("CHF — franc suisse");
    expect(await field(fr["tenant.field.timeZone"]).inputValue()).toMatch(/Europe\/Zurich$/);
    await page.getByText(fr["reference.proposedForCountry"].replace("{country}", "Suisse")).waitFor();
    await checkA11y(page, "reference-settings-fr");
    await screenshot(page, "reference-settings-proposal", { fullPage: true });
    await page.context().close();
  });

  it("types and shows the audit log's dates in the tenant's format and refuses a From after To", async () => {
    const page = await newPage(browser);
    const { field, signIn } = formHelpers(page);
    await page.goto(`${server.url}/login?workspace=${slug}`);
    await signIn(admin.email, admin.newPassword);
    await page.waitForURL((url) => url.pathname === "/t");
    await page.goto(`${server.url}/t/audit`);
    await page.getByRole("heading", { name: fr["audit.title"] }).waitFor();

    const from = field(fr["audit.from"]);
    const to = field(fr["audit.to"]);
    expect(await from.getAttribute("placeholder")).toBe("DD/MM/YYYY");
    await from.click();
    await from.fill("31/03/2025");
    // The calendar speaks French and starts its weeks on Monday.
    await page.getByText("mars 2025").waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get("from")).toBe("2025-03-31");
    await checkA11y(page, "reference-audit-calendar");
    await page.keyboard.press("Escape");

    await to.click();
    await to.fill("01/03/2025");
    const refusal = fr["reference.date.toBeforeFrom"].replace("{from}", "31/03/2025");
    await page.getByText(refusal).waitFor();
    expect(new URL(page.url()).searchParams.get("to")).toBeNull();
    await page.keyboard.press("Escape");
    await checkA11y(page, "reference-audit-range-refused");
    await screenshot(page, "reference-audit-range-refused");

    await to.fill("15/04/2025");
    await expect.poll(() => new URL(page.url()).searchParams.get("to")).toBe("2025-04-15");
    expect(await page.getByText(refusal).count()).toBe(0);
    await page.keyboard.press("Escape");
    // Reloaded from the address, the dates show in the tenant's format.
    await page.reload();
    await page.getByRole("heading", { name: fr["audit.title"] }).waitFor();
    expect(await field(fr["audit.from"]).inputValue()).toBe("31/03/2025");
    expect(await field(fr["audit.to"]).inputValue()).toBe("15/04/2025");
    await page.context().close();
  });
});
