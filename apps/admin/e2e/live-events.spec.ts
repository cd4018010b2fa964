// Live events in a real browser against the real API, its dispatcher running in process: a tenant admin
// keeps the live events page open; the same admin acts from another client (creates roles) and each event
// appears without a reload. The page then goes offline; roles created meanwhile appear once each when it is
// back online (the stream resumes after the last event id). The event catalog shows every type in both areas.
import type { Browser, Page } from "playwright-core";
import { EVENT_TYPES } from "@tenancy/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../src/app/i18n/en.js";
import { startApiServer, type ApiServer } from "./api-server.js";
import { checkA11y, createTenant, formHelpers, launchBrowser, newPage, type ApiClient } from "./browser.js";

// Unique per run, so the test also passes against a reused PostgreSQL database.
const run = Date.now().toString(36);
const platformAdmin = { email: "ops@example.com", password: "orbit-lantern-harbor-2025" };
const slug = `live-${run}`;
const admin = { email: `admin-${run}@live.example`, name: "Live Admin", password: "live-first-passphrase-1", newPassword: "live-own-passphrase-22" };

let server: ApiServer;
let browser: Browser;
let page: Page;
let actor: ApiClient;

/** The live table's rows that mention `text` (the role's name is in the event's payload). */
const rowsWith = (text: string) => page.locator("tbody tr").filter({ hasText: text });

describe("live events", () => {
  beforeAll(async () => {
    server = await startApiServer(platformAdmin);
    browser = await launchBrowser();
    actor = await createTenant(server.url, platformAdmin, { name: "Live Workshop", slug, contactEmail: `contact-${run}@live.example`, admin });
    page = await newPage(browser);
  });

  afterAll(async () => {
    await actor?.dispose();
    await browser?.close();
    await server?.stop();
  });

  it("shows an event made in another client without a reload", async () => {
    await page.goto(`${server.url}/login?workspace=${slug}`);
    await formHelpers(page).signIn(admin.email, admin.newPassword);
    await page.waitForURL((url) => url.pathname === "/t");
    await page.getByRole("link", { name: en["events.nav.live"] }).click();
    await page.waitForURL("**/t/events/live");
    await page.getByRole("heading", { name: en["events.live.title"], level: 1 }).waitFor();
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await page.getByText(en["events.live.empty"]).waitFor();
    await checkA11y(page, "live-events-empty");

    await actor.mutate("roles.create", { name: `Seen live ${run}`, permissions: [] });
    await rowsWith(`Seen live ${run}`).waitFor({ timeout: 10_000 });
    expect(await rowsWith(`Seen live ${run}`).count()).toBe(1);
    await expect(rowsWith(`Seen live ${run}`).textContent()).resolves.toContain("Role created");
    await checkA11y(page, "live-events");
  });

  it("after going offline and back, shows the events made meanwhile once each", async () => {
    // The stream really drops and reconnects (with the last event id), rather than surviving the outage.
    const streams: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/trpc/events.live") streams.push(new URL(request.url()).searchParams.get("input") ?? "{}");
    });
    await page.context().setOffline(true);
    await page.locator('[data-testid="live-status"][data-status="reconnecting"]').waitFor();
    await actor.mutate("roles.create", { name: `Offline one ${run}`, permissions: [] });
    await actor.mutate("roles.create", { name: `Offline two ${run}`, permissions: [] });
    await page.waitForTimeout(1_500);
    await page.context().setOffline(false);
    await rowsWith(`Offline one ${run}`).waitFor({ timeout: 45_000 });
    await rowsWith(`Offline two ${run}`).waitFor({ timeout: 10_000 });
    // One more after the reconnect, so anything repeated by the resume would be in the table by now.
    await actor.mutate("roles.create", { name: `Back online ${run}`, permissions: [] });
    await rowsWith(`Back online ${run}`).waitFor({ timeout: 10_000 });
    for (const name of [`Seen live ${run}`, `Offline one ${run}`, `Offline two ${run}`, `Back online ${run}`]) expect(await rowsWith(name).count(), name).toBe(1);
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    expect(streams).toHaveLength(1);
    expect(JSON.parse(streams[0]!)).toMatchObject({ json: { lastEventId: expect.stringMatching(/^\d+$/) } });
  });

  it("pauses and, on resume, shows what happened meanwhile", async () => {
    await page.getByTestId("live-pause").click();
    await page.locator('[data-testid="live-status"][data-status="paused"]').waitFor();
    await actor.mutate("roles.create", { name: `While paused ${run}`, permissions: [] });
    await page.waitForTimeout(1_000);
    expect(await rowsWith(`While paused ${run}`).count()).toBe(0);
    await page.getByTestId("live-pause").click();
    await rowsWith(`While paused ${run}`).waitFor({ timeout: 10_000 });
    expect(await rowsWith(`Back online ${run}`).count()).toBe(1);
  });

  it("the event catalog lists every event type, searchable, with its schema and sample", async () => {
    await page.getByRole("link", { name: en["events.nav.catalog"] }).first().click();
    await page.waitForURL("**/t/events/catalog");
    await page.getByTestId("event-catalog").waitFor();
    expect(await page.locator("[data-event-type]").count()).toBe(EVENT_TYPES.length);
    await page.getByTestId("catalog-search").fill("role.created");
    await expect.poll(() => page.locator("[data-event-type]").count()).toBe(1);
    await page.locator('[data-event-type="role.created"] button').first().click();
    await page.getByText(en["events.catalog.schema"]).waitFor();
    await page.getByText('"roleId"').first().waitFor();
    await checkA11y(page, "event-catalog");
  });

  it("platform admins reach the same catalog under /platform/events", async () => {
    const platformPage = await newPage(browser);
    await platformPage.goto(`${server.url}/login`);
    await formHelpers(platformPage).signIn(platformAdmin.email, platformAdmin.password);
    await platformPage.waitForURL("**/platform/**");
    await platformPage.getByRole("link", { name: en["events.nav.catalog"] }).click();
    await platformPage.waitForURL("**/platform/events");
    await platformPage.getByTestId("event-catalog").waitFor();
    expect(await platformPage.locator("[data-event-type]").count()).toBe(EVENT_TYPES.length);
    await checkA11y(platformPage, "platform-event-catalog");
  });
});
