// A tenant admin buys modules in a real browser against the real API (started with the test clock,
// decision 39): a free trial from the marketplace opens the module's page; a subscription is billed what
// its preview said; a plan change shows its proration before it is confirmed, and the invoice holds exactly
// the previewed lines; deactivating the module closes its page (gone from the navigation, a direct address
// says why), activating opens it again; a month later the renewal's invoice is in the list and on a
// printable invoice page, and the ended trial closes its module; the platform admin marks the renewal's
// invoice paid in its own page, and the workspace sees it paid. Catalog and tenant are set up over HTTP.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../src/app/i18n/en.js";
import { createFormatters } from "../src/app/i18n/format.js";
import { createTranslator } from "../src/app/i18n/translate.js";
import { priceText } from "../src/features/billing/billing-text.js";
import { startApiServer, type ApiServer } from "./api-server.js";
import { apiClient, createTenant, checkA11y, formHelpers, launchBrowser, newPage, screenshot as shot } from "./browser.js";
import { confirmInDialog, invoiceRows as invoiceRowsOf, loadSampleCatalog } from "./catalog.js";

const run = Date.now().toString(36);
const platformAdmin = { email: "ops@example.com", password: "orbit-lantern-harbor-2025" };
const slug = `billing-${run}`;
const admin = { email: `nora-${run}@billing.example`, name: "Nora Field", password: "temporary-billing-key-42", newPassword: "nora-buys-modules-phrase" };
const DAY = 24 * 60 * 60 * 1000;

const t = createTranslator("en");
const fmt = createFormatters({ locale: "en", timeZone: "Europe/Paris", currency: "EUR" });
/** A plan as the plan pickers list it. */
const planOption = (name: string, amount: number) => `${name} · ${priceText(t, fmt, { amount, currency: "EUR", interval: "monthly", pricingModel: "flat" })}`;
const fill = (template: string, vars: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);

let server: ApiServer;
let browser: Browser;
let page: Page;

const region = (name: string) => page.getByRole("region", { name, exact: true });
const navLink = (label: string) => page.getByRole("navigation").getByRole("link", { name: label, exact: true });

const confirmIn = (button: string) => confirmInDialog(page, button);

/** The invoices page once it lists `count` invoices. */
const invoiceRows = (count: number) => invoiceRowsOf(page, server.url, count);

describe("tenant billing", () => {
  beforeAll(async () => {
    server = await startApiServer(platformAdmin, { testClock: true });
    browser = await launchBrowser();
    const platform = await apiClient(server.url);
    await platform.mutate("auth.login", { email: platformAdmin.email, password: platformAdmin.password });
    await loadSampleCatalog(platform, ["integrations", "helpdesk"]);
    await platform.dispose();
    const tenantAdmin = await createTenant(server.url, platformAdmin, { name: "Field Studio", slug, contactEmail: `contact-${run}@billing.example`, admin });
    await tenantAdmin.dispose();

    page = await newPage(browser);
    const { signIn } = formHelpers(page);
    await page.goto(`${server.url}/login?workspace=${slug}`);
    await signIn(admin.email, admin.newPassword);
    await page.waitForURL((url) => url.pathname === "/t");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a free trial started from the marketplace opens the module's page, once per module", async () => {
    await page.getByRole("navigation").waitFor();
    await navLink(en["nav.marketplace"]).waitFor();
    expect(await navLink(en["nav.integrations"]).count()).toBe(0);
    await navLink(en["nav.marketplace"]).click();
    await region("Integrations").waitFor();
    await checkA11y(page, "marketplace");

    await region("Integrations").getByRole("button", { name: en["marketplace.startTrial"], exact: true }).click();
    const dialog = page.getByRole("dialog");
    await formHelpers(page).pick(en["marketplace.plan"], null, planOption("Starter", 2900));
    await dialog.getByText(fill(en["marketplace.trialMessage"].other, { count: "14", plan: "Starter" })).waitFor();
    await checkA11y(page, "trial dialog");
    await confirmIn(en["marketplace.startTrial"]);
    await page.getByText(fill(en["marketplace.trialStarted"], { module: "Integrations" })).waitFor();
    await region("Integrations").getByTestId("trial-used").waitFor();
    expect(await region("Integrations").getByRole("button", { name: en["marketplace.startTrial"] }).count()).toBe(0);

    await navLink(en["nav.integrations"]).click();
    await page.getByTestId("integrations-open").waitFor();
    await checkA11y(page, "integrations");
  });

  it("a subscription is billed what its preview said", async () => {
    await navLink(en["nav.marketplace"]).click();
    await region("Helpdesk").getByRole("button", { name: en["marketplace.subscribe"], exact: true }).click();
    const { pick } = formHelpers(page);
    await pick(en["marketplace.plan"], null, planOption("Basic", 1500));
    const dialog = page.getByRole("dialog");
    const total = (await dialog.getByTestId("preview-total").textContent())?.trim();
    expect(total).toBe(fmt.money(1500));
    await checkA11y(page, "subscribe dialog with its preview");
    await confirmIn(en["marketplace.subscribe"]);
    await page.getByText(fill(en["marketplace.subscribed"], { module: "Helpdesk" })).waitFor();

    await server.advanceClock(0, true);
    const rows = await invoiceRows(1);
    expect((await rows.first().getByTestId("invoice-total").textContent())?.trim()).toBe(total);
    await checkA11y(page, "invoices");
  });

  it("a plan change shows its proration before it is confirmed, and the invoice bills exactly those lines", async () => {
    await navLink(en["nav.subscriptions"]).click();
    const card = region("Helpdesk");
    await card.waitFor();
    await checkA11y(page, "subscriptions");
    // The preview and the change see the same instant, so prorations compare to the cent.
    await server.freezeClock(true);
    await card.getByRole("button", { name: en["subscriptions.changePlan"], exact: true }).click();
    const { pick } = formHelpers(page);
    await pick(en["marketplace.plan"], null, planOption("Pro", 4900));
    const dialog = page.getByRole("dialog");
    await dialog.getByTestId("preview").waitFor();
    await dialog.getByText(en["preview.appliesNow"]).waitFor();
    const lines = dialog.getByTestId("preview-line");
    expect(await lines.count()).toBe(2);
    const previewTexts = await lines.locator("td:first-child").allTextContents();
    const previewAmounts = await dialog.getByTestId("preview-line-amount").allTextContents();
    const previewTotal = (await dialog.getByTestId("preview-total").textContent())?.trim();
    // The unused time of Basic is credited (negative), the remaining time on Pro charged.
    expect(previewAmounts[0]).toMatch(/^-/);
    expect(previewAmounts[1]).not.toMatch(/^-/);
    await checkA11y(page, "change plan dialog with its proration");
    await shot(page, "billing-change-plan-preview");
    await confirmIn(en["subscriptions.changePlan"]);
    await server.freezeClock(false);
    await card.getByTestId("subscription-plan").filter({ hasText: `Pro (${en["interval.monthly"].toLowerCase()})` }).waitFor();

    await server.advanceClock(0, true);
    const rows = await invoiceRows(2);
    await rows.first().getByRole("link").click();
    await page.getByTestId("invoice").waitFor();
    expect(await page.getByTestId("invoice-line-text").allTextContents()).toEqual(previewTexts);
    expect(await page.getByTestId("invoice-line-amount").allTextContents()).toEqual(previewAmounts);
    expect((await page.getByTestId("invoice-grand-total").textContent())?.trim()).toBe(previewTotal);
    await checkA11y(page, "invoice with prorations");
  });

  it("deactivating a module closes its page and says why; activating opens it again", async () => {
    await navLink(en["nav.subscriptions"]).click();
    const card = region("Integrations");
    // During the trial, continuing is quoted for the trial's end, and left undone here.
    await card.getByRole("button", { name: en["subscriptions.continueAfterTrial"], exact: true }).click();
    await page.getByRole("dialog").getByTestId("preview").waitFor();
    await page.getByRole("dialog").getByText(en["preview.appliesAt"].split("{date}")[0]!.trim()).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await card.getByRole("button", { name: en["subscriptions.deactivate"], exact: true }).click();
    await page.getByRole("dialog").getByText(en["subscriptions.deactivateMessage"]).waitFor();
    await confirmIn(en["common.confirm"]);
    await card.getByText(en["subscriptions.moduleDeactivated"]).waitFor();
    await expect.poll(() => navLink(en["nav.integrations"]).count()).toBe(0);

    await page.goto(`${server.url}/t/integrations`);
    await page.getByRole("heading", { name: fill(en["moduleGate.title"], { module: en["productModule.integrations"] }) }).waitFor();
    await page.getByText(fill(en["moduleGate.deactivated"], { module: en["productModule.integrations"] })).waitFor();
    await checkA11y(page, "a deactivated module's page");
    await page.getByRole("link", { name: en["moduleGate.toSubscriptions"] }).click();
    await region("Integrations").getByRole("button", { name: en["subscriptions.activate"], exact: true }).click();
    await confirmIn(en["common.confirm"]);
    await navLink(en["nav.integrations"]).click();
    await page.getByTestId("integrations-open").waitFor();
  });

  it("a month later, the renewal's invoice is listed and printable, and the ended trial closes its module", async () => {
    await server.advanceClock(32 * DAY, true);
    const rows = await invoiceRows(3);
    expect((await rows.first().getByTestId("invoice-total").textContent())?.trim()).toBe(fmt.money(4900));

    // Filtered by status: every invoice is still open (the log-only gateway collects nothing).
    const { pick } = formHelpers(page);
    await pick(en["common.status"], null, en["invoiceStatus.paid"]);
    await page.getByText(en["invoices.emptyFiltered"]).waitFor();
    await pick(en["common.status"], null, en["invoiceStatus.open"]);
    await expect.poll(() => rows.count()).toBe(3);

    await rows.first().getByRole("link").click();
    await page.getByTestId("invoice").waitFor();
    const periodStart = fill(en["line.period"].split("{start}")[0]!, { plan: "Pro", interval: en["interval.monthly"].toLowerCase() });
    expect((await page.getByTestId("invoice-line-text").first().textContent())?.startsWith(periodStart)).toBe(true);
    await page.getByTestId("bill-to").getByText("Field Studio").waitFor();
    await page.getByRole("button", { name: en["invoice.print"] }).waitFor();
    await checkA11y(page, "renewal invoice");
    // Printed, the invoice stands alone: no navigation, header or buttons.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: en["invoice.print"] }).isVisible()).toBe(false);
    expect(await page.getByTestId("invoice").isVisible()).toBe(true);
    await shot(page, "billing-invoice-print", { fullPage: true });
    await page.emulateMedia({ media: "screen" });

    // The 14-day trial ended without a subscription: the module is closed, and says so.
    await page.goto(`${server.url}/t/integrations`);
    await page.getByText(fill(en["moduleGate.trial_expired"], { module: en["productModule.integrations"] })).waitFor();
    expect(await navLink(en["nav.integrations"]).count()).toBe(0);
    await page.getByRole("link", { name: en["moduleGate.toMarketplace"] }).click();
    await region("Integrations").getByTestId("trial-used").waitFor();
    await region("Integrations").getByRole("button", { name: en["marketplace.subscribe"], exact: true }).waitFor();
  });

  it("the platform admin marks the renewal's invoice paid, and the workspace sees it paid", async () => {
    // The renewal's invoice: the newest of the workspace's, as the tenant's own list shows it.
    const rows = await invoiceRows(3);
    const number = (await rows.first().getByRole("link").textContent())?.trim() ?? "";
    expect(number).not.toBe("");

    const ops = await newPage(browser);
    await ops.goto(`${server.url}/login`);
    await formHelpers(ops).signIn(platformAdmin.email, platformAdmin.password);
    await ops.waitForURL((url) => url.pathname.startsWith("/platform"));
    await ops.goto(`${server.url}/platform/invoices`);
    await ops.getByRole("heading", { name: en["platformInvoices.title"], level: 1 }).waitFor();
    const row = ops.getByRole("row").filter({ hasText: number });
    await row.getByRole("button", { name: number, exact: true }).click();
    const drawer = ops.getByTestId("invoice-detail");
    await drawer.getByRole("button", { name: en["platformInvoices.action.pay"] }).click();
    await ops.getByRole("dialog", { name: fill(en["platformInvoices.confirm.pay"], { number }) }).getByRole("button", { name: en["platformInvoices.action.pay"] }).click();
    await drawer.getByText(en["platformInvoices.status.paid"], { exact: true }).waitFor();
    await ops.close();

    // The workspace's list and invoice say paid; the other invoices stay open.
    const { pick } = formHelpers(page);
    await page.goto(`${server.url}/t/invoices`);
    await pick(en["common.status"], null, en["invoiceStatus.paid"]);
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByRole("link", { name: number }).click();
    await page.getByTestId("invoice").getByText(en["invoiceStatus.paid"], { exact: true }).waitFor();
  });
});
