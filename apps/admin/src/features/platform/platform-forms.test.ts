import { UpdatePlatformProfileInput } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import { createFormatters } from "../../app/i18n/format.js";
import { createTranslator } from "../../app/i18n/translate.js";
import { zodResolver } from "../../app/zod-form.js";
import { actorLabel, suspensionReason } from "./audit-page.js";
import { BROWSER_LANGUAGE, platformLanguageOptions, profileValues, toProfileInput } from "./profile-page.js";
import { normalizedSlug } from "./tenant-detail-page.js";

describe("the platform profile form", () => {
  it("shows no language of one's own as the browser's, and sends only what changed, the browser's as null", () => {
    const before = profileValues({ name: "Ada", language: null });
    expect(before).toEqual({ name: "Ada", language: BROWSER_LANGUAGE });
    const prepare = toProfileInput(before);
    expect(prepare({ name: "Ada", language: "fr" })).toEqual({ language: "fr" });
    expect(prepare({ name: " Ada Lovelace ", language: BROWSER_LANGUAGE })).toEqual({ name: " Ada Lovelace " });
    expect(toProfileInput(profileValues({ name: "Ada", language: "fr" }))({ name: "Ada", language: BROWSER_LANGUAGE })).toEqual({ language: null });
    expect(zodResolver(UpdatePlatformProfileInput, prepare)({ name: "  ", language: BROWSER_LANGUAGE })).toHaveProperty("name");
  });

  it("offers the browser's language, named, then each language named in itself", () => {
    const t = createTranslator("fr");
    const fmt = createFormatters({ locale: "fr", timeZone: "UTC", currency: "EUR" });
    const options = platformLanguageOptions({ t, fmt }, ["de-DE", "fr-CA", "en"]);
    expect(options).toEqual([
      { value: BROWSER_LANGUAGE, label: "La langue de mon navigateur (français canadien)" },
      { value: "en", label: "English" },
      { value: "fr", label: "Français" },
    ]);
    expect(platformLanguageOptions({ t, fmt }, ["de"])[0]!.label).toBe("La langue de mon navigateur (anglais)");
  });
});

describe("the platform audit page", () => {
  const t = createTranslator("en");
  it("names actors, never by id: the system and a sign-in without a name too", () => {
    expect(actorLabel(t, { type: "platform_admin", id: "x", name: "Ada" })).toBe("Ada");
    expect(actorLabel(t, { type: "system", id: null, name: "system" })).toBe("The system");
    expect(actorLabel(t, { type: "anonymous", id: null, name: null })).toBe("Someone not signed in");
  });

  it("finds a suspension's reason in its changes, and nothing elsewhere", () => {
    expect(suspensionReason({ action: "tenant.suspended", changes: { status: { from: "active", to: "suspended" }, reason: "Unpaid" } })).toBe("Unpaid");
    expect(suspensionReason({ action: "tenant.suspended", changes: { status: { from: "active", to: "suspended" } } })).toBeNull();
    expect(suspensionReason({ action: "tenant.updated", changes: { reason: "x" } })).toBeNull();
  });
});

describe("the tenant's slug", () => {
  it("is compared as the API stores it, so only a real change asks for confirmation", () => {
    expect(normalizedSlug("  Bistro-Lyon ")).toBe("bistro-lyon");
  });
});
