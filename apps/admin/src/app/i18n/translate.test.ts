import { describe, expect, it } from "vitest";
import { en } from "./en.js";
import { fr } from "./fr.js";
import { catalogLanguage, createTranslator, formatMessage, preferredLocale, type Message } from "./translate.js";

/** ICU versions differ on which space (narrow, no-break, plain) separates groups and units; compare words. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

const placeholders = (message: Message) =>
  [...(typeof message === "string" ? message : `${message.one} ${message.other}`).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("catalogs", () => {
  it("French has every English key, with the same placeholders and plural shape", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
      expect(typeof fr[key], key).toBe(typeof en[key]);
    }
  });

  it("French translates instead of copying the English text", () => {
    const same = (Object.keys(en) as (keyof typeof en)[]).filter((key) => typeof en[key] === "string" && en[key] === fr[key]);
    expect(same.sort()).toEqual(["analytics.module", "analytics.notApplicable", "app.name", "audit.action", "audit.module", "common.email", "field.code", "field.description", "field.email", "field.module", "field.sessions", "field.total", "field.version", "invoice.total", "invoices.total", "login.email", "moduleCategory.communication", "nav.platformModules", "notif.bell.title", "notif.form.templates", "notif.inbox.module", "notif.inbox.notification", "notif.inbox.title", "notif.nav.inbox", "platformCatalog.category.communication", "platformCatalog.changePolicyShort.standard", "platformInvoices.total", "platformModule.field.description", "platformModule.section.general", "platformModules.title", "platformPlan.field.code", "platformPlans.version", "platformPlans.versionColumn", "preview.total", "subscriptions.module", "targetType.module"]);
  });
});

describe("t", () => {
  it("fills placeholders in the locale's language", () => {
    expect(createTranslator("en")("dashboard.welcome", { name: "Ada" })).toBe("Welcome, Ada");
    expect(createTranslator("fr-CA")("dashboard.welcome", { name: "Ada" })).toBe("Bienvenue, Ada");
  });

  it("picks the plural form by the locale's rules and formats the count", () => {
    const tEn = createTranslator("en");
    expect(tEn("tenants.total", { count: 1 })).toBe("1 tenant in total");
    expect(tEn("tenants.total", { count: 0 })).toBe("0 tenants in total");
    expect(tEn("tenants.total", { count: 1234 })).toBe("1,234 tenants in total");
    const tFr = createTranslator("fr");
    // French treats 0 as singular.
    expect(tFr("tenants.total", { count: 0 })).toBe("0 client au total");
    expect(tFr("tenants.total", { count: 2 })).toBe("2 clients au total");
    expect(plain(tFr("tenants.total", { count: 1234 }))).toBe("1 234 clients au total");
  });

  it("falls back to English for a language without a catalog", () => {
    expect(createTranslator("de-DE")("nav.logout")).toBe("Log out");
  });
});

describe("language choice", () => {
  it("maps a BCP 47 tag to its catalog, English when unknown or malformed", () => {
    expect(catalogLanguage("fr-CA")).toBe("fr");
    expect(catalogLanguage("en-GB")).toBe("en");
    expect(catalogLanguage("de")).toBe("en");
    expect(catalogLanguage("not a tag!")).toBe("en");
    expect(catalogLanguage(null)).toBe("en");
  });

  it("takes the first browser language that has a catalog, keeping its region", () => {
    expect(preferredLocale(["de-DE", "fr-BE", "en"])).toBe("fr-BE");
    expect(preferredLocale(["es", "it"])).toBe("en");
    expect(preferredLocale([])).toBe("en");
  });

  it("leaves an unknown placeholder visible rather than inventing a value", () => {
    expect(formatMessage("Hello {name} {missing}", { name: "Ada" }, "en")).toBe("Hello Ada {missing}");
  });
});
