// The English finder the French walk relies on, on a page made for it: it must report catalogue English
// that is shown (text, accessible names), whole one-word labels only, and nothing hidden or typed by the user.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../src/app/i18n/en.js";
import { fr } from "../src/app/i18n/fr.js";
import { launchBrowser, newPage } from "./browser.js";
import { findEnglish } from "./english-leak.js";

let browser: Browser;

describe("findEnglish", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("reports shown English messages by key, and not French, hidden text, words inside sentences or the user's own strings", async () => {
    const page = await newPage(browser, "fr-FR");
    await page.setContent(`<title>${fr["nav.users"]} · Tenancy</title>
      <h1>${fr["nav.users"]}</h1>
      <p>${en["errors.unexpected"]}</p>
      <button aria-label="${en["nav.logout"]}">x</button>
      <p>Le ${en["common.status"]} du serveur</p>
      <p>${en["nav.roles"]} Manager</p>
      <div style="display:none">${en["nav.users"]}</div>`);
    const keys = (await findEnglish(page, [`${en["nav.roles"]} Manager`])).map((leak) => leak.key);
    expect(keys).toContain("errors.unexpected");
    expect(keys).toContain("nav.logout");
    expect(keys).not.toContain("common.status");
    expect(keys).not.toContain("nav.users");
    expect(keys).not.toContain("nav.roles");
    await page.context().close();
  });
});
