// The onboarding journey in a real browser against the real API: a platform admin creates a French tenant
// with its admin; that admin signs in with the workspace, must change the temporary password, and lands on
// the tenant's dashboard in French. Screenshots go to test-results/ for a person to look at.
import type { Browser, Page } from "playwright-core";
import { AUDIT_VOCABULARY } from "@tenancy/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../src/app/i18n/en.js";
import { fr } from "../src/app/i18n/fr.js";
import { startApiServer, type ApiServer } from "./api-server.js";
import { checkA11y, formHelpers, hasFocus, launchBrowser, newPage, screenshots } from "./browser.js";

// Unique per run, so the test also passes against a reused PostgreSQL database.
const run = Date.now().toString(36);
const platformAdmin = { email: "ops@example.com", password: "orbit-lantern-harbor-2025" };
const secondPlatformAdmin = `second-ops-${run}@example.com`;
const tenant = {
  name: "Bistro Lumière",
  slug: `bistro-${run}`,
  contactEmail: "contact@bistro-lumiere.example",
};
const tenantAdmin = {
  email: "camille@bistro-lumiere.example",
  name: "Camille Dupont",
  password: "temporary-croissant-42",
  newPassword: "camille-own-baguette-passphrase",
};

let server: ApiServer;
let browser: Browser;
let page: Page;
let field: ReturnType<typeof formHelpers>["field"];
let pick: ReturnType<typeof formHelpers>["pick"];
let signIn: ReturnType<typeof formHelpers>["signIn"];

describe("tenant onboarding", () => {
  beforeAll(async () => {
    server = await startApiServer(platformAdmin);
    browser = await launchBrowser();
    page = await newPage(browser);
    ({ field, pick, signIn } = formHelpers(page));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a platform admin creates a French tenant whose admin signs in, changes the password and sees the dashboard in French", async () => {
    await page.goto(`${server.url}/login`);
    await page.getByRole("heading", { name: en["login.title"] }).waitFor();
    await checkA11y(page, "login");

    await signIn(platformAdmin.email, "not-the-right-password");
    const failure = page.getByRole("alert").filter({ hasText: en["login.failed"] });
    await failure.waitFor();
    const failureText = await failure.innerText();
    expect(failureText).not.toContain(en["errors.unreachable"]);
    expect(failureText.replace(en["login.failed"], "").trim().length).toBeGreaterThan(10);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.screenshot({ path: `${screenshots}login-error.png` });
    await checkA11y(page, "login-error");

    await signIn(platformAdmin.email, platformAdmin.password);
    await page.waitForURL("**/platform/tenants");
    await page.getByRole("heading", { name: en["tenants.title"] }).waitFor();
    const { one, other } = en["tenants.total"];
    const total = page.getByText(new RegExp(`^(${[one, other].map((form) => form.replace("{count}", "[\\d,]+")).join("|")})$`));
    await total.waitFor();
    // A fresh database shows the empty state; a reused PostgreSQL one (DATABASE_URL) may hold earlier runs' tenants.
    if ((await total.innerText()).startsWith("0 ")) await page.getByText(en["tenants.empty"]).waitFor();
    await page.screenshot({ path: `${screenshots}tenants-list.png` });
    await checkA11y(page, "tenants-list");

    await page.getByRole("link", { name: en["tenants.new"] }).click();
    await page.waitForURL("**/platform/tenants/new");
    await checkA11y(page, "tenant-form");
    // A failed submit takes the keyboard to the first field in error; the messages meet the contrast bar too.
    await page.getByRole("button", { name: en["tenants.create"] }).click();
    await expect.poll(() => hasFocus(field(en["tenant.field.name"]))).toBe(true);
    await checkA11y(page, "tenant-form-errors");
    await field(en["tenant.field.name"]).fill(tenant.name);
    expect(await field(en["tenant.field.slug"]).inputValue()).toBe("bistro-lumiere");
    await field(en["tenant.field.slug"]).fill(tenant.slug);
    await field(en["tenant.field.contactEmail"]).fill(tenant.contactEmail);
    await field(en["tenant.field.city"]).fill("Lyon");
    await pick(en["tenant.field.country"], "France", "France (FR)");
    // Zones are labelled with their current offset: the search finds the zone, Enter takes it.
    await field(en["tenant.field.timeZone"]).click();
    await field(en["tenant.field.timeZone"]).fill("Europe/Paris");
    await page.keyboard.press("Enter");
    await pick(en["tenant.field.currency"], "EUR", "EUR — Euro");
    await pick(en["tenant.field.language"], null, "French (fr)");
    await field(en["tenant.field.adminEmail"]).fill(tenantAdmin.email);
    await field(en["tenant.field.adminName"]).fill(tenantAdmin.name);
    await field(en["tenant.field.adminPassword"]).fill(tenantAdmin.password);
    await page.screenshot({ path: `${screenshots}tenant-form.png`, fullPage: true });
    await checkA11y(page, "tenant-form-filled");
    await page.getByRole("button", { name: en["tenants.create"] }).click();

    await page.waitForURL(/\/platform\/tenants\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name: tenant.name }).waitFor();
    await page.getByText(tenantAdmin.email).waitFor();
    expect(await page.getByText("Europe/Paris").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${screenshots}tenant-detail.png`, fullPage: true });
    await checkA11y(page, "tenant-detail");

    await page.getByRole("button", { name: en["nav.logout"] }).click();
    await page.waitForURL("**/login");

    await page.goto(`${server.url}/login?workspace=${tenant.slug}`);
    expect(await field(en["login.workspace"]).inputValue()).toBe(tenant.slug);
    await signIn(tenantAdmin.email, tenantAdmin.password);

    await page.waitForURL("**/change-password");
    await page.getByRole("heading", { name: fr["password.title"] }).waitFor();
    await checkA11y(page, "change-password-fr");
    await field(fr["password.current"]).fill(tenantAdmin.password);
    await field(fr["password.new"]).fill(tenantAdmin.newPassword);
    await field(fr["password.confirm"]).fill(tenantAdmin.newPassword);
    await page.screenshot({ path: `${screenshots}change-password.png` });
    await page.getByRole("button", { name: fr["password.submit"] }).click();

    await page.waitForURL((url) => url.pathname === "/t");
    await page.getByRole("heading", { name: tenant.name }).waitFor();
    await page.getByText(fr["dashboard.welcome"].replace("{name}", tenantAdmin.name)).waitFor();
    await page.getByText(fr["dashboard.activeUsers"]).waitFor();
    // The tenant admin reads billing: the dashboard says no module is subscribed yet.
    await page.getByText(fr["dashboard.billing.empty"]).waitFor();
    expect(await page.getByRole("link", { name: fr["nav.dashboard"] }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: fr["nav.logout"] }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
    await page.screenshot({ path: `${screenshots}tenant-dashboard.png`, fullPage: true });
    await checkA11y(page, "tenant-dashboard-fr");

    await page.getByRole("link", { name: fr["nav.users"] }).click();
    await page.getByRole("cell", { name: tenantAdmin.email }).waitFor();
    expect(await page.title()).toBe(`${fr["users.title"]} · ${tenant.name} · ${fr["app.name"]}`);
    await page.screenshot({ path: `${screenshots}tenant-users.png` });
    await checkA11y(page, "tenant-users-fr");

    await page.getByRole("link", { name: fr["nav.audit"] }).click();
    await page.getByRole("cell", { name: AUDIT_VOCABULARY.fr.event["password.changed"] }).waitFor();
    await page.screenshot({ path: `${screenshots}tenant-audit.png` });
    await checkA11y(page, "tenant-audit-fr");

    await page.getByRole("link", { name: fr["nav.settings"] }).click();
    await page.getByRole("heading", { name: fr["settings.title"] }).waitFor();
    expect(await field(fr["tenant.field.timeZone"]).inputValue()).toMatch(/^\(UTC[+-]\d{2}:\d{2}\) Europe\/Paris$/);
    expect(await field(fr["tenant.field.name"]).inputValue()).toBe(tenant.name);
    await page.screenshot({ path: `${screenshots}tenant-settings.png` });
    await checkA11y(page, "tenant-settings-fr");
  });

  it("the platform admin edits the tenant, resets its admin's password (shown once), suspends it, and adds a platform admin", async () => {
    await page.getByRole("button", { name: fr["nav.logout"] }).click();
    await page.waitForURL("**/login");
    await field(en["login.workspace"]).fill("");
    await signIn(platformAdmin.email, platformAdmin.password);
    await page.waitForURL("**/platform/tenants");

    await field(en["common.search"]).fill(tenant.slug);
    await page.getByText(en["tenants.total"].one.replace("{count}", "1")).waitFor();
    await page.getByRole("link", { name: tenant.name }).click();

    await page.getByRole("button", { name: en["common.edit"] }).click();
    await field(en["tenant.field.city"]).waitFor();
    await checkA11y(page, "tenant-edit");
    await field(en["tenant.field.city"]).fill("Paris");
    await page.getByRole("button", { name: en["common.save"] }).click();
    await page.getByText(en["tenant.saved"].replace("{name}", tenant.name)).waitFor();
    await page.getByText("Paris", { exact: true }).waitFor();

    await page.getByRole("button", { name: en["admins.reset"] }).click();
    await page.getByRole("dialog").waitFor();
    await checkA11y(page, "tenant-admin-reset-dialog");
    await page.getByRole("dialog").getByRole("button", { name: en["admins.reset"] }).click();
    const secret = page.getByTestId("one-time-secret");
    await secret.waitFor();
    expect((await secret.innerText()).trim().length).toBeGreaterThanOrEqual(12);
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await checkA11y(page, "tenant-detail-secret");

    await page.getByRole("button", { name: en["tenant.suspend"] }).click();
    await page.getByRole("dialog").waitFor();
    await checkA11y(page, "tenant-suspend-dialog");
    await page.getByRole("dialog").getByRole("textbox", { name: en["tenant.suspendReason"] }).fill("Unpaid invoice");
    await page.getByRole("dialog").getByRole("button", { name: en["tenant.suspend"] }).click();
    await page.getByRole("button", { name: en["tenant.reactivate"] }).waitFor();
    await page.getByText(en["status.suspended"], { exact: true }).first().waitFor();
    await page.screenshot({ path: `${screenshots}tenant-suspended.png`, fullPage: true });
    await checkA11y(page, "tenant-suspended");

    await page.getByRole("link", { name: en["nav.platformAdmins"] }).click();
    await page.getByRole("heading", { name: en["admins.title"] }).waitFor();
    await page.getByRole("cell", { name: platformAdmin.email }).waitFor();
    await checkA11y(page, "platform-admins");
    await page.getByRole("button", { name: en["admins.add"] }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await checkA11y(page, "platform-admin-add-dialog");
    await dialog.getByRole("button", { name: en["admins.add"] }).click();
    await expect.poll(() => hasFocus(dialog.getByRole("textbox", { name: en["common.email"], exact: true }))).toBe(true);
    await dialog.getByRole("textbox", { name: en["common.email"], exact: true }).fill(secondPlatformAdmin);
    await dialog.getByRole("textbox", { name: en["common.name"], exact: true }).fill("Second Operator");
    await dialog.getByRole("button", { name: en["admins.add"] }).click();
    await page.getByRole("cell", { name: secondPlatformAdmin }).waitFor();
    await page.getByTestId("one-time-secret").waitFor();
    await dialog.waitFor({ state: "hidden" });
    await page.screenshot({ path: `${screenshots}platform-admins.png` });
    await checkA11y(page, "platform-admins-secret");

    await page.getByRole("button", { name: en["nav.logout"] }).click();
    await page.waitForURL("**/login");
    await page.goto(`${server.url}/login?workspace=${tenant.slug}`);
    await signIn(tenantAdmin.email, tenantAdmin.newPassword);
    await page.getByRole("alert").filter({ hasText: en["login.failed"] }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    await checkA11y(page, "login-suspended-workspace");
  });
});
