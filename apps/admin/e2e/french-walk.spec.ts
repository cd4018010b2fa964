// Every page in French, as a French workspace's admin and a platform admin who chose French see it: each page
// (and the dialogs and drawers they open) must show no message of the English catalogue whose French differs
// (english-leak.ts), the names and addresses the test typed aside, and pass the accessibility check. A page
// added to the app belongs in one of the two walks below.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { fr } from "../src/app/i18n/fr.js";
import { startApiServer, type ApiServer } from "./api-server.js";
import { apiClient, checkA11y, launchBrowser, newPage } from "./browser.js";
import { assertNoEnglish } from "./english-leak.js";

const run = Date.now().toString(36);
const platformAdmin = { email: "ops@example.com", password: "orbit-lantern-harbor-2025" };
const slug = `lumen-${run}`;
const tenantName = "Atelier Lumen";
const admin = { email: `claire-${run}@atelier.example`, name: "Claire Martin", password: "temporary-atelier-key-42", newPassword: "claire-own-workshop-phrase" };
const member = { email: `hugo-${run}@atelier.example`, name: "Hugo Bernard", password: "hugo-chooses-a-long-phrase" };
const roleName = "Agent d'accueil";
/**
 * What the test typed: names, addresses and codes the pages show as they are; and the first platform admin's
 * name, which the server gives it when started with PLATFORM_ADMIN_EMAIL (data, like any name).
 */
const typed = [tenantName, slug, admin.email, admin.name, member.email, member.name, roleName, platformAdmin.email, "Platform admin"];

let server: ApiServer;
let browser: Browser;
let tenantId = "";
let memberId = "";

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
  await assertNoEnglish(page, name, typed);
  await checkA11y(page, name);
}

describe("the app in French, page by page", () => {
  beforeAll(async () => {
    server = await startApiServer(platformAdmin);
    browser = await launchBrowser();

    const platform = await apiClient(server.url);
    await platform.mutate("auth.login", { email: platformAdmin.email, password: platformAdmin.password });
    const created = await platform.mutate<{ tenant: { id: string } }>("platform.tenants.create", {
      name: tenantName,
      slug,
      contactEmail: `contact-${run}@atelier.example`,
      country: "FR",
      timeZone: "Europe/Paris",
      currency: "EUR",
      language: "fr",
      admin: { email: admin.email, name: admin.name, password: admin.password },
    });
    tenantId = created.tenant.id;
    // A module the workspace subscribes to, so the analytics page and the dashboard show figures in French.
    const moduleKey = `rapports_${run}`;
    await platform.mutate("modules.create", {
      key: moduleKey, name: { en: "Reports", fr: "Rapports" }, description: { en: "Reports.", fr: "Rapports." }, category: "analytics", icon: "plug",
      metrics: [{ key: "exports", name: { en: "Exports", fr: "Exportations" }, resets: "monthly" }],
    });
    const plan = await platform.mutate<{ id: string }>("modules.plans.create", {
      moduleKey, code: "pro", name: { en: "Pro", fr: "Pro" }, interval: "annual", prices: { EUR: 49900 }, limits: { exports: 100 },
    });
    await platform.mutate("modules.publish", { key: moduleKey });
    await platform.mutate("platform.profile.update", { language: "fr" });
    await platform.dispose();

    const tenantAdmin = await apiClient(server.url);
    await tenantAdmin.mutate("auth.login", { email: admin.email, password: admin.password, workspace: slug });
    await tenantAdmin.mutate("auth.changePassword", { currentPassword: admin.password, newPassword: admin.newPassword });
    const role = await tenantAdmin.mutate<{ id: string }>("roles.create", { name: roleName, description: "", permissions: ["users.read", "audit.read"] });
    const user = await tenantAdmin.mutate<{ user: { id: string } }>("users.create", { email: member.email, name: member.name, roleIds: [role.id], password: member.password });
    memberId = user.user.id;
    await tenantAdmin.mutate("users.deactivate", { userId: memberId });
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
    await visit(page, "/t/users/00000000-0000-7000-8000-000000000000", "utilisateur inconnu");
    await visit(page, "/t/nowhere", "page introuvable");
    await page.context().close();
  });

  it("a platform admin who chose French sees French on every page of the platform", async () => {
    const page = await newPage(browser, "fr-FR");
    await signIn(page, platformAdmin.email, platformAdmin.password);
    await visit(page, "/platform/tenants", "espaces de travail");
    await visit(page, `/platform/tenants/${tenantId}`, "fiche d'un espace de travail");
    await visit(page, "/platform/tenants/new", "nouvel espace de travail");
    await visit(page, "/platform/admins", "administrateurs de la plateforme");
    await visit(page, "/platform/audit", "journal de la plateforme");
    await visit(page, "/platform/analytics", "statistiques de la plateforme");
    await visit(page, "/platform/profile", "profil de la plateforme");
    await page.context().close();
  });
});
