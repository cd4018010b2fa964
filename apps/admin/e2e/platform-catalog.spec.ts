// The platform's catalog and billing pages in a real browser against the real API: the platform admin
// creates a module (its key's format refused first, with the contracts' message), adds a plan priced in
// EUR and JPY (a negative price and "12.345" EUR are refused with a clear message and create nothing),
// publishes the module, makes a new version of the plan and retires it. Then a workspace subscribes to
// another module over HTTP; the API process's billing job (every 30 s, first run a second after start)
// issues the invoice, which the invoices page lists and the platform admin marks paid. Axe on each page.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../src/app/i18n/en.js";
import { startApiServer, type ApiServer } from "./api-server.js";
import { apiClient, checkA11y, formHelpers, launchBrowser, newPage, screenshot } from "./browser.js";

const run = Date.now().toString(36);
const ops = { email: "ops@example.com", password: "orbit-lantern-harbor-2025" };
const moduleKey = `crm_${run}`;
const billedKey = `books_${run}`;
const tenant = { name: `Atelier Factures ${run}`, slug: `atelier-fact-${run}` };
const tenantAdmin = { email: `admin-${run}@factures.example`, password: "factures-first-passphrase", newPassword: "factures-own-passphrase-2" };

interface Plan {
  id: string;
  code: string;
  version: number;
  latest: boolean;
  status: string;
  prices: Record<string, number>;
}
interface Module {
  key: string;
  status: string;
  plans: Plan[];
}
interface Invoice {
  id: string;
  number: string | null;
  status: string;
  tenantId: string;
  total: number;
  currency: string;
}

let server: ApiServer;
let browser: Browser;
let page: Page;
let api: Awaited<ReturnType<typeof apiClient>>;
let helpers: ReturnType<typeof formHelpers>;
let tenantId = "";

const fill = (template: string, vars: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ""));
const inLanguage = (field: string, language: "en" | "fr") => fill(en["platformCatalog.inLanguage"], { field, language: en[`platformCatalog.language.${language}`] });
const getModule = (key: string) => api.query<Module>("modules.get", { key });

describe("the platform's catalog and invoices", () => {
  beforeAll(async () => {
    server = await startApiServer(ops);
    browser = await launchBrowser();
    api = await apiClient(server.url);
    await api.mutate("auth.login", ops);
    const created = await api.mutate<{ tenant: { id: string } }>("platform.tenants.create", {
      name: tenant.name,
      slug: tenant.slug,
      contactEmail: `contact-${run}@factures.example`,
      country: "FR",
      timeZone: "Europe/Paris",
      currency: "EUR",
      language: "en",
      admin: { email: tenantAdmin.email, name: "Admin Factures", password: tenantAdmin.password },
    });
    tenantId = created.tenant.id;
    page = await newPage(browser);
    helpers = formHelpers(page);
    await page.goto(`${server.url}/login`);
    await helpers.signIn(ops.email, ops.password);
    await page.waitForURL("**/platform/tenants");
  });

  afterAll(async () => {
    await api?.dispose();
    await browser?.close();
    await server?.stop();
  });

  it("creates a module with a plan in EUR and JPY, refusing bad prices; publishes it, makes a new version, retires the plan", async () => {
    const { field, pick } = helpers;
    await page.getByRole("link", { name: en["nav.platformModules"] }).click();
    await page.getByRole("heading", { name: en["platformModules.title"], level: 1 }).waitFor();
    await checkA11y(page, "modules");
    await page.getByRole("link", { name: en["platformModules.new"] }).click();
    await page.getByRole("heading", { name: en["platformModules.new"], level: 1 }).waitFor();

    // The contracts' message for the key, translated from its key.
    await field(en["platformModule.field.key"]).fill("CRM!");
    await page.getByRole("button", { name: en["platformModule.create"] }).click();
    await page.getByText(en["validation.module.keyFormat"]).waitFor();

    await field(en["platformModule.field.key"]).fill(moduleKey);
    await pick(en["platformModule.field.category"], null, en["platformCatalog.category.productivity"]);
    await field(en["platformModule.field.icon"]).fill("address-book");
    await field(inLanguage(en["platformModule.field.name"], "en")).fill("Customer desk");
    await field(inLanguage(en["platformModule.field.name"], "fr")).fill("Bureau clients");
    await field(inLanguage(en["platformModule.field.description"], "en")).fill("Contacts and deals.");
    await field(inLanguage(en["platformModule.field.description"], "fr")).fill("Contacts et affaires.");
    await page.getByRole("button", { name: en["platformModule.metric.add"] }).click();
    await field(en["platformModule.metric.key"]).fill("contacts");
    await field(inLanguage(en["platformModule.metric.name"], "en")).fill("Contacts");
    await field(inLanguage(en["platformModule.metric.name"], "fr")).fill("Fiches contact");
    await pick(en["platformModule.metric.resets"], null, en["platformCatalog.resets.never"]);
    await checkA11y(page, "module-create");
    await page.getByRole("button", { name: en["platformModule.create"] }).click();
    await page.waitForURL(`**/platform/modules/${moduleKey}`);
    await page.getByRole("heading", { name: "Customer desk", level: 1 }).waitFor();
    await page.getByText(en["platformPlans.empty"]).waitFor();
    await checkA11y(page, "module");

    // A plan: EUR and JPY; bad prices first.
    await page.getByRole("button", { name: en["platformPlans.new"] }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByRole("textbox", { name: en["platformPlan.field.code"], exact: true }).fill("pro");
    await dialog.getByRole("textbox", { name: inLanguage(en["platformPlan.field.name"], "en"), exact: true }).fill("Pro");
    await dialog.getByRole("textbox", { name: inLanguage(en["platformPlan.field.name"], "fr"), exact: true }).fill("Pro (fr)");
    await pick(en["platformPlan.price.currency"], "JPY", "JPY — Japanese Yen");
    await dialog.getByRole("button", { name: en["platformPlan.price.add"] }).click();
    const eur = dialog.getByRole("textbox", { name: fill(en["platformPlan.price.amount"], { currency: "EUR" }), exact: true });
    const jpy = dialog.getByRole("textbox", { name: fill(en["platformPlan.price.amount"], { currency: "JPY" }), exact: true });
    await jpy.fill("3500");
    await dialog.getByRole("textbox", { name: "Contacts", exact: true }).fill("500");

    await eur.fill("-5");
    await dialog.getByRole("button", { name: en["platformPlan.create"] }).click();
    await dialog.getByText(en["platformPlan.price.negative"]).waitFor();
    await eur.fill("12.345");
    await dialog.getByRole("button", { name: en["platformPlan.create"] }).click();
    await dialog.getByText(fill(en["platformPlan.price.tooManyDecimals"].other, { currency: "EUR", count: 2, example: "29.00" })).waitFor();
    await jpy.fill("10.5");
    await dialog.getByRole("button", { name: en["platformPlan.create"] }).click();
    await dialog.getByText(fill(en["platformPlan.price.noDecimals"], { currency: "JPY", example: "29" })).waitFor();
    await checkA11y(page, "plan-dialog-errors");
    await screenshot(page, "catalog-plan-dialog-errors");
    expect((await getModule(moduleKey)).plans).toEqual([]);

    await eur.fill("29.00");
    await jpy.fill("3500");
    await dialog.getByRole("button", { name: en["platformPlan.create"] }).click();
    await dialog.waitFor({ state: "detached" });
    const group = page.getByTestId("plan-group");
    await group.getByText(fill(en["platformPlans.version"], { version: 1 })).waitFor();
    await group.getByText("€29.00").waitFor();
    await group.getByText("¥3,500").waitFor();
    let module = await getModule(moduleKey);
    expect(module.plans.map((p) => [p.code, p.version, p.prices])).toEqual([["pro", 1, { EUR: 2900, JPY: 3500 }]]);

    // Publish, confirmed.
    await page.getByRole("button", { name: en["platformModule.publish"] }).click();
    await page.getByRole("dialog").getByRole("button", { name: en["platformModule.publish"] }).click();
    await page.getByText(en["platformCatalog.moduleStatus.published"], { exact: true }).first().waitFor();
    expect((await getModule(moduleKey)).status).toBe("published");

    // A new version: the form opens on the newest terms and says running subscriptions keep theirs.
    await group.getByRole("button", { name: en["platformPlans.newVersion"] }).click();
    const versionDialog = page.getByRole("dialog");
    await versionDialog.getByText(en["platformPlans.newVersionHint"]).waitFor();
    const eurVersion = versionDialog.getByRole("textbox", { name: fill(en["platformPlan.price.amount"], { currency: "EUR" }), exact: true });
    expect(await eurVersion.inputValue()).toBe("29.00");
    await checkA11y(page, "plan-version-dialog");
    await eurVersion.fill("35.5");
    await versionDialog.getByRole("button", { name: en["platformPlan.createVersion"] }).click();
    await versionDialog.waitFor({ state: "detached" });
    await group.getByText(fill(en["platformPlans.version"], { version: 2 })).waitFor();
    await group.getByText("€35.50").waitFor();
    module = await getModule(moduleKey);
    expect(module.plans.map((p) => [p.version, p.latest, p.prices.EUR]).sort()).toEqual([
      [1, false, 2900],
      [2, true, 3550],
    ]);

    // Retire the plan, confirmed: every version is retired.
    await group.getByRole("button", { name: en["platformPlans.retire"] }).click();
    await page.getByRole("dialog").getByText(en["platformPlans.retireMessage"]).waitFor();
    await page.getByRole("dialog").getByRole("button", { name: en["platformPlans.retire"] }).click();
    await group.getByRole("button", { name: en["platformPlans.newVersion"] }).waitFor({ state: "detached" });
    expect((await getModule(moduleKey)).plans.map((p) => p.status)).toEqual(["retired", "retired"]);
    await checkA11y(page, "module-with-retired-plan");
    await screenshot(page, "catalog-module", { fullPage: true });
  });

  it("lists the invoice the billing job issued for a workspace's subscription, and marks it paid", async () => {
    // Another module, published with a plan, to which the workspace subscribes over HTTP.
    await api.mutate("modules.create", {
      key: billedKey,
      name: { en: "Bookkeeping", fr: "Comptabilité" },
      description: { en: "Ledgers.", fr: "Registres." },
      category: "finance",
      icon: "book",
    });
    const plan = await api.mutate<Plan>("modules.plans.create", { moduleKey: billedKey, code: "basic", name: { en: "Basic", fr: "Basique" }, interval: "monthly", prices: { EUR: 1900 } });
    await api.mutate("modules.publish", { key: billedKey });
    const workspace = await apiClient(server.url);
    await workspace.mutate("auth.login", { email: tenantAdmin.email, password: tenantAdmin.password, workspace: tenant.slug });
    await workspace.mutate("auth.changePassword", { currentPassword: tenantAdmin.password, newPassword: tenantAdmin.newPassword });
    await workspace.mutate("auth.login", { email: tenantAdmin.email, password: tenantAdmin.newPassword, workspace: tenant.slug });
    await workspace.mutate("subscriptions.subscribe", { planId: plan.id });
    await workspace.dispose();

    // The API process runs the billing job every 30 seconds.
    let invoice: Invoice | undefined;
    await expect
      .poll(
        async () => {
          invoice = (await api.query<{ items: Invoice[] }>("billing.admin.invoices.list", { tenantId, limit: 25 })).items[0];
          return invoice?.status;
        },
        { timeout: 75_000, interval: 1_000 },
      )
      .toBe("open");
    const number = invoice!.number!;

    await page.getByRole("link", { name: en["nav.platformInvoices"] }).click();
    await page.getByRole("heading", { name: en["platformInvoices.title"], level: 1 }).waitFor();
    const row = page.getByRole("row").filter({ hasText: number });
    await row.getByText(tenant.name).waitFor();
    await row.getByText("€19.00").waitFor();
    await row.getByText(en["platformInvoices.status.open"]).waitFor();
    await checkA11y(page, "invoices");

    await row.getByRole("button", { name: number, exact: true }).click();
    const drawer = page.getByTestId("invoice-detail");
    await drawer.getByText(en["platformInvoices.kind.subscription"]).waitFor();
    await checkA11y(page, "invoice-drawer");
    await screenshot(page, "catalog-invoice-drawer");
    // Open: paid, void or uncollectible are offered.
    for (const action of ["pay", "void", "mark_uncollectible"] as const) await drawer.getByRole("button", { name: en[`platformInvoices.action.${action}`] }).waitFor();
    await drawer.getByRole("button", { name: en["platformInvoices.action.pay"] }).click();
    const confirm = page.getByRole("dialog", { name: fill(en["platformInvoices.confirm.pay"], { number }) });
    await confirm.getByText(en["platformInvoices.confirmMessage.pay"]).waitFor();
    await confirm.getByRole("button", { name: en["platformInvoices.action.pay"] }).click();
    await drawer.getByText(en["platformInvoices.status.paid"], { exact: true }).waitFor();
    // Paid is final: nothing more is offered.
    expect(await drawer.getByRole("button", { name: en["platformInvoices.action.void"] }).count()).toBe(0);
    const after = await api.query<Invoice>("billing.admin.invoices.get", { invoiceId: invoice!.id });
    expect(after.status).toBe("paid");
    await page.keyboard.press("Escape");
    await row.getByText(en["platformInvoices.status.paid"]).waitFor();
  });
});
