// Analytics in a real browser against the real API: a module with a plan is published and a tenant subscribes
// to it over HTTP; the platform admin's analytics page shows its recurring revenue by module (figures in the
// table beside the chart, in the UI's language and the currency), and the tenant admin's dashboard shows the
// subscription, its renewal with the amount and the usage against the plan's limit. Axe on both pages.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../src/app/i18n/en.js";
import { startApiServer, type ApiServer } from "./api-server.js";
import { apiClient, checkA11y, formHelpers, launchBrowser, newPage } from "./browser.js";

// Unique per run, so the test also passes against a reused PostgreSQL database.
const run = Date.now().toString(36);
const bootstrap = { email: "ops@example.com", password: "orbit-lantern-harbor-2025" };
const moduleKey = `insights_${run}`;
const moduleName = `Insights ${run}`;
const metricName = `Reports ${run}`;
const tenant = { name: `Atelier Chiffres ${run}`, slug: `atelier-chiffres-${run}`, email: `admin-${run}@chiffres.example`, first: "chiffres-first-passphrase", password: "chiffres-own-passphrase-2" };

let server: ApiServer;
let browser: Browser;

const money = (minor: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).format(minor / 100);

describe("analytics", () => {
  beforeAll(async () => {
    server = await startApiServer(bootstrap);
    browser = await launchBrowser();
    const ops = await apiClient(server.url);
    await ops.mutate("auth.login", { email: bootstrap.email, password: bootstrap.password });
    await ops.mutate("modules.create", {
      key: moduleKey,
      name: { en: moduleName, fr: moduleName },
      description: { en: "Reports.", fr: "Rapports." },
      category: "analytics",
      icon: "plug",
      metrics: [{ key: "reports", name: { en: metricName, fr: metricName }, resets: "monthly" }],
    });
    const plan = await ops.mutate<{ id: string }>("modules.plans.create", {
      moduleKey, code: "pro", name: { en: "Pro", fr: "Pro" }, interval: "monthly", prices: { EUR: 4900 }, limits: { reports: 500 },
    });
    await ops.mutate("modules.publish", { key: moduleKey });
    await ops.mutate("platform.tenants.create", {
      name: tenant.name, slug: tenant.slug, contactEmail: `contact-${run}@chiffres.example`, country: "FR", timeZone: "Europe/Paris", currency: "EUR", language: "en",
      admin: { email: tenant.email, name: "Admin Chiffres", password: tenant.first },
    });
    await ops.dispose();
    const admin = await apiClient(server.url);
    await admin.mutate("auth.login", { email: tenant.email, password: tenant.first, workspace: tenant.slug });
    await admin.mutate("auth.changePassword", { currentPassword: tenant.first, newPassword: tenant.password });
    await admin.mutate("subscriptions.subscribe", { planId: plan.id });
    await admin.dispose();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the platform analytics page shows the subscribed module's recurring revenue", async () => {
    const page: Page = await newPage(browser);
    await page.goto(`${server.url}/login`);
    await formHelpers(page).signIn(bootstrap.email, bootstrap.password);
    await page.waitForURL("**/platform/tenants");
    await page.getByRole("link", { name: en["nav.platformAnalytics"] }).first().click();
    await page.waitForURL("**/platform/analytics");
    await page.getByRole("heading", { name: en["analytics.title"], level: 1 }).waitFor();
    const mrr = page.getByTestId("analytics-mrr");
    const row = mrr.getByRole("row").filter({ hasText: moduleName });
    await row.waitFor();
    // One paying subscription at 49.00 EUR a month: MRR 49.00, ARR 588.00.
    expect(await row.getByRole("cell").allInnerTexts()).toEqual([moduleName, "1", money(4900), money(58800)]);
    expect(await page.getByTestId("analytics-tenants").getByRole("row").count()).toBeGreaterThan(1);
    await checkA11y(page, "platform-analytics");
    await page.context().close();
  });

  it("the tenant dashboard shows the subscription, its renewal with the amount, and usage against the limit", async () => {
    const page: Page = await newPage(browser);
    await page.goto(`${server.url}/login?workspace=${tenant.slug}`);
    await formHelpers(page).signIn(tenant.email, tenant.password);
    await page.waitForURL((url) => url.pathname === "/t" || url.pathname === "/t/");
    const subscriptions = page.getByTestId("dashboard-subscriptions");
    const row = subscriptions.getByRole("row").filter({ hasText: moduleName });
    await row.waitFor();
    // textContent: the badge is shown in capitals by CSS.
    await expect.poll(() => row.textContent()).toContain(en["analytics.subscriptionStatus.active"]);
    expect(await row.innerText()).toContain(money(4900));
    const renewals = page.getByTestId("dashboard-renewals");
    expect(await renewals.getByRole("row").filter({ hasText: moduleName }).innerText()).toContain(money(4900));
    const usage = page.getByTestId("dashboard-usage");
    await usage.getByText(metricName).waitFor();
    expect(await usage.getByRole("progressbar").getAttribute("aria-label")).toBe(`${metricName}: ${en["dashboard.usage.of"].replace("{value}", "0").replace("{limit}", "500")}`);
    await checkA11y(page, "tenant-dashboard-billing");
    await page.context().close();
  });
});
