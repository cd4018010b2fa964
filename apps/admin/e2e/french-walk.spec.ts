// Every page in French, as a French workspace's admin and a platform admin who chose French see it: each page
// (and the dialogs and drawers they open) must show no message of the English catalogue whose French differs
// (english-leak.ts), the names and addresses the test typed aside, and pass the accessibility check. A page
// added to the app belongs in one of the two walks below.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fr } from "../src/app/i18n/fr.js";
import { startApiServer, type ApiServer } from "./api-server.js";
import { apiClient, checkA11y, launchBrowser, newPage } from "./browser.js";
import { loadSampleCatalog } from "./catalog.js";
import { assertNoEnglish } from "./english-leak.js";

const run = Date.now().toString(36);
const platformAdmin = { email: "ops@example.com", password: "orbit-lantern-harbor-2025" };
const slug = `lumen-${run}`;
const tenantName = "Atelier Lumen";
const admin = { email: `claire-${run}@atelier.example`, name: "Claire Martin", password: "temporary-atelier-key-42", newPassword: "claire-own-workshop-phrase" };
const member = { email: `hugo-${run}@atelier.example`, name: "Hugo Bernard", password: "hugo-chooses-a-long-phrase" };
const roleName = "Agent d'accueil";
const moduleKey = `agenda_${run}`;
const catalogModule = { name: "Agenda partagé", metric: "Rendez-vous", plan: "Formule équipe" };
/**
 * What the test typed: names, addresses and codes the pages show as they are; and the first platform admin's
 * name, which the server gives it when started with PLATFORM_ADMIN_EMAIL (data, like any name).
 */
const contactEmail = `contact-${run}@atelier.example`;
const typed = [tenantName, slug, admin.email, admin.name, member.email, member.name, roleName, platformAdmin.email, "Platform admin", contactEmail, moduleKey, "calendar", "rendez_vous", "equipe"];
/**
 * The sample catalog the test loads is data too: the platform's audit log names a created module by the
 * name it was recorded with (its English one), as it names a tenant or a user. Allowed on the platform's
 * pages only, so the workspace's pages still prove its module names and labels are French.
 */
const catalogNames = ["Integrations", "Helpdesk", "Shared calendar"];
let allowedData: readonly string[] = typed;

let server: ApiServer;
let browser: Browser;
let tenantId = "";
let memberId = "";
let invoiceId = "";
let invoiceNumber = "";

async function signIn(page: Page, email: string, password: string, workspace?: string) {
  await page.goto(`${server.url}/login`);
  await page.getByRole("textbox", { name: fr["login.email"], exact: true }).fill(email);
  await page.getByRole("textbox", { name: fr["login.password"], exact: true }).fill(password);
  if (workspace) await page.getByRole("textbox", { name: fr["login.workspace"], exact: true }).fill(workspace);
  await page.getByRole("button", { name: fr["login.submit"] }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Opens a page, waits until its data is shown, and checks it. */
async function visit(page: Page, path: string, name: string) {
  await page.goto(`${server.url}${path}`);
  await page.locator("h1").first().waitFor();
  await page.waitForLoadState("networkidle");
  await check(page, name);
}

async function check(page: Page, name: string) {
  await assertNoEnglish(page, name, allowedData);
  await checkA11y(page, name);
}

describe("the app in French, page by page", () => {
  beforeAll(async () => {
    // With the test clock, to run the billing job at once: the billing pages are walked with an invoice.
    server = await startApiServer(platformAdmin, { testClock: true });
    browser = await launchBrowser();

    const platform = await apiClient(server.url);
    await platform.mutate("auth.login", { email: platformAdmin.email, password: platformAdmin.password });
    const created = await platform.mutate<{ tenant: { id: string } }>("platform.tenants.create", {
      name: tenantName,
      slug,
      contactEmail,
      country: "FR",
      timeZone: "Europe/Paris",
      currency: "EUR",
      language: "fr",
      admin: { email: admin.email, name: admin.name, password: admin.password },
    });
    tenantId = created.tenant.id;
    await platform.mutate("platform.profile.update", { language: "fr" });
    await loadSampleCatalog(platform, ["integrations", "helpdesk"]);
    // A published module with a metric and a plan, which the workspace subscribes to below (the billing job
    // then issues its invoice).
    await platform.mutate("modules.create", {
      key: moduleKey,
      name: { en: "Shared calendar", fr: catalogModule.name },
      description: { en: "Appointments for the whole team.", fr: "Des rendez-vous pour toute l'équipe." },
      category: "productivity",
      icon: "calendar",
      metrics: [{ key: "rendez_vous", name: { en: "Appointments", fr: catalogModule.metric }, resets: "monthly" }],
    });
    const plan = await platform.mutate<{ id: string }>("modules.plans.create", {
      moduleKey,
      code: "equipe",
      name: { en: "Team plan", fr: catalogModule.plan },
      interval: "monthly",
      prices: { EUR: 2900, JPY: 3500 },
      trialDays: 14,
      limits: { rendez_vous: 1000 },
    });
    await platform.mutate("modules.publish", { key: moduleKey });
    await platform.dispose();

    const tenantAdmin = await apiClient(server.url);
    await tenantAdmin.mutate("auth.login", { email: admin.email, password: admin.password, workspace: slug });
    await tenantAdmin.mutate("auth.changePassword", { currentPassword: admin.password, newPassword: admin.newPassword });
    const role = await tenantAdmin.mutate<{ id: string }>("roles.create", { name: roleName, description: "", permissions: ["users.read", "audit.read"] });
    const user = await tenantAdmin.mutate<{ user: { id: string } }>("users.create", { email: member.email, name: member.name, roleIds: [role.id], password: member.password });
    memberId = user.user.id;
    await tenantAdmin.mutate("users.deactivate", { userId: memberId });
    // Helpdesk subscribed and invoiced; Integrations left to the marketplace (its page is closed).
    const market = await tenantAdmin.query<{ items: { key: string; plans: { id: string; code: string; interval: string }[] }[] }>("modules.marketplace");
    const basic = market.items.find((m) => m.key === "helpdesk")?.plans.find((p) => p.code === "basic" && p.interval === "monthly");
    await tenantAdmin.mutate("subscriptions.subscribe", { planId: basic!.id });
    for (let tries = 0; tries < 40 && !invoiceId; tries++) {
      await server.advanceClock(0, true);
      invoiceId = (await tenantAdmin.query<{ items: { id: string }[] }>("billing.invoices.list", { limit: 25 })).items[0]?.id ?? "";
      if (!invoiceId) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await tenantAdmin.mutate("subscriptions.subscribe", { planId: plan.id });
    await tenantAdmin.dispose();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a French workspace's admin sees French on every page of the workspace", async () => {
    const page = await newPage(browser, "fr-FR");
    await signIn(page, admin.email, admin.newPassword, slug);
    await visit(page, "/t", "tableau de bord");
    await visit(page, "/t/users", "utilisateurs");
    await visit(page, `/t/users/${memberId}`, "fiche utilisateur");
    await visit(page, "/t/roles", "rôles");
    await visit(page, "/t/audit", "journal d'audit");
    await page.getByRole("button", { name: fr["audit.details"] }).first().click();
    await page.getByTestId("audit-entry").waitFor();
    await check(page, "détail d'une entrée du journal");
    await page.keyboard.press("Escape");
    await visit(page, "/t/settings", "paramètres");
    await visit(page, "/t/profile", "profil");
    await visit(page, "/t/notifications", "notifications");
    await page.getByTestId("notif-bell").click();
    await page.getByRole("dialog", { name: fr["notif.bell.title"] }).waitFor();
    await check(page, "cloche des notifications");
    await page.keyboard.press("Escape");
    await visit(page, "/t/notifications/preferences", "préférences de notification");
    await visit(page, "/t/notification-rules", "règles de notification");
    await page.getByRole("button", { name: fr["notif.rules.new"] }).click();
    await page.getByRole("dialog").getByRole("textbox", { name: fr["notif.form.name"], exact: true }).waitFor();
    await check(page, "nouvelle règle de notification");
    await page.keyboard.press("Escape");
    await visit(page, "/t/marketplace", "catalogue des modules");
    await page.getByRole("region", { name: "Intégrations", exact: true }).getByRole("button", { name: fr["marketplace.subscribe"], exact: true }).click();
    await page.getByRole("dialog").getByTestId("preview").waitFor();
    await check(page, "abonnement à un module, avec son coût");
    await page.keyboard.press("Escape");
    await page.getByRole("region", { name: "Intégrations", exact: true }).getByRole("button", { name: fr["marketplace.startTrial"], exact: true }).click();
    await page.getByRole("dialog").getByRole("checkbox", { name: fr["marketplace.continueAfterTrial"] }).check();
    await check(page, "essai gratuit d'un module");
    await page.keyboard.press("Escape");
    await visit(page, "/t/subscriptions", "abonnements");
    await page.getByRole("region", { name: "Support client", exact: true }).getByRole("button", { name: fr["subscriptions.changePlan"], exact: true }).click();
    await page.getByRole("dialog").getByRole("textbox", { name: fr["marketplace.plan"], exact: true }).click();
    await page.getByRole("option").first().click();
    await page.getByRole("dialog").getByTestId("preview").waitFor();
    await check(page, "changement de formule, avec son coût");
    await page.keyboard.press("Escape");
    await visit(page, "/t/invoices", "factures");
    await visit(page, `/t/invoices/${invoiceId}`, "facture");
    await visit(page, "/t/invoices/00000000-0000-7000-8000-000000000000", "facture inconnue");
    await visit(page, "/t/integrations", "module fermé");
    await visit(page, "/t/events/live", "événements en direct");
    await visit(page, "/t/events/catalog", "catalogue d'événements");
    await visit(page, "/t/users/00000000-0000-7000-8000-000000000000", "utilisateur inconnu");
    await visit(page, "/t/nowhere", "page introuvable");
    await page.context().close();
  });

  it("a platform admin who chose French sees French on every page of the platform", async () => {
    const page = await newPage(browser, "fr-FR");
    allowedData = [...typed, ...catalogNames];
    await signIn(page, platformAdmin.email, platformAdmin.password);
    await visit(page, "/platform/tenants", "espaces de travail");
    await visit(page, `/platform/tenants/${tenantId}`, "fiche d'un espace de travail");
    await visit(page, "/platform/tenants/new", "nouvel espace de travail");
    await visit(page, "/platform/admins", "administrateurs de la plateforme");
    await visit(page, "/platform/audit", "journal de la plateforme");
    await visit(page, "/platform/analytics", "statistiques de la plateforme");
    await visit(page, "/platform/profile", "profil de la plateforme");
    await visit(page, "/platform/notifications", "notifications de la plateforme");
    await visit(page, "/platform/events", "catalogue d'événements de la plateforme");

    await visit(page, "/platform/modules", "modules");
    await visit(page, "/platform/modules/new", "nouveau module");
    await page.getByRole("button", { name: fr["platformModule.metric.add"] }).click();
    await page.getByRole("button", { name: fr["platformModule.create"] }).click();
    await page.getByText(fr["validation.module.keyFormat"]).waitFor();
    await check(page, "nouveau module, erreurs de saisie");
    await visit(page, `/platform/modules/${moduleKey}`, "fiche d'un module");
    await page.getByRole("button", { name: fr["platformPlans.newVersion"] }).click();
    await page.getByRole("dialog").getByText(fr["platformPlans.newVersionHint"]).waitFor();
    await check(page, "nouvelle version d'une formule");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: fr["platformModule.retire"] }).click();
    await page.getByRole("dialog").getByText(fr["platformModule.retireMessage"]).waitFor();
    await check(page, "retrait d'un module");
    await page.keyboard.press("Escape");
    await visit(page, "/platform/modules/inconnu", "module inconnu");

    // The billing job (every 30 s in the API process) issues the subscription's invoice.
    const platform = await apiClient(server.url);
    await platform.mutate("auth.login", { email: platformAdmin.email, password: platformAdmin.password });
    await expect
      .poll(async () => (invoiceNumber = (await platform.query<{ items: { number: string | null }[] }>("billing.admin.invoices.list", { tenantId, limit: 25 })).items[0]?.number ?? ""), {
        timeout: 75_000,
        interval: 1_000,
      })
      .not.toBe("");
    await platform.dispose();
    await visit(page, "/platform/invoices", "factures");
    await page.getByRole("button", { name: invoiceNumber, exact: true }).click();
    await page.getByTestId("invoice-detail").getByText(fr["platformInvoices.kind.subscription"]).waitFor();
    await check(page, "détail d'une facture");
    await page.getByTestId("invoice-detail").getByRole("button", { name: fr["platformInvoices.action.mark_uncollectible"] }).click();
    await page.getByText(fr["platformInvoices.confirmMessage.mark_uncollectible"]).waitFor();
    await check(page, "confirmation sur une facture");
    await page.context().close();
  });
});
