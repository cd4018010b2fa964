// Notifications in a real browser against the real API and dispatcher (issue 11's done-when): a tenant admin
// (A) makes a rule for a role; a rule with a placeholder the payload lacks is refused, in the editor and by
// the API, with a message naming it. A user holding that role (B) has a page open in their own browser
// context; A deactivates someone; B's bell count and popover show the notification without reload; B marks
// it read from the popover; the inbox page's severity filter and archive/unarchive work. A's preferences
// mute a rule; a critical one cannot be muted. The tenant is set up
// over HTTP; screenshots go to test-results/.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../src/app/i18n/en.js";
import { startApiServer, type ApiServer } from "./api-server.js";
import { apiClient, createTenant, checkA11y, formHelpers, launchBrowser, newPage, screenshot as shot } from "./browser.js";

const run = Date.now().toString(36);
const platformAdmin = { email: "ops@example.com", password: "orbit-lantern-harbor-2025" };
const slug = `relay-${run}`;
const admin = { email: `ada-${run}@relay.example`, name: "Ada Moreau", password: "temporary-relay-key-4242", newPassword: "ada-keeps-the-relay-running" };
const lead = { email: `ben-${run}@relay.example`, name: "Ben Carter", password: "ben-temporary-phrase-77", newPassword: "ben-reads-every-notification" };
const leaver = { email: `cleo-${run}@relay.example`, name: "Cleo Durand", password: "cleo-temporary-phrase-88" };
const roleName = "Team lead";
const ruleName = "Team changes";

let server: ApiServer;
let browser: Browser;
/** A's browser context. */
let adminPage: Page;
/** B's browser context, with its own cookies. */
let leadPage: Page;
let leaverId = "";

const bell = (page: Page) => page.getByTestId("notif-bell");
const bellName = (page: Page) => bell(page).getAttribute("aria-label");

describe("notifications", () => {
  beforeAll(async () => {
    server = await startApiServer(platformAdmin);
    browser = await launchBrowser();

    const tenantAdmin = await createTenant(server.url, platformAdmin, { name: "Relay Works", slug, contactEmail: `contact-${run}@relay.example`, admin });
    const role = await tenantAdmin.mutate<{ id: string }>("roles.create", { name: roleName, permissions: ["users.read"] });
    await tenantAdmin.mutate("users.create", { email: lead.email, name: lead.name, roleIds: [role.id], password: lead.password });
    const created = await tenantAdmin.mutate<{ user: { id: string } }>("users.create", { email: leaver.email, name: leaver.name, roleIds: [role.id], password: leaver.password });
    leaverId = created.user.id;
    await tenantAdmin.dispose();
    const client = await apiClient(server.url);
    await client.mutate("auth.login", { email: lead.email, password: lead.password, workspace: slug });
    await client.mutate("auth.changePassword", { currentPassword: lead.password, newPassword: lead.newPassword });
    await client.dispose();

    adminPage = await newPage(browser);
    leadPage = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a rule naming a placeholder the payload lacks is refused with the placeholder named; a sound one is saved", async () => {
    const page = adminPage;
    const { field, signIn } = formHelpers(page);
    await page.goto(`${server.url}/login?workspace=${slug}`);
    await signIn(admin.email, admin.newPassword);
    await page.waitForURL((url) => url.pathname === "/t");
    await page.getByRole("link", { name: en["notif.nav.rules"] }).click();
    await page.getByRole("heading", { name: en["notif.rules.title"], level: 1 }).waitFor();
    // The default rules came with the workspace.
    await page.getByRole("cell", { name: /User deactivated/ }).first().waitFor();
    await checkA11y(page, "notification rules");

    await page.getByRole("button", { name: en["notif.rules.new"] }).click();
    const dialog = page.getByRole("dialog");
    await field(en["notif.form.name"]).fill(ruleName);
    await dialog.getByRole("textbox", { name: en["notif.form.eventTypes"] }).click();
    await page.getByRole("option", { name: en["eventName.user.deactivated"], exact: true }).click();
    await page.keyboard.press("Escape");
    await dialog.getByRole("textbox", { name: en["notif.form.roles"] }).click();
    await page.getByRole("option", { name: roleName, exact: true }).click();
    await page.keyboard.press("Escape");
    await field(en["notif.form.title"]).fill("{fullName} left the team");
    await checkA11y(page, "new notification rule");
    await dialog.getByRole("button", { name: en["notif.form.create"] }).click();
    const refusal = "The placeholder {fullName} is not a field of the payload of user.deactivated.";
    await dialog.getByText(refusal).waitFor();
    expect(await dialog.getByText(refusal).isVisible()).toBe(true);

    // The API refuses the same rule with the same words (a client that skips the editor).
    const api = await apiClient(server.url);
    await api.mutate("auth.login", { email: admin.email, password: admin.newPassword, workspace: slug });
    const roles = await api.query<{ items: { id: string; name: string }[] }>("roles.list");
    const roleId = roles.items.find((role) => role.name === roleName)!.id;
    await expect(
      api.mutate("notifications.rules.create", { name: ruleName, eventTypes: ["user.deactivated"], recipientRoleIds: [roleId], templates: { en: { title: "{fullName} left", body: "" } } }),
    ).rejects.toThrow(/fullName/);
    await api.dispose();

    // The chip puts a real field at the caret.
    const title = field(en["notif.form.title"]);
    await title.fill(" left the team");
    await title.press("Home");
    await dialog.getByRole("button", { name: en["notif.form.insertPlaceholder"].replace("{placeholder}", "{email}") }).click();
    expect(await title.inputValue()).toBe("{email} left the team");
    await shot(page, "notifications-rule-form");
    await dialog.getByRole("button", { name: en["notif.form.create"] }).click();
    await page.getByRole("cell", { name: ruleName, exact: true }).waitFor();
  });

  it("A's preferences mute a non-critical rule; a critical rule cannot be muted, and says why", async () => {
    const page = adminPage;
    await page.goto(`${server.url}/t/notifications/preferences`);
    await page.getByRole("heading", { name: en["notif.prefs.title"], level: 1 }).waitFor();
    const critical = page.getByRole("switch", { name: en["notif.prefs.muteNamed"].replace("{name}", en["notif.rule.usage_100"]) });
    expect(await critical.isDisabled()).toBe(true);
    expect(await page.getByTestId("notif-pref").filter({ hasText: en["notif.rule.usage_100"] }).getByText(en["notif.prefs.criticalReason"]).isVisible()).toBe(true);
    const issued = page.getByRole("switch", { name: en["notif.prefs.muteNamed"].replace("{name}", en["notif.rule.invoice_issued"]) });
    await issued.click({ force: true });
    await page.getByText(en["notif.prefs.mutedDone"].replace("{name}", en["notif.rule.invoice_issued"])).waitFor();
    await expect.poll(() => issued.isChecked()).toBe(true);
    await checkA11y(page, "notification preferences");
  });

  it("B's bell shows the notification live when A deactivates someone, and B marks it read from the popover", async () => {
    const page = leadPage;
    const { signIn } = formHelpers(page);
    await page.goto(`${server.url}/login?workspace=${slug}`);
    await signIn(lead.email, lead.newPassword);
    await page.waitForURL((url) => url.pathname === "/t/users");
    await bell(page).waitFor();
    expect(await bellName(page)).toBe(en["notif.bell.label"].other.replace("{count}", "0"));
    // Only once B's page is live does A act: nothing reloads B's page from here on.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    await adminPage.goto(`${server.url}/t/users/${leaverId}`);
    await adminPage.getByRole("button", { name: en["admins.deactivate"] }).click();
    await adminPage.getByRole("dialog").getByRole("button", { name: en["admins.deactivate"] }).click();
    await adminPage.getByRole("dialog").waitFor({ state: "detached" });

    await page.waitForFunction(() => document.querySelector("[data-testid='notif-bell']")?.getAttribute("aria-label")?.includes(": 1 "));
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.getByTestId("notif-bell-live").textContent()).toBe(en["notif.bell.label"].one.replace("{count}", "1"));
    await bell(page).click();
    const popover = page.getByRole("dialog", { name: en["notif.bell.title"] });
    const item = popover.getByTestId("notif-bell-item").filter({ hasText: `${leaver.email} left the team` });
    await item.waitFor();
    await checkA11y(page, "bell popover");
    await shot(page, "notifications-bell");
    await item.getByRole("button", { name: en["notif.markRead"] }).click();
    await page.waitForFunction(() => document.querySelector("[data-testid='notif-bell']")?.getAttribute("aria-label")?.includes(": 0 "));
    await page.keyboard.press("Escape");
  });

  it("the inbox page filters by severity, and archives and unarchives a thread", async () => {
    const page = leadPage;
    await bell(page).click();
    await page.getByRole("link", { name: en["notif.bell.seeAll"] }).click();
    await page.waitForURL((url) => url.pathname === "/t/notifications");
    const row = page.getByTestId("notif-row").filter({ hasText: `${leaver.email} left the team` });
    await row.waitFor();
    await checkA11y(page, "inbox");

    // Critical only: this info notification is not listed.
    await page.getByRole("textbox", { name: en["notif.inbox.severity"] }).click();
    await page.getByRole("option", { name: en["notif.severity.critical"], exact: true }).click();
    await page.getByText(en["notif.inbox.empty"]).waitFor();
    await page.getByRole("textbox", { name: en["notif.inbox.severity"] }).click();
    await page.getByRole("option", { name: en["notif.severity.info"], exact: true }).click();
    await row.waitFor();

    // Archive it through the selection: it leaves the inbox and is in the archived view.
    await page.getByRole("checkbox", { name: en["notif.inbox.select"].replace("{title}", `${leaver.email} left the team`) }).check();
    await page.getByTestId("notif-bulk").getByRole("button", { name: en["notif.archive"] }).click();
    await page.getByText(en["notif.inbox.empty"]).waitFor();
    await page.getByTestId("notif-view").getByText(en["notif.inbox.view.archived"]).click();
    await row.waitFor();
    await row.click();
    await page.getByTestId("notif-thread-item").first().waitFor();
    await checkA11y(page, "inbox thread");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: en["notif.unarchive"] }).first().click();
    await page.getByText(en["notif.inbox.emptyArchived"]).waitFor();
    await page.getByTestId("notif-view").getByText(en["notif.inbox.view.inbox"]).click();
    await row.waitFor();
    await shot(page, "notifications-inbox");
  });
});
