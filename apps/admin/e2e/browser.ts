// What the browser tests share: Debian's Chromium launched through playwright-core, a page's form helpers
// (fields by their accessible label, Mantine selects, the sign-in form), and a small tRPC client over HTTP
// for setting up data faster than through the UI. Every page is watched for Content Security Policy
// violations: the app must run under the API's CSP, so one fails the test (at the next settle or screenshot,
// and at the latest when the browser closes). `checkA11y` runs axe-core on what the page shows (WCAG 2.2
// A and AA rules) and checks the page's structure; the specs call it on every page and dialog they open.
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, request, type APIRequestContext, type Browser, type Locator, type Page } from "playwright-core";
import { en } from "../src/app/i18n/en.js";

export const screenshots = fileURLToPath(new URL("../test-results/", import.meta.url));

/** CSP violations Chromium reported on the console, per browser. */
const cspViolations = new WeakMap<Browser, string[]>();

function assertNoCspViolations(browser: Browser): void {
  const found = cspViolations.get(browser) ?? [];
  if (found.length > 0) throw new Error(`The admin app broke its Content Security Policy:\n${found.join("\n")}`);
}

export async function launchBrowser(): Promise<Browser> {
  await mkdir(screenshots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  cspViolations.set(browser, []);
  const close = browser.close.bind(browser);
  browser.close = async (options) => {
    await close(options);
    assertNoCspViolations(browser);
  };
  return browser;
}

export async function newPage(browser: Browser, locale = "en-US", viewport = { width: 1280, height: 860 }): Promise<Page> {
  const context = await browser.newContext({ locale, viewport, acceptDownloads: true });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      cspViolations.get(browser)?.push(`${page.url()}: ${message.text()}`);
    }
  });
  return page;
}

/** Waits for running CSS transitions (a modal fading in, a drawer sliding in), so screenshots show the end state. */
export async function settle(page: Page): Promise<void> {
  const browser = page.context().browser();
  if (browser) assertNoCspViolations(browser);
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
  });
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await settle(page);
  await page.screenshot({ path: `${screenshots}${name}.png`, fullPage: options.fullPage ?? false });
}

/** The WCAG 2.0, 2.1 and 2.2 rules of levels A and AA: the bar the admin app is held to. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
type AxeRule = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];
/** Impacts that fail a test; minor and moderate findings are printed only. */
const FAILING_IMPACTS = new Set(["serious", "critical"]);

function describeRule(rule: AxeRule): string {
  const nodes = rule.nodes.slice(0, 3).map((node) => {
    const contrast = node.any.find((check) => check.id === "color-contrast")?.data as
      | { fgColor?: string; bgColor?: string; contrastRatio?: number; expectedContrastRatio?: string }
      | undefined;
    const detail = contrast?.contrastRatio ? ` (${contrast.fgColor} on ${contrast.bgColor}: ${contrast.contrastRatio}, needs ${contrast.expectedContrastRatio})` : "";
    return `      ${node.target.join(" ")}${detail}`;
  });
  const more = rule.nodes.length > 3 ? [`      … and ${rule.nodes.length - 3} more`] : [];
  return [`    ${rule.id} [${rule.impact}] × ${rule.nodes.length}: ${rule.help}`, ...nodes, ...more].join("\n");
}

/**
 * Accessibility check of what the page shows now (call it after each navigation, and after opening a dialog
 * or a drawer): axe-core with the WCAG A/AA rules finds no serious or critical violation; the page has one
 * h1; the document title names the page before the app's name ("Users · Acme · Tenancy"). Fails with a
 * short summary of what was found.
 */
export async function checkA11y(page: Page, name: string): Promise<void> {
  await settle(page);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const failing = results.violations.filter((rule) => FAILING_IMPACTS.has(rule.impact ?? ""));
  const minor = results.violations.filter((rule) => !FAILING_IMPACTS.has(rule.impact ?? ""));
  if (minor.length > 0) console.warn(`axe, ${name} (${page.url()}): minor or moderate findings\n${minor.map(describeRule).join("\n")}`);
  if (failing.length > 0) {
    throw new Error(`axe found serious or critical violations on ${name} (${page.url()}):\n${failing.map(describeRule).join("\n")}`);
  }

  const { headings, title } = await page.evaluate(() => ({
    headings: [...document.querySelectorAll("h1")].map((h1) => h1.textContent?.trim() ?? ""),
    title: document.title,
  }));
  if (headings.length !== 1) throw new Error(`${name} (${page.url()}) has ${headings.length} h1 headings, not one: ${JSON.stringify(headings)}`);
  const parts = title.split(" · ");
  if (parts.length < 2 || parts.at(-1) !== en["app.name"] || parts.some((part) => part.trim() === "")) {
    throw new Error(`${name} (${page.url()}): the document title "${title}" does not name the page ("Page · … · ${en["app.name"]}")`);
  }
}

/** Whether the element has the keyboard focus. */
export function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

export function formHelpers(page: Page) {
  /** The input of a labelled field, by its accessible name (Mantine's " *" on required fields is aria-hidden). */
  const field = (label: string) => page.getByRole("textbox", { name: label, exact: true });
  return {
    field,
    /** Opens a Mantine select by its label, optionally types to search, and clicks an option. */
    async pick(label: string, search: string | null, option: string) {
      const input = field(label);
      await input.click();
      if (search !== null) await input.fill(search);
      await page.getByRole("option", { name: option, exact: true }).click();
    },
    async signIn(email: string, password: string) {
      await field(en["login.email"]).fill(email);
      await field(en["login.password"]).fill(password);
      await page.getByRole("button", { name: en["login.submit"] }).click();
    },
  };
}

/** A tRPC caller over HTTP with its own cookie jar (one per principal), speaking superjson's plain-JSON form. */
export async function apiClient(baseURL: string) {
  const context: APIRequestContext = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  return {
    async mutate<T = unknown>(path: string, input: unknown): Promise<T> {
      const response = await context.post(`/trpc/${path}`, { data: { json: input } });
      const body = (await response.json()) as { result?: { data?: { json?: T } }; error?: { json?: { message?: string } } };
      if (!response.ok()) throw new Error(`${path} failed (${response.status()}): ${body.error?.json?.message ?? JSON.stringify(body)}`);
      return body.result?.data?.json as T;
    },
    async query<T = unknown>(path: string, input?: unknown): Promise<T> {
      const search = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
      const response = await context.get(`/trpc/${path}${search}`);
      const body = (await response.json()) as { result?: { data?: { json?: T } }; error?: { json?: { message?: string } } };
      if (!response.ok()) throw new Error(`${path} failed (${response.status()}): ${body.error?.json?.message ?? JSON.stringify(body)}`);
      return body.result?.data?.json as T;
    },
    dispose: () => context.dispose(),
  };
}

export type ApiClient = Awaited<ReturnType<typeof apiClient>>;

export interface TenantSetup {
  name: string;
  slug: string;
  contactEmail: string;
  language?: "en" | "fr";
  /** Its admin: created with `password` (one-time), which is replaced by `newPassword` at once. */
  admin: { email: string; name: string; password: string; newPassword: string };
}

/**
 * A tenant (in France, on Paris time, in euros) created over HTTP by a platform admin, its admin signed in
 * once to replace the one-time password. Returns a client signed in as that admin; dispose it when done.
 */
export async function createTenant(serverUrl: string, platformAdmin: { email: string; password: string }, tenant: TenantSetup): Promise<ApiClient> {
  const platform = await apiClient(serverUrl);
  try {
    await platform.mutate("auth.login", { email: platformAdmin.email, password: platformAdmin.password });
    await platform.mutate("platform.tenants.create", {
      name: tenant.name,
      slug: tenant.slug,
      contactEmail: tenant.contactEmail,
      country: "FR",
      timeZone: "Europe/Paris",
      currency: "EUR",
      language: tenant.language ?? "en",
      admin: { email: tenant.admin.email, name: tenant.admin.name, password: tenant.admin.password },
    });
  } finally {
    await platform.dispose();
  }
  const tenantAdmin = await apiClient(serverUrl);
  await tenantAdmin.mutate("auth.login", { email: tenant.admin.email, password: tenant.admin.password, workspace: tenant.slug });
  await tenantAdmin.mutate("auth.changePassword", { currentPassword: tenant.admin.password, newPassword: tenant.admin.newPassword });
  return tenantAdmin;
}
