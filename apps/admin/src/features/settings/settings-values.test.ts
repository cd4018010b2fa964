import { SPEND_CAP_MAX, UpdateSettingsInput, type Settings } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import { zodResolver } from "../../app/zod-form.js";
import { complianceValues, generalValues, localizationValues, retentionProblems, spendCapAboveMax, spendCapToMinor, toComplianceInput } from "./settings-values.js";

const settings: Settings = {
  general: { name: "Acme", slug: "acme", legalName: null, contactEmail: "ops@acme.test", phone: null, addressLine: null, city: "Lyon", postalCode: null, country: "FR" },
  localization: { timeZone: "Europe/Paris", currency: "EUR", language: "fr", dateFormat: "dd/MM/yyyy", numberFormat: "1 234,56" },
  compliance: { auditRetentionDays: 365, notificationRetentionDays: 30, deliveryLogRetentionDays: 14, eventRetentionDays: 30, keepAuditIpAndUserAgent: true, maskPersonalDataInExports: false },
};

describe("settings sections", () => {
  it("are valid as loaded, each under its group's name so the contracts' paths name the fields", () => {
    expect(generalValues(settings).general.legalName).toBe("");
    expect(zodResolver(UpdateSettingsInput)(generalValues(settings))).toEqual({});
    expect(zodResolver(UpdateSettingsInput)(localizationValues(settings))).toEqual({});
    expect(zodResolver(UpdateSettingsInput, toComplianceInput)(complianceValues(settings))).toEqual({});
  });

  it("report the contracts' limits under the field's path", () => {
    const general = zodResolver(UpdateSettingsInput)({ general: { ...generalValues(settings).general, contactEmail: "nope", country: "XX" } });
    expect(Object.keys(general).sort()).toEqual(["general.contactEmail", "general.country"]);
    const localization = zodResolver(UpdateSettingsInput)({ localization: { ...settings.localization, timeZone: "Mars/Olympus" } });
    expect(Object.keys(localization)).toEqual(["localization.timeZone"]);
    const compliance = zodResolver(UpdateSettingsInput, toComplianceInput)({
      compliance: { ...settings.compliance, auditRetentionDays: 29, notificationRetentionDays: "", deliveryLogRetentionDays: 4000 },
    });
    expect(compliance["compliance.auditRetentionDays"]).toMatch(/at least 30 days/);
    expect(Object.keys(compliance).sort()).toEqual(["compliance.auditRetentionDays", "compliance.deliveryLogRetentionDays", "compliance.notificationRetentionDays"]);
  });
});

describe("retention periods", () => {
  it("keep a value typed below the minimum and say so, rather than rewriting it", () => {
    const typed = { compliance: { ...settings.compliance, auditRetentionDays: 5, notificationRetentionDays: "", deliveryLogRetentionDays: 4000 } };
    expect(retentionProblems(typed)).toEqual([
      { field: "auditRetentionDays", kind: "belowMin", min: 30 },
      { field: "notificationRetentionDays", kind: "required" },
      { field: "deliveryLogRetentionDays", kind: "aboveMax", max: 3650 },
    ]);
    expect(typed.compliance.auditRetentionDays).toBe(5);
    expect(toComplianceInput(typed).compliance?.auditRetentionDays).toBe(5);
  });

  it("find nothing wrong at the limits", () => {
    expect(retentionProblems({ compliance: { ...settings.compliance, auditRetentionDays: 30, notificationRetentionDays: 7, deliveryLogRetentionDays: 3650 } })).toEqual([]);
  });
});

describe("the spending cap", () => {
  it("is typed in major units and sent in minor units", () => {
    expect(spendCapToMinor(12.5, "EUR")).toBe(1250);
    expect(spendCapToMinor(4500, "JPY")).toBe(4500);
    expect(spendCapToMinor("", "EUR")).toBeNull();
  });

  it("above its largest value, names the largest in minor units so the form can word it as money", () => {
    // 20,000,000.00 EUR is the largest; one cent more is refused, whatever the currency's digits.
    expect(spendCapAboveMax(SPEND_CAP_MAX / 100, "EUR")).toBeNull();
    expect(spendCapAboveMax(SPEND_CAP_MAX / 100 + 0.01, "EUR")).toBe(SPEND_CAP_MAX);
    expect(spendCapAboveMax(SPEND_CAP_MAX + 1, "JPY")).toBe(SPEND_CAP_MAX);
    expect(spendCapAboveMax("", "EUR")).toBeNull();
  });
});
