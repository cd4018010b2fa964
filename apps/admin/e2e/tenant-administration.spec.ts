// A tenant admin runs their workspace in a real browser against the real API: a custom role and a user
// holding it (generated password shown once); deactivation locks the user out, reactivation and a password
// reset let them in with a temporary password they must change; the workspace switches to French at once;
// in French, a form's own checks and the server's refusal (an e-mail already taken) speak French; the
// audit log, filtered by action, shows exactly the deactivation, in words, in detail, exports it as a French
// CSV, and its hash chain verifies. The tenant is set up over HTTP; screenshots go to test-results/.
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../src/app/i18n/en.js";
import { fr } from "../src/app/i18n/fr.js";
import { startApiServer, type ApiServer } from "./api-server.js";
import { checkA11y, createTenant, formHelpers, hasFocus, launchBrowser, newPage, screenshot as shot } from "./browser.js";

// Unique per run, so the test also passes against a reused PostgreSQL database.
const run = Date.now().toString(36);
const platformAdmin = { email: "ops@example.com", password: "orbit-lantern-harbor-2025" };
const slug = `atelier-${run}`;
const admin = { email: `claire-${run}@atelier.example`, name: "Claire Martin", password: "temporary-atelier-key-42", newPassword: "claire-own-workshop-phrase" };
const member = { email: `hugo-${run}@atelier.example`, name: "Hugo Bernard", newPassword: "hugo-chooses-a-long-phrase" };
const role = { name: "Support agent", description: "Answers customers; reads users and the audit log." };

let server: ApiServer;
let browser: Browser;
/** The tenant admin's browser. */
let page: Page;
/** The new user's browser, with its own cookies. */
let memberPage: Page;
let generatedPassword = "";
let temporaryPassword = "";

describe("tenant administration", () => {
  beforeAll(async () => {
    server = await startApiServer(platformAdmin);
    browser = await launchBrowser();

    const tenantAdmin = await createTenant(server.url, platformAdmin, { name: "Atelier Lumen", slug, contactEmail: `contact-${run}@atelier.example`, admin });
    await tenantAdmin.dispose();

    page = await newPage(browser);
    memberPage = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a tenant admin creates a custom role, then a user holding it, whose generated password is shown once", async () => {
    const { field, pick, signIn } = formHelpers(page);
    await page.goto(`${server.url}/login?workspace=${slug}`);
    await signIn(admin.email, admin.newPassword);
    await page.waitForURL((url) => url.pathname === "/t");
    await page.getByText(en["dashboard.activeUsers"]).waitFor();
    await checkA11y(page, "dashboard");
    expect(await page.title()).toBe(`${en["nav.dashboard"]} · Atelier Lumen · ${en["app.name"]}`);
    // The keyboard's first stop is the skip link, which leads past the header and navigation to the page.
    await page.reload();
    await page.getByText(en["dashboard.activeUsers"]).waitFor();
    await page.keyboard.press("Tab");
    const skipLink = page.getByRole("link", { name: en["nav.skipToContent"] });
    expect(await hasFocus(skipLink)).toBe(true);
    await page.keyboard.press("Enter");
    expect(await hasFocus(page.getByRole("main"))).toBe(true);

    await page.getByRole("link", { name: en["nav.roles"] }).click();
    await page.getByRole("heading", { name: en["roles.title"] }).waitFor();
    await page.getByText(en["roles.builtIn"], { exact: true }).waitFor();
    await checkA11y(page, "roles");
    await page.getByRole("button", { name: en["roles.new"] }).click();
    const roleDialog = page.getByRole("dialog");
    await roleDialog.getByRole("textbox", { name: en["roles.field.name"], exact: true }).fill(role.name);
    await roleDialog.getByRole("textbox", { name: en["roles.field.description"], exact: true }).fill(role.description);
    await roleDialog.getByRole("checkbox", { name: en["permissionName.users.read"], exact: true }).check();
    await roleDialog.getByRole("checkbox", { name: en["permissionName.audit.read"], exact: true }).check();
    await roleDialog.getByText(en["permission.roles.manage"]).waitFor();
    await shot(page, "tenant-admin-role-form");
    await checkA11y(page, "role-dialog");
    await roleDialog.getByRole("button", { name: en["roles.create"] }).click();
    await roleDialog.waitFor({ state: "hidden" });
    const roleRow = page.getByRole("row").filter({ hasText: role.name });
    await roleRow.getByText(en["permissionName.audit.read"], { exact: true }).waitFor();
    // The built-in role by its name in the viewer's language, not as stored.
    await page.getByRole("row").filter({ hasText: en["role.tenant_admin.name"] }).getByText(en["roles.allPermissions"]).waitFor();
    await shot(page, "tenant-admin-roles");
    await checkA11y(page, "roles-with-custom-role");

    await page.getByRole("link", { name: en["nav.users"] }).click();
    await page.getByRole("heading", { name: en["users.title"] }).waitFor();
    await page.getByRole("cell", { name: admin.email }).waitFor();
    await checkA11y(page, "users");
    await page.getByRole("button", { name: en["users.new"] }).click();
    const userDialog = page.getByRole("dialog");
    await userDialog.waitFor();
    await checkA11y(page, "user-dialog");
    await userDialog.getByRole("textbox", { name: en["common.email"], exact: true }).fill(member.email);
    await userDialog.getByRole("textbox", { name: en["common.name"], exact: true }).fill(member.name);
    await pick(en["users.roles"], null, role.name);
    await page.keyboard.press("Escape");
    await checkA11y(page, "user-dialog-filled");
    await userDialog.getByRole("button", { name: en["users.create"] }).click();
    const secret = page.getByTestId("one-time-secret");
    await secret.waitFor();
    generatedPassword = (await secret.innerText()).trim();
    expect(generatedPassword.length).toBeGreaterThanOrEqual(12);
    const memberRow = page.getByRole("row").filter({ hasText: member.email });
    await memberRow.getByText(role.name, { exact: true }).waitFor();
    await memberRow.getByText(en["admins.temporaryPassword"]).waitFor();
    expect(await field(en["common.search"]).isVisible()).toBe(true);
    await shot(page, "tenant-admin-users");
    await checkA11y(page, "users-with-secret");
  });

  it("deactivating the user locks them out; after reactivation and a reset they sign in with the temporary password and must change it", async () => {
    const memberForm = formHelpers(memberPage);
    await page.getByRole("link", { name: member.name }).click();
    await page.getByRole("heading", { name: member.name }).waitFor();
    await checkA11y(page, "user-detail");

    await page.getByRole("button", { name: en["admins.deactivate"] }).click();
    await page.getByRole("dialog").waitFor();
    await checkA11y(page, "user-deactivate-dialog");
    await page.getByRole("dialog").getByRole("button", { name: en["admins.deactivate"] }).click();
    await page.getByRole("button", { name: en["admins.reactivate"] }).waitFor();
    await page.getByText(en["users.deactivated"].replace("{email}", member.email)).waitFor();

    await memberPage.goto(`${server.url}/login?workspace=${slug}`);
    await memberForm.signIn(member.email, generatedPassword);
    const refused = memberPage.getByRole("alert").filter({ hasText: en["login.failed"] });
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/deactivated/i);
    await checkA11y(memberPage, "login-deactivated");

    await page.getByRole("button", { name: en["admins.reactivate"] }).click();
    await page.getByRole("dialog").waitFor();
    await checkA11y(page, "user-reactivate-dialog");
    await page.getByRole("dialog").getByRole("button", { name: en["admins.reactivate"] }).click();
    await page.getByRole("button", { name: en["admins.deactivate"] }).waitFor();

    await page.getByRole("button", { name: en["admins.reset"] }).click();
    await page.getByRole("dialog").waitFor();
    await checkA11y(page, "user-reset-dialog");
    await page.getByRole("dialog").getByRole("button", { name: en["admins.reset"] }).click();
    const secret = page.getByTestId("one-time-secret");
    await secret.waitFor();
    temporaryPassword = (await secret.innerText()).trim();
    expect(temporaryPassword).not.toBe(generatedPassword);
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await shot(page, "tenant-admin-user-detail");
    await checkA11y(page, "user-detail-secret");

    await memberForm.signIn(member.email, temporaryPassword);
    await memberPage.waitForURL("**/change-password");
    await memberPage.getByRole("heading", { name: en["password.title"] }).waitFor();
    await checkA11y(memberPage, "change-password");
    await memberForm.field(en["password.current"]).fill(temporaryPassword);
    await memberForm.field(en["password.new"]).fill(member.newPassword);
    await memberForm.field(en["password.confirm"]).fill(member.newPassword);
    await memberPage.getByRole("button", { name: en["password.submit"] }).click();
    // Their role gives users.read and audit.read: the users list is their home, without the admin's actions.
    await memberPage.waitForURL((url) => url.pathname === "/t/users");
    await memberPage.getByRole("cell", { name: member.email }).waitFor();
    expect(await memberPage.getByRole("button", { name: en["users.new"] }).count()).toBe(0);
    expect(await memberPage.getByRole("link", { name: en["nav.settings"] }).count()).toBe(0);
    expect(await memberPage.getByRole("link", { name: en["nav.audit"] }).isVisible()).toBe(true);
    await checkA11y(memberPage, "member-users");
  });

  it("switching the workspace to French switches the app at once; a user may keep English for themselves", async () => {
    const { pick } = formHelpers(page);
    await page.getByRole("link", { name: en["nav.settings"] }).click();
    await page.getByRole("heading", { name: en["settings.title"] }).waitFor();
    await checkA11y(page, "settings");
    const localization = page.getByRole("group", { name: en["tenant.section.localization"] });
    await pick(en["tenant.field.language"], null, "French (fr)");
    await localization.getByRole("button", { name: en["common.save"] }).click();

    await page.getByRole("heading", { name: fr["settings.title"] }).waitFor();
    await page.getByRole("link", { name: fr["nav.users"] }).waitFor();
    await page.getByText(fr["settings.saved"]).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
    await page.getByRole("group", { name: fr["tenant.section.localization"] }).scrollIntoViewIfNeeded();
    await shot(page, "tenant-admin-settings-fr");
    await checkA11y(page, "settings-fr");

    const memberForm = formHelpers(memberPage);
    await memberPage.reload();
    await memberPage.getByRole("heading", { name: fr["users.title"] }).waitFor();
    await memberPage.getByTestId("header-user-name").click();
    await memberPage.getByRole("heading", { name: fr["profile.title"] }).waitFor();
    await checkA11y(memberPage, "profile-fr");
    await memberForm.pick(fr["users.language"], null, "anglais (en)");
    await memberPage.getByRole("button", { name: fr["common.save"] }).click();
    await memberPage.getByRole("heading", { name: en["profile.title"] }).waitFor();
    await memberPage.getByText(en["profile.saved"]).waitFor();
    await memberPage.getByRole("link", { name: en["nav.users"] }).waitFor();
    await shot(memberPage, "tenant-admin-profile");
    await checkA11y(memberPage, "profile-en");
  });

  it("in French, the user form's own checks and the server's refusal of an e-mail already taken speak French", async () => {
    const { field, pick } = formHelpers(page);
    await page.getByRole("link", { name: fr["nav.users"] }).click();
    await page.getByRole("heading", { name: fr["users.title"] }).waitFor();
    await page.getByRole("button", { name: fr["users.new"] }).click();
    const userDialog = page.getByRole("dialog");
    await userDialog.waitFor();

    // Checked in the browser by the contracts' schema, worded from its message keys.
    await userDialog.getByRole("button", { name: fr["users.create"] }).click();
    await userDialog.getByText(fr["validation.email.invalid"]).waitFor();
    await userDialog.getByText(fr["validation.name.required"]).waitFor();
    await userDialog.getByText(fr["validation.user.rolesRequired"]).waitFor();
    expect(await userDialog.innerText()).not.toMatch(/Enter a valid e-mail|Enter a name/);
    await checkA11y(page, "user-dialog-invalid-fr");

    // Refused by the server (EMAIL_TAKEN): its code worded in French, on the field and in the notification.
    await field(fr["common.email"]).fill(member.email);
    await field(fr["common.name"]).fill("Hugo Bis");
    await pick(fr["users.roles"], null, role.name);
    await page.keyboard.press("Escape");
    await userDialog.getByRole("button", { name: fr["users.create"] }).click();
    await userDialog.getByText(fr["error.EMAIL_TAKEN"]).waitFor();
    expect(await page.getByText(fr["error.EMAIL_TAKEN"]).count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator("body").innerText()).not.toMatch(/already exists/);
    await shot(page, "tenant-admin-user-email-taken-fr");
    await checkA11y(page, "user-dialog-email-taken-fr");
    await userDialog.getByRole("button", { name: fr["common.cancel"] }).click();
    await userDialog.waitFor({ state: "hidden" });
  });

  it("the audit log filtered by user.deactivated shows exactly that entry, in detail; the CSV export holds it; the chain verifies", async () => {
    const { pick } = formHelpers(page);
    await page.getByRole("link", { name: fr["nav.audit"] }).click();
    await page.getByRole("heading", { name: fr["audit.title"] }).waitFor();
    await page.getByRole("cell", { name: fr["eventName.user.created"] }).first().waitFor();
    expect(await page.getByRole("cell", { name: "user.created" }).count()).toBe(0);
    await checkA11y(page, "audit-fr");

    await pick(fr["audit.action"], fr["eventName.user.deactivated"], fr["eventName.user.deactivated"]);
    await page.waitForURL((url) => url.searchParams.get("action") === "user.deactivated");
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    await rows.first().getByRole("cell", { name: fr["eventName.user.deactivated"] }).waitFor();
    expect(await rows.first().innerText()).toContain(member.email);
    expect(await rows.first().innerText()).toContain(admin.name);
    await shot(page, "tenant-admin-audit-filtered");
    await checkA11y(page, "audit-filtered-fr");

    await rows.first().getByRole("button", { name: fr["audit.details"] }).click();
    const changes = page.getByTestId("audit-changes");
    await changes.waitFor();
    const changeRow = changes.getByRole("row").filter({ hasText: fr["field.status"] });
    expect((await changeRow.innerText()).replace(/\s+/g, " ")).toContain(`${fr["status.active"]} ${fr["status.deactivated"]}`);
    const entry = page.getByTestId("audit-entry");
    await entry.getByText(fr["event.user.deactivated"]).waitFor();
    expect(await entry.innerText()).toContain(`(${fr["targetType.user"]})`);
    await shot(page, "tenant-admin-audit-detail");
    await checkA11y(page, "audit-entry-drawer-fr");
    // Narrowing the log to the entry's target: the target filter names the user, not their id.
    await entry.getByRole("button", { name: fr["audit.filterByTarget"] }).click();
    await changes.waitFor({ state: "hidden" });
    await page.waitForURL((url) => url.searchParams.has("targetId"));
    const targetField = page.getByRole("textbox", { name: fr["audit.target"], exact: true });
    await expect.poll(() => targetField.inputValue(), { timeout: 10_000 }).toContain(member.email);
    expect(await targetField.inputValue()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: fr["audit.export"] }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^audit-log-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    // A French workspace: French headers and words, ";" between cells (French writes decimals with a comma).
    expect(lines[0]).toMatch(/^Identifiant de l'entrée;Heure \(UTC\);Heure \(Europe\/Paris\);Événement;Code de l'événement;/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`;${fr["eventName.user.deactivated"]};user.deactivated;`);
    expect(lines[1]).toContain(member.email);

    await page.getByRole("button", { name: fr["audit.verify"] }).click();
    const report = page.getByTestId("verify-report");
    await report.waitFor();
    expect(await report.innerText()).toContain(fr["audit.verifyOk"]);
    await shot(page, "tenant-admin-audit-verify");
    await checkA11y(page, "audit-verify-dialog-fr");
  });
});
