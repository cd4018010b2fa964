// Layouts that survive real data and phones, and states that tell the truth, in a real browser against the
// real API. On a 390 px phone: the profile is reached from the menu, the users list and the audit log read
// as cards, dialogs and drawers fit, a long workspace name does not push the header off screen, and no page
// scrolls sideways. At 1440 px with a 120-character e-mail: the e-mail is cut (whole on hover and focus),
// Status, Last login and each row's action stay in view. Then: toasts keep off the button just pressed; a
// retention period below its minimum is an error, never rewritten; ids that name nothing show a not-found
// page with a way back; "Forgot your password?" says what to do; removing one's own admin rights asks first
// and the menu follows; a session ended by an admin, or in another tab, is explained on the sign-in page in
// the user's language, and unsaved changes come back after signing in again.
import { randomUUID } from "node:crypto";
import type { Browser, Locator, Page } from "playwright-core";
import { AUDIT_VOCABULARY } from "@tenancy/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../src/app/i18n/en.js";
import { fr } from "../src/app/i18n/fr.js";
import { startApiServer, type ApiServer } from "./api-server.js";
import { apiClient, checkA11y, formHelpers, hasFocus, launchBrowser, newPage, screenshot as shot, settle } from "./browser.js";

const run = Date.now().toString(36);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const platformAdmin = { email: "ops@example.com", password: "orbit-lantern-harbor-2025" };
const slug = `lumen-${run}`;
const tenantName = "Atelier Lumen de restauration des œuvres d'art anciennes et contemporaines du Grand Est";

/** An e-mail address of exactly `length` characters (a local part of at most 64, labels of at most 63). */
function longEmail(prefix: string, length: number): string {
  const local = `${prefix}-${run}-`.padEnd(60, "x");
  const tail = ".example";
  const domain = `${"restauration-des-oeuvres-".repeat(3)}`.slice(0, length - local.length - 1 - tail.length);
  const email = `${local}@${domain}${tail}`;
  if (email.length !== length) throw new Error(`built an e-mail of ${email.length} characters`);
  return email;
}

const admin = { email: longEmail("claire", 120), name: "Claire Martin", password: "temporary-lumen-key-42", newPassword: "claire-own-lumen-phrase" };
const longUser = { email: longEmail("hugo", 120), name: "Hugo Bernard-Lefèvre de la Tour", password: "hugo-lumen-long-phrase-1" };
const member = { email: `lea-${run}@lumen.example`, name: "Léa Moreau", password: "lea-lumen-first-phrase-1", newPassword: "lea-lumen-own-phrase-22" };
const writer = { email: `nadia-${run}@lumen.example`, name: "Nadia Petit", password: "nadia-lumen-first-phrase-1", newPassword: "nadia-lumen-own-phrase-22" };
const second = { email: `sam-${run}@lumen.example`, name: "Sam Girard", password: "sam-lumen-first-phrase-12", newPassword: "sam-lumen-own-phrase-123" };
const longRole = "Support agent, restoration workshops, weekends and holidays";

let server: ApiServer;
let browser: Browser;
let memberId = "";

/** The page does not scroll sideways. */
async function expectNoHorizontalOverflow(page: Page, width: number, where: string): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(scrollWidth, `${where} is ${scrollWidth} px wide in a ${width} px window`).toBeLessThanOrEqual(width);
}

/** The element is shown and lies wholly within the window's width. */
async function expectWithinWidth(locator: Locator, width: number, what: string): Promise<void> {
  await locator.waitFor();
  const box = await locator.boundingBox();
  expect(box, what).not.toBeNull();
  expect(box!.x, `${what} starts off screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} ends off screen`).toBeLessThanOrEqual(width);
}

function overlap(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function signedInPage(email: string, password: string, viewport = DESKTOP, locale = "en-US"): Promise<Page> {
  const page = await newPage(browser, locale, viewport);
  await page.goto(`${server.url}/login?workspace=${slug}`);
  await formHelpers(page).signIn(email, password);
  await page.waitForURL((url) => url.pathname.startsWith("/t"));
  return page;
}

describe("layouts and honest states", () => {
  beforeAll(async () => {
    server = await startApiServer(platformAdmin);
    browser = await launchBrowser();

    const platform = await apiClient(server.url);
    await platform.mutate("auth.login", { email: platformAdmin.email, password: platformAdmin.password });
    await platform.mutate("platform.tenants.create", {
      name: tenantName,
      slug,
      contactEmail: longEmail("contact", 120),
      country: "FR",
      timeZone: "Europe/Paris",
      currency: "EUR",
      language: "en",
      admin: { email: admin.email, name: admin.name, password: admin.password },
    });
    await platform.dispose();

    const tenantAdmin = await apiClient(server.url);
    await tenantAdmin.mutate("auth.login", { email: admin.email, password: admin.password, workspace: slug });
    await tenantAdmin.mutate("auth.changePassword", { currentPassword: admin.password, newPassword: admin.newPassword });
    const roles = await tenantAdmin.query<{ items: { id: string; key: string | null }[] }>("roles.list");
    const adminRoleId = roles.items.find((role) => role.key === "tenant_admin")!.id;
    const support = await tenantAdmin.mutate<{ id: string }>("roles.create", { name: "Support", permissions: ["users.read", "audit.read"] });
    await tenantAdmin.mutate("roles.create", { name: longRole, description: "A role whose name is far longer than a table cell.", permissions: ["users.read"] });
    await tenantAdmin.mutate("users.create", { email: longUser.email, name: longUser.name, roleIds: [support.id], password: longUser.password });
    const created = await tenantAdmin.mutate<{ user: { id: string } }>("users.create", {
      email: member.email,
      name: member.name,
      roleIds: [support.id],
      password: member.password,
      language: "fr",
    });
    memberId = created.user.id;
    await tenantAdmin.mutate("users.create", { email: writer.email, name: writer.name, roleIds: [support.id], password: writer.password });
    await tenantAdmin.mutate("users.create", { email: second.email, name: second.name, roleIds: [adminRoleId], password: second.password });
    await tenantAdmin.dispose();

    for (const person of [member, writer, second]) {
      const client = await apiClient(server.url);
      await client.mutate("auth.login", { email: person.email, password: person.password, workspace: slug });
      await client.mutate("auth.changePassword", { currentPassword: person.password, newPassword: person.newPassword });
      await client.dispose();
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("on a 390 px phone: the profile is in the menu, lists read as cards, dialogs fit, the header holds a long workspace name", async () => {
    const page = await signedInPage(admin.email, admin.newPassword, PHONE);
    await page.getByText(en["dashboard.activeUsers"]).waitFor();
    await expectNoHorizontalOverflow(page, PHONE.width, "the dashboard");
    const brand = page.getByTestId("app-brand");
    expect(await brand.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    await expectWithinWidth(page.getByRole("button", { name: en["nav.logout"] }), PHONE.width, "Log out");
    await checkA11y(page, "phone-dashboard");

    const openMenu = () => page.getByRole("button", { name: en["nav.toggle"] }).click();
    await openMenu();
    await page.getByTestId("nav-profile").click();
    await page.getByRole("heading", { name: en["profile.title"] }).waitFor();
    await expectNoHorizontalOverflow(page, PHONE.width, "the profile");
    await shot(page, "phone-profile", { fullPage: true });
    await checkA11y(page, "phone-profile");

    await openMenu();
    await page.getByRole("link", { name: en["nav.users"] }).click();
    await page.getByRole("heading", { name: en["users.title"] }).waitFor();
    const card = page.getByTestId("row-card").filter({ hasText: longUser.email });
    await card.getByText(longUser.email).waitFor();
    expect(await page.getByRole("table").count()).toBe(0);
    await expectWithinWidth(card.getByText(longUser.email), PHONE.width, "the whole e-mail in its card");
    await expectWithinWidth(card.getByText(en["status.active"]), PHONE.width, "the status in its card");
    await expectWithinWidth(card.getByRole("link", { name: longUser.name }), PHONE.width, "the user's link in its card");
    await expectNoHorizontalOverflow(page, PHONE.width, "the users list");
    await shot(page, "phone-users", { fullPage: true });
    await checkA11y(page, "phone-users");

    await page.getByRole("button", { name: en["users.new"] }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: en["common.email"], exact: true }).waitFor();
    await settle(page);
    await expectWithinWidth(page.locator(".mantine-Modal-content"), PHONE.width, "the new user dialog");
    await expectNoHorizontalOverflow(page, PHONE.width, "the users list with its dialog");
    await checkA11y(page, "phone-user-dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });

    await openMenu();
    await page.getByRole("link", { name: en["nav.roles"] }).click();
    await page.getByRole("heading", { name: en["roles.title"] }).waitFor();
    await page.getByTestId("row-card").filter({ hasText: "Support" }).first().waitFor();
    await expectNoHorizontalOverflow(page, PHONE.width, "the roles list");
    await page.getByRole("button", { name: en["roles.new"] }).click();
    await page.getByRole("dialog").getByRole("textbox", { name: en["roles.field.name"], exact: true }).waitFor();
    await settle(page);
    await expectWithinWidth(page.locator(".mantine-Modal-content"), PHONE.width, "the role dialog");
    await expectNoHorizontalOverflow(page, PHONE.width, "the roles list with its dialog");
    await checkA11y(page, "phone-role-dialog");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });

    await openMenu();
    await page.getByRole("link", { name: en["nav.audit"] }).click();
    await page.getByRole("heading", { name: en["audit.title"] }).waitFor();
    const entry = page.getByTestId("row-card").filter({ hasText: AUDIT_VOCABULARY.en.event["user.created"] }).first();
    await entry.waitFor();
    await expectWithinWidth(entry.getByText(en["audit.success"]), PHONE.width, "the outcome in its card");
    await expectWithinWidth(entry.getByRole("button", { name: en["audit.details"] }), PHONE.width, "Details in its card");
    await expectNoHorizontalOverflow(page, PHONE.width, "the audit log");
    await shot(page, "phone-audit", { fullPage: true });
    await checkA11y(page, "phone-audit");
    await entry.getByRole("button", { name: en["audit.details"] }).click();
    await page.getByTestId("audit-entry").waitFor();
    await settle(page);
    await expectWithinWidth(page.locator(".mantine-Drawer-content"), PHONE.width, "the entry drawer");
    await checkA11y(page, "phone-audit-drawer");
    await page.keyboard.press("Escape");

    await openMenu();
    await page.getByRole("link", { name: en["nav.settings"] }).click();
    await page.getByRole("heading", { name: en["settings.title"] }).waitFor();
    await expectNoHorizontalOverflow(page, PHONE.width, "the settings");
    await checkA11y(page, "phone-settings");
    await page.context().close();
  });

  it("at 1440 px with a 120-character e-mail: the e-mail is cut and shown whole on hover and focus; Status, Last login and row actions stay in view", async () => {
    const page = await signedInPage(admin.email, admin.newPassword);
    await page.getByRole("link", { name: en["nav.users"] }).click();
    const row = page.getByRole("row").filter({ hasText: longUser.email });
    await row.waitFor();
    await expectNoHorizontalOverflow(page, DESKTOP.width, "the users list");
    await expectWithinWidth(page.getByRole("columnheader", { name: en["common.status"] }), DESKTOP.width, "the Status header");
    await expectWithinWidth(page.getByRole("columnheader", { name: en["common.lastLogin"] }), DESKTOP.width, "the Last login header");
    await expectWithinWidth(row.getByText(en["status.active"]), DESKTOP.width, "the user's status");
    await expectWithinWidth(row.getByText(en["common.never"]), DESKTOP.width, "the user's last login");
    await expectWithinWidth(row.getByRole("link", { name: longUser.name }), DESKTOP.width, "the link to the user");

    const email = row.getByText(longUser.email, { exact: true });
    expect(await email.getAttribute("data-truncated")).toBe("true");
    await email.hover();
    const tooltip = page.getByRole("tooltip");
    await tooltip.waitFor();
    expect(await tooltip.innerText()).toBe(longUser.email);
    await page.mouse.move(0, 0);
    await tooltip.waitFor({ state: "hidden" });
    // By keyboard: from the name's link, Tab reaches the cut e-mail (only a cut value is a tab stop).
    await row.getByRole("link", { name: longUser.name }).focus();
    await page.keyboard.press("Tab");
    expect(await hasFocus(email)).toBe(true);
    await tooltip.waitFor();
    expect(await tooltip.innerText()).toBe(longUser.email);
    await shot(page, "desktop-users-long-email");
    await checkA11y(page, "desktop-users");

    await page.getByRole("link", { name: en["nav.audit"] }).click();
    const created = page.getByRole("row").filter({ hasText: longUser.email });
    await created.waitFor();
    await expectNoHorizontalOverflow(page, DESKTOP.width, "the audit log");
    await expectWithinWidth(page.getByRole("columnheader", { name: en["audit.outcome"] }), DESKTOP.width, "the Outcome header");
    await expectWithinWidth(created.getByText(en["audit.success"]), DESKTOP.width, "the entry's outcome");
    await expectWithinWidth(created.getByRole("button", { name: en["audit.details"] }), DESKTOP.width, "the entry's Details");
    await shot(page, "desktop-audit-long-email");
    await checkA11y(page, "desktop-audit");

    await page.getByRole("link", { name: en["nav.roles"] }).click();
    const roleRow = page.getByRole("row").filter({ hasText: longRole });
    await roleRow.waitFor();
    await expectNoHorizontalOverflow(page, DESKTOP.width, "the roles list");
    await expectWithinWidth(roleRow.getByRole("button", { name: en["common.edit"] }), DESKTOP.width, "the role's Edit");
    await checkA11y(page, "desktop-roles");
    await page.context().close();

    const ops = await newPage(browser, "en-US", DESKTOP);
    await ops.goto(`${server.url}/login`);
    await formHelpers(ops).signIn(platformAdmin.email, platformAdmin.password);
    await ops.waitForURL("**/platform/tenants");
    const tenantRow = ops.getByRole("row").filter({ hasText: slug });
    await tenantRow.waitFor();
    await expectNoHorizontalOverflow(ops, DESKTOP.width, "the tenants list");
    await expectWithinWidth(tenantRow.getByText(en["status.active"]), DESKTOP.width, "the tenant's status");
    await checkA11y(ops, "desktop-tenants");
    await ops.getByRole("link", { name: en["nav.platformAdmins"] }).click();
    await ops.getByRole("row").filter({ hasText: platformAdmin.email }).waitFor();
    await expectNoHorizontalOverflow(ops, DESKTOP.width, "the platform admins list");
    await checkA11y(ops, "desktop-admins");

    // Ids that name nothing: a not-found page with the way back, not an error with Retry.
    for (const id of ["not-a-tenant", randomUUID()]) {
      await ops.goto(`${server.url}/platform/tenants/${id}`);
      await ops.getByRole("heading", { name: en["notFound.tenant.title"] }).waitFor();
      expect(await ops.getByRole("button", { name: en["common.retry"] }).count()).toBe(0);
    }
    await checkA11y(ops, "tenant-not-found");
    await ops.getByRole("link", { name: en["notFound.tenant.back"] }).click();
    await ops.getByRole("heading", { name: en["tenants.title"] }).waitFor();
    await ops.context().close();
  });

  it("a toast keeps off the button just pressed; a retention period below its minimum is an error and stays as typed", async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await signedInPage(admin.email, admin.newPassword, viewport);
      await page.goto(`${server.url}/t/settings`);
      const compliance = page.getByRole("group", { name: en["settings.section.compliance"] });
      const retention = compliance.getByRole("textbox", { name: en["settings.retention.audit"], exact: true });
      const save = compliance.getByRole("button", { name: en["common.save"] });
      await retention.fill("5");
      await retention.blur();
      const tooLow = en["settings.retention.belowMin"].replace("{min}", "30");
      await compliance.getByText(tooLow).waitFor();
      expect(await retention.inputValue()).toMatch(/^5\b/);
      await save.click();
      await compliance.getByText(tooLow).waitFor();
      expect(await retention.inputValue()).toMatch(/^5\b/);
      expect(await hasFocus(retention)).toBe(true);
      await checkA11y(page, `retention-too-low-${viewport.width}`);

      const days = viewport === DESKTOP ? "45" : "60";
      await retention.fill(days);
      await save.scrollIntoViewIfNeeded();
      const saveBox = (await save.boundingBox())!;
      await save.click();
      const toast = page.locator(".mantine-Notification-root").filter({ hasText: en["settings.saved"] });
      await toast.waitFor();
      await page.waitForTimeout(400); // the toast's entrance transition
      const toastBox = (await toast.boundingBox())!;
      expect(overlap(toastBox, (await save.boundingBox()) ?? saveBox), `the toast covers Save at ${viewport.width} px`).toBe(false);
      await shot(page, `toast-clear-of-save-${viewport.width}`);
      expect(await retention.inputValue()).toMatch(new RegExp(`^${days}\\b`));
      await page.context().close();
    }
    const check = await apiClient(server.url);
    await check.mutate("auth.login", { email: admin.email, password: admin.newPassword, workspace: slug });
    const settings = await check.query<{ compliance: { auditRetentionDays: number } }>("settings.get");
    expect(settings.compliance.auditRetentionDays).toBe(60);
    await check.dispose();
  });

  it("an unknown or malformed user id shows a not-found page with the way back; an unknown role filter is said so", async () => {
    const page = await signedInPage(admin.email, admin.newPassword);
    for (const id of ["not-a-user", randomUUID()]) {
      await page.goto(`${server.url}/t/users/${id}`);
      await page.getByRole("heading", { name: en["notFound.user.title"] }).waitFor();
      expect(await page.getByRole("alert").count()).toBe(0);
      expect(await page.getByRole("button", { name: en["common.retry"] }).count()).toBe(0);
    }
    await checkA11y(page, "user-not-found");
    await page.getByRole("link", { name: en["notFound.user.back"] }).click();
    await page.getByRole("heading", { name: en["users.title"] }).waitFor();

    await page.goto(`${server.url}/t/users?roleId=${randomUUID()}`);
    await page.getByTestId("unknown-role").getByText(en["users.unknownRole"]).waitFor();
    await page.getByRole("row").filter({ hasText: longUser.email }).waitFor();
    await checkA11y(page, "users-unknown-role");
    await page.getByRole("button", { name: en["users.showAll"] }).click();
    await page.waitForURL((url) => !url.searchParams.has("roleId"));
    await page.getByTestId("unknown-role").waitFor({ state: "hidden" });
    await page.context().close();
  });

  it("'Forgot your password?' says who can reset it, and the recovery command for a platform admin", async () => {
    const page = await newPage(browser, "en-US", PHONE);
    await page.goto(`${server.url}/login`);
    const forgot = page.getByRole("button", { name: en["login.forgot"] });
    expect(await forgot.getAttribute("aria-expanded")).toBe("false");
    await forgot.click();
    const help = page.getByTestId("forgot-password");
    await help.getByText(en["login.forgotUser"]).waitFor();
    await help.getByText("npm run admin:recover <email>").waitFor();
    expect(await forgot.getAttribute("aria-expanded")).toBe("true");
    await expectNoHorizontalOverflow(page, PHONE.width, "the sign-in page");
    await checkA11y(page, "login-forgot-password");
    await page.context().close();
  });

  it("removing one's own admin rights asks first, names what is lost, and the menu follows at once", async () => {
    const page = await signedInPage(second.email, second.newPassword);
    const { pick } = formHelpers(page);
    await page.getByRole("link", { name: en["nav.settings"] }).waitFor();
    await page.getByRole("link", { name: en["nav.users"] }).click();
    await page.getByRole("row").filter({ hasText: second.email }).getByRole("link", { name: second.name }).click();
    await page.getByRole("heading", { name: second.name }).waitFor();
    await page.getByRole("button", { name: en["common.edit"] }).click();
    const roles = page.getByRole("textbox", { name: en["users.roles"], exact: true });
    await roles.click();
    await roles.press("Backspace");
    await pick(en["users.roles"], null, "Support");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: en["common.save"] }).click();

    const dialog = page.getByRole("dialog", { name: en["selfRoles.title"] });
    await dialog.waitFor();
    const lost = dialog.getByTestId("rights-lost");
    await lost.getByText(en["permission.settings.manage"]).waitFor();
    await lost.getByText(en["permission.roles.manage"]).waitFor();
    expect(await lost.innerText()).not.toContain(en["permission.users.read"]);
    await checkA11y(page, "self-demotion-dialog");
    await dialog.getByRole("button", { name: en["common.cancel"] }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await page.getByRole("link", { name: en["nav.settings"] }).isVisible()).toBe(true);

    await page.getByRole("button", { name: en["common.save"] }).click();
    await dialog.getByRole("button", { name: en["selfRoles.confirm"] }).click();
    await page.getByRole("link", { name: en["nav.settings"] }).waitFor({ state: "detached" });
    expect(await page.getByRole("link", { name: en["nav.roles"] }).count()).toBe(0);
    expect(await page.getByRole("link", { name: en["nav.audit"], exact: true }).isVisible()).toBe(true);
    await page.getByRole("heading", { name: second.name }).waitFor();
    expect(await page.getByRole("button", { name: en["common.edit"] }).count()).toBe(0);
    await checkA11y(page, "after-self-demotion");
    await page.context().close();
  });

  it("a session ended by an admin: the next action lands on the sign-in page, which says why in the user's language", async () => {
    const page = await signedInPage(member.email, member.newPassword, DESKTOP, "en-US");
    await page.getByRole("heading", { name: fr["users.title"] }).waitFor();
    const tenantAdmin = await apiClient(server.url);
    await tenantAdmin.mutate("auth.login", { email: admin.email, password: admin.newPassword, workspace: slug });
    await tenantAdmin.mutate("users.deactivate", { userId: memberId });
    await tenantAdmin.dispose();

    await page.getByRole("link", { name: fr["nav.audit"] }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    const notice = page.getByTestId("session-ended");
    await notice.getByText(fr["sessionEnd.title"]).waitFor();
    await notice.getByText(fr["sessionEnd.deactivated"]).waitFor();
    await page.getByRole("textbox", { name: fr["login.email"], exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
    await shot(page, "session-ended-deactivated-fr");
    await checkA11y(page, "session-ended-fr");
    await page.context().close();
  });

  it("signed out in another tab: this tab says so at once and keeps the unsaved form, which comes back after signing in", async () => {
    const page = await signedInPage(writer.email, writer.newPassword);
    await page.goto(`${server.url}/t/profile`);
    const name = page.getByRole("textbox", { name: en["common.name"], exact: true });
    await name.fill("Nadia Petit-Durand");

    const other = await page.context().newPage();
    await other.goto(`${server.url}/t/profile`);
    await other.getByRole("button", { name: en["nav.logout"] }).click();
    await other.waitForURL("**/login");

    await page.waitForURL((url) => url.pathname === "/login");
    const notice = page.getByTestId("session-ended");
    await notice.getByText(en["sessionEnd.signed_out"]).waitFor();
    await notice.getByText(en["sessionEnd.draftsKept"]).waitFor();
    expect(await page.getByRole("textbox", { name: en["login.email"], exact: true }).inputValue()).toBe(writer.email);
    await checkA11y(page, "session-ended-signed-out");

    await page.getByRole("textbox", { name: en["login.password"], exact: true }).fill(writer.newPassword);
    await page.getByRole("button", { name: en["login.submit"] }).click();
    await page.waitForURL((url) => url.pathname === "/t/profile");
    await page.getByText(en["drafts.restored"]).waitFor();
    expect(await name.inputValue()).toBe("Nadia Petit-Durand");
    await page.getByRole("button", { name: en["common.save"] }).click();
    await page.getByText(en["profile.saved"]).waitFor();
    await page.getByTestId("header-user-name").filter({ hasText: "Nadia Petit-Durand" }).waitFor();
    await page.context().close();
  });
});
