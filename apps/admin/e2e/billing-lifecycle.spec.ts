// A subscription's life in a real browser against the real API (its own server, with the test clock of
// decision 39): the tenant admin sets, checks and removes the spending cap in Settings, and a cap at the
// month's spend refuses the Integrations module's metered call (SPEND_CAP_REACHED, on its page and over
// HTTP); a paid subscription is canceled at its period's end (the card says when, in the workspace's time
// zone), resumed, canceled again and ends with its module when the period is over; monthly billing switches
// to annual at the period's end after a preview that the next invoice bills line for line, and back to
// monthly at the annual period's end; dunning is given a year's grace so only the period's end ends one; a trial started without continuing is continued from the subscriptions page and becomes a
// paid, invoiced subscription when it ends. Catalog, tenant and paid subscriptions are set up over HTTP.
import type { Browser, Page } from "playwright-core";
import { SPEND_CAP_MAX } from "@tenancy/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../src/app/i18n/en.js";
import { createFormatters } from "../src/app/i18n/format.js";
import { createTranslator } from "../src/app/i18n/translate.js";
import { priceText } from "../src/features/billing/billing-text.js";
import { startApiServer, type ApiServer } from "./api-server.js";
import { apiClient, checkA11y, formHelpers, launchBrowser, newPage } from "./browser.js";
import { confirmInDialog, invoiceRows as invoiceRowsOf, loadSampleCatalog } from "./catalog.js";

const run = Date.now().toString(36);
const platformAdmin = { email: "ops@example.com", password: "orbit-lantern-harbor-2025" };
const slug = `lifecycle-${run}`;
const admin = { email: `iris-${run}@lifecycle.example`, name: "Iris Vale", password: "temporary-lifecycle-key-42", newPassword: "iris-keeps-her-modules" };
const DAY = 24 * 60 * 60 * 1000;
// Far from UTC, so a date shown in UTC instead of the workspace's zone is often a day off.
const timeZone = "Pacific/Auckland";

const t = createTranslator("en");
const fmt = createFormatters({ locale: "en", timeZone, currency: "EUR" });
const fill = (template: string, vars: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);

interface Plan {
  id: string;
  code: string;
  interval: "monthly" | "annual";
  price: number | null;
  pricingModel: "flat" | "per_user";
}
interface Subscription {
  id: string;
  moduleKey: string;
  status: string;
  currentPeriodEnd: string;
  trialEnd: string | null;
  quantity: number;
}
interface Invoice {
  id: string;
  subscriptionId: string;
  total: number;
}
interface ApiAnswer<T> {
  status: number;
  data?: T;
  code?: string;
}

let server: ApiServer;
let browser: Browser;
let page: Page;

const region = (name: string) => page.getByRole("region", { name, exact: true });

/** A tRPC call over HTTP as the signed-in tenant admin (the browser's own cookies), with the error's code. */
async function call<T>(method: "query" | "mutation", path: string, input?: unknown): Promise<ApiAnswer<T>> {
  const headers = { origin: server.url };
  const response =
    method === "query"
      ? await page.request.get(`${server.url}/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`, { headers })
      : await page.request.post(`${server.url}/trpc/${path}`, { headers, data: { json: input ?? null } });
  const body = (await response.json()) as { result?: { data?: { json?: T } }; error?: { json?: { data?: { code?: string } } } };
  return { status: response.status(), data: body.result?.data?.json, code: body.error?.json?.data?.code };
}
async function must<T>(method: "query" | "mutation", path: string, input?: unknown): Promise<T> {
  const answer = await call<T>(method, path, input);
  if (answer.status !== 200) throw new Error(`${path} failed (${answer.status}, ${answer.code})`);
  return answer.data as T;
}

const plans = async (moduleKey: string) =>
  (await must<{ items: { key: string; plans: Plan[] }[] }>("query", "modules.marketplace")).items.find((m) => m.key === moduleKey)!.plans;
const planOf = async (moduleKey: string, code: string, interval: Plan["interval"]) => (await plans(moduleKey)).find((p) => p.code === code && p.interval === interval)!;
const subscriptionOf = async (moduleKey: string) => (await must<{ items: Subscription[] }>("query", "subscriptions.list")).items.find((s) => s.moduleKey === moduleKey)!;
const invoices = async () => (await must<{ items: Invoice[] }>("query", "billing.invoices.list", { limit: 100 })).items;
const spendCap = () => must<{ cap: number | null; spend: number; currency: string }>("query", "usage.spendCap.get");

const confirmIn = (button: string) => confirmInDialog(page, button);

/** The invoices page once it lists `count` invoices. */
const invoiceRows = (count: number) => invoiceRowsOf(page, server.url, count);

/** Moves the test clock to `at` (ms) and runs the billing job. */
async function advanceTo(at: number) {
  const { now } = await server.advanceClock(0);
  await server.advanceClock(at - new Date(now).getTime(), true);
}

async function openSubscriptions() {
  await page.goto(`${server.url}/t/subscriptions`);
  await page.getByRole("heading", { name: en["subscriptions.title"], level: 1 }).waitFor();
}

describe("billing lifecycle", () => {
  beforeAll(async () => {
    server = await startApiServer(platformAdmin, { testClock: true });
    browser = await launchBrowser();
    const platform = await apiClient(server.url);
    await platform.mutate("auth.login", { email: platformAdmin.email, password: platformAdmin.password });
    await loadSampleCatalog(platform, ["integrations", "helpdesk", "crm"]);
    // No invoice here is paid (the log-only gateway collects nothing): with a year's grace, dunning never
    // cancels a subscription, so one that ends has ended at its period's end.
    await platform.mutate("billing.admin.settings.update", { pastDueAfterDays: 365, cancelAfterDays: 365 });
    await platform.mutate("platform.tenants.create", {
      name: "Vale Works",
      slug,
      contactEmail: `contact-${run}@lifecycle.example`,
      country: "NZ",
      timeZone,
      currency: "EUR",
      language: "en",
      admin: { email: admin.email, name: admin.name, password: admin.password },
    });
    await platform.dispose();
    const tenantAdmin = await apiClient(server.url);
    await tenantAdmin.mutate("auth.login", { email: admin.email, password: admin.password, workspace: slug });
    await tenantAdmin.mutate("auth.changePassword", { currentPassword: admin.password, newPassword: admin.newPassword });
    await tenantAdmin.dispose();

    page = await newPage(browser);
    await page.goto(`${server.url}/login?workspace=${slug}`);
    await formHelpers(page).signIn(admin.email, admin.newPassword);
    await page.waitForURL((url) => url.pathname === "/t");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the spending cap is set in major units, refuses bad values, and a cap at the month's spend refuses metered calls", async () => {
    // The Integrations module, subscribed and invoiced: this month's spend is its first invoice.
    await must("mutation", "subscriptions.subscribe", { planId: (await planOf("integrations", "starter", "monthly")).id });
    await server.advanceClock(0, true);
    await expect.poll(async () => (await spendCap()).spend, { timeout: 40_000, interval: 1000 }).toBeGreaterThan(0);
    const { spend } = await spendCap();
    expect((await call("query", "integrations.ping")).status).toBe(200);

    await page.goto(`${server.url}/t/settings`);
    const section = page.getByRole("group", { name: en["spendCap.title"] });
    const field = section.getByRole("textbox", { name: en["spendCap.field"], exact: true });
    const save = section.getByRole("button", { name: en["common.save"], exact: true });
    const status = section.getByTestId("spend-cap-status");
    await status.getByText(en["spendCap.none"], { exact: false }).waitFor();
    expect(await status.textContent()).toContain(fill(en["spendCap.spent"], { spend: fmt.money(spend) }));
    await checkA11y(page, "settings with the spending cap");

    await field.fill("12.50");
    await save.click();
    await page.getByText(en["spendCap.saved"]).waitFor();
    expect((await spendCap()).cap).toBe(1250);
    await page.reload();
    await status.getByText(fill(en["spendCap.current"], { cap: fmt.money(1250) }), { exact: false }).waitFor();
    expect(await field.inputValue()).toMatch(/^12\.50? EUR$/);

    // A minus sign and a third decimal cannot be typed; a cap beyond the largest is refused with its reason.
    await field.fill("-7");
    expect(await field.inputValue()).not.toContain("-");
    await field.fill("12.505");
    expect(await field.inputValue()).toBe("12.50 EUR");
    await field.fill("30000000");
    await save.click();
    // Said as money, in the unit typed (not the contract's count of minor units).
    await section.getByText(fill(en["spendCap.tooLarge"], { maximum: fmt.money(SPEND_CAP_MAX) })).waitFor();
    expect((await spendCap()).cap).toBe(1250);
    // The API refuses what the field cannot send: negative, or a fraction of a cent.
    for (const cap of [-100, 1250.5]) expect((await call("mutation", "usage.spendCap.set", { cap, currency: "EUR" })).code).toBe("BAD_INPUT");
    expect((await spendCap()).cap).toBe(1250);

    // Removed: metered calls are never refused for spend.
    await page.reload();
    await field.fill("");
    await save.click();
    await page.getByText(en["spendCap.removed"]).waitFor();
    await status.getByText(en["spendCap.none"], { exact: false }).waitFor();
    expect((await spendCap()).cap).toBeNull();

    // A cap exactly at the month's spend is reached: the module's page and its API say so.
    await field.fill((spend / 100).toFixed(2));
    await save.click();
    await page.getByText(en["spendCap.saved"]).waitFor();
    expect((await spendCap()).cap).toBe(spend);
    const refused = await call("query", "integrations.ping");
    expect(refused.code).toBe("SPEND_CAP_REACHED");
    await page.goto(`${server.url}/t/integrations`);
    const amount = t("error.amount", { amount: spend / 100, currency: "EUR" });
    await page.getByText(fill(en["error.SPEND_CAP_REACHED"], { spend: amount, cap: amount })).waitFor();
    await checkA11y(page, "integrations refused by the spending cap");

    // One cent above the spend, the call goes through again.
    await must("mutation", "usage.spendCap.set", { cap: spend + 1, currency: "EUR" });
    expect((await call("query", "integrations.ping")).status).toBe(200);
    await must("mutation", "usage.spendCap.set", { cap: null, currency: "EUR" });
  });

  it("monthly switches to annual at the period's end, billed as previewed; annual goes back to monthly at the annual period's end", async () => {
    await openSubscriptions();
    const card = region("Integrations");
    const monthlyEnd = new Date((await subscriptionOf("integrations")).currentPeriodEnd);
    const before = (await invoices()).length;
    await card.getByRole("button", { name: en["subscriptions.switchToAnnual"], exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByTestId("preview").waitFor();
    await dialog.getByText(fill(en["preview.appliesAt"], { date: fmt.date(monthlyEnd) })).waitFor();
    const previewTexts = await dialog.getByTestId("preview-line").locator("td:first-child").allTextContents();
    const previewAmounts = await dialog.getByTestId("preview-line-amount").allTextContents();
    const previewTotal = (await dialog.getByTestId("preview-total").textContent())?.trim();
    expect(previewAmounts.length).toBeGreaterThan(0);
    await checkA11y(page, "switch to annual with its preview");
    await confirmIn(en["subscriptions.switchToAnnual"]);
    const annual = en["interval.annual"].toLowerCase();
    await card.getByText(fill(en["subscriptions.pendingPlan"], { plan: "Starter", interval: annual, date: fmt.date(monthlyEnd) })).waitFor();
    expect(await card.getByTestId("next-amount").textContent()).toBe(previewTotal);

    // At the monthly period's end, the annual period starts, and its invoice bills the previewed lines.
    await advanceTo(monthlyEnd.getTime() + DAY);
    const rows = await invoiceRows(before + 1);
    await rows.first().getByRole("link").click();
    await page.getByTestId("invoice").waitFor();
    expect(await page.getByTestId("invoice-line-text").allTextContents()).toEqual(previewTexts);
    expect(await page.getByTestId("invoice-line-amount").allTextContents()).toEqual(previewAmounts);
    expect((await page.getByTestId("invoice-grand-total").textContent())?.trim()).toBe(previewTotal);

    // Back to monthly: scheduled for the annual period's end, which the preview and the card name.
    const annualEnd = fmt.date(new Date((await subscriptionOf("integrations")).currentPeriodEnd));
    await openSubscriptions();
    await card.getByTestId("subscription-plan").filter({ hasText: `Starter (${annual})` }).waitFor();
    await card.getByRole("button", { name: en["subscriptions.switchToMonthly"], exact: true }).click();
    await dialog.getByTestId("preview").waitFor();
    await dialog.getByText(fill(en["preview.appliesAt"], { date: annualEnd })).waitFor();
    await checkA11y(page, "switch to monthly with its preview");
    await confirmIn(en["subscriptions.switchToMonthly"]);
    await card.getByText(fill(en["subscriptions.pendingPlan"], { plan: "Starter", interval: en["interval.monthly"].toLowerCase(), date: annualEnd })).waitFor();
    await card.getByTestId("subscription-plan").filter({ hasText: `Starter (${annual})` }).waitFor();
    expect((await invoices()).length).toBe(before + 1);
  });

  it("a paid subscription canceled at its period's end says when, resumes, and ends with its module once the period is over", async () => {
    await must("mutation", "subscriptions.subscribe", { planId: (await planOf("helpdesk", "basic", "monthly")).id });
    const end = new Date((await subscriptionOf("helpdesk")).currentPeriodEnd);
    const endDate = fmt.date(end);
    await openSubscriptions();
    const card = region("Helpdesk");
    await card.getByTestId("next-amount").waitFor();

    await card.getByRole("button", { name: en["subscriptions.cancel"], exact: true }).click();
    await page.getByRole("dialog").getByText(fill(en["subscriptions.cancelMessage"], { date: endDate })).waitFor();
    await checkA11y(page, "cancel dialog");
    await confirmIn(en["common.confirm"]);
    await card.getByText(fill(en["subscriptions.noRenewal"], { date: endDate })).waitFor();
    expect(await card.getByTestId("next-amount").count()).toBe(0);
    await checkA11y(page, "a subscription ending at its period's end");

    await card.getByRole("button", { name: en["subscriptions.resume"], exact: true }).click();
    await page.getByRole("dialog").getByText(fill(en["subscriptions.resumeMessage"], { date: endDate })).waitFor();
    await confirmIn(en["common.confirm"]);
    await card.getByTestId("next-amount").waitFor();
    expect(await card.getByTestId("next-amount").textContent()).toBe(fmt.money(1500));
    await card.getByText(endDate, { exact: true }).waitFor();
    expect(await card.getByRole("button", { name: en["subscriptions.resume"] }).count()).toBe(0);

    // Canceled again and left so: past the period's end, the subscription ends and its module closes.
    await card.getByRole("button", { name: en["subscriptions.cancel"], exact: true }).click();
    await confirmIn(en["common.confirm"]);
    await card.getByText(fill(en["subscriptions.noRenewal"], { date: endDate })).waitFor();
    await advanceTo(end.getTime() + 2 * DAY);
    await expect.poll(async () => (await subscriptionOf("helpdesk")).status, { timeout: 40_000, interval: 1000 }).toBe("canceled");
    await openSubscriptions();
    await card.getByText(en["subscriptionStatus.canceled"], { exact: true }).waitFor();
    await card.getByText(en["subscriptions.moduleClosed"], { exact: true }).waitFor();
    await card.getByText(fill(en["subscriptions.endedOn"], { date: endDate })).waitFor();
    await card.getByRole("link", { name: en["subscriptions.subscribeAgain"] }).waitFor();
    const access = await must<{ items: { moduleKey: string; open: boolean }[] }>("query", "subscriptions.modules");
    expect(access.items.find((m) => m.moduleKey === "helpdesk")?.open ?? false).toBe(false);
  });

  it("a trial started without continuing is continued from the subscriptions page, and is paid and invoiced when it ends", async () => {
    const team = await planOf("crm", "team", "monthly");
    await page.goto(`${server.url}/t/marketplace`);
    const market = region("Contacts & CRM");
    await market.getByRole("button", { name: en["marketplace.startTrial"], exact: true }).click();
    await formHelpers(page).pick(
      en["marketplace.plan"],
      null,
      `Team · ${priceText(t, fmt, { amount: team.price!, currency: "EUR", interval: "monthly", pricingModel: team.pricingModel })}`,
    );
    expect(await page.getByRole("dialog").getByRole("checkbox", { name: en["marketplace.continueAfterTrial"] }).isChecked()).toBe(false);
    await confirmIn(en["marketplace.startTrial"]);
    await page.getByText(fill(en["marketplace.trialStarted"], { module: "Contacts & CRM" })).waitFor();

    const trial = await subscriptionOf("crm");
    expect(trial.status).toBe("trialing");
    const trialEnd = new Date(trial.trialEnd ?? trial.currentPeriodEnd);
    await openSubscriptions();
    const card = region("Contacts & CRM");
    await card.getByText(fill(en["subscriptions.trialEndsFree"], { date: fmt.date(trialEnd) })).waitFor();
    await card.getByRole("button", { name: en["subscriptions.continueAfterTrial"], exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByTestId("preview").waitFor();
    await dialog.getByText(fill(en["preview.appliesAt"], { date: fmt.date(trialEnd) })).waitFor();
    const previewTotal = (await dialog.getByTestId("preview-total").textContent())?.trim();
    await checkA11y(page, "continue after the trial with its preview");
    await confirmIn(en["subscriptions.continueAfterTrial"]);
    await card.getByText(fill(en["subscriptions.trialEndsPaid"], { date: fmt.date(trialEnd) })).waitFor();
    expect(await card.getByTestId("next-amount").textContent()).toBe(fmt.money(team.price! * trial.quantity));
    expect(await card.getByRole("button", { name: en["subscriptions.continueAfterTrial"] }).count()).toBe(0);

    const before = (await invoices()).length;
    await advanceTo(trialEnd.getTime() + DAY);
    await expect.poll(async () => (await subscriptionOf("crm")).status, { timeout: 40_000, interval: 1000 }).toBe("active");
    await openSubscriptions();
    await card.getByText(en["subscriptionStatus.active"], { exact: true }).waitFor();
    await card.getByText(en["subscriptions.moduleOpen"], { exact: true }).waitFor();
    await expect.poll(async () => (await invoices()).filter((invoice) => invoice.subscriptionId === trial.id).length, { timeout: 40_000, interval: 1000 }).toBe(1);
    const all = await invoices();
    expect(all.length).toBeGreaterThan(before);
    expect(fmt.money(all.find((invoice) => invoice.subscriptionId === trial.id)!.total)).toBe(previewTotal);
    const rows = await invoiceRows(all.length);
    expect((await rows.getByTestId("invoice-total").allTextContents()).map((text) => text.trim())).toContain(previewTotal);
  });
});
