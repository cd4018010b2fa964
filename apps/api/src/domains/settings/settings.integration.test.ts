import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../test/harness.js";

let h: Harness;
let t: Awaited<ReturnType<Harness["makeTenant"]>>;
beforeAll(async () => {
  h = await createHarness();
  t = await h.makeTenant({ language: "fr" });
});
afterAll(async () => h?.close());

describe("tenant settings", () => {
  it("starts from the tenant's localization and sensible compliance defaults", async () => {
    const s = await t.admin.settings.get();
    expect(s.localization).toEqual({ timeZone: "Europe/Paris", currency: "EUR", language: "fr", dateFormat: "locale", numberFormat: "locale" });
    expect(s.compliance).toEqual({ auditRetentionDays: 365, notificationRetentionDays: 90, deliveryLogRetentionDays: 30, eventRetentionDays: 30, keepAuditIpAndUserAgent: true, maskPersonalDataInExports: false });
  });

  it("changes localization for the whole app at the next request, and audits what changed", async () => {
    await t.admin.settings.update({ localization: { language: "en", timeZone: "America/Toronto", currency: "cad", dateFormat: "yyyy-MM-dd" } });
    const me = (await t.admin.auth.me())!;
    expect(me.language).toBe("en");
    expect(me.tenant).toMatchObject({ timeZone: "America/Toronto", currency: "CAD", dateFormat: "yyyy-MM-dd" });
    const entry = (await t.admin.audit.list({ action: "tenant.settings_updated" })).items[0]!;
    expect(entry.changes).toMatchObject({ language: { from: "fr", to: "en" }, currency: { from: "EUR", to: "CAD" } });
  });

  it("refuses invalid values with a field error and changes nothing", async () => {
    const before = await t.admin.settings.get();
    for (const input of [
      { localization: { timeZone: "Nowhere/Land" } },
      { localization: { currency: "XYZW" } },
      { compliance: { auditRetentionDays: 3 } },
      { compliance: { eventRetentionDays: 0 } },
      { compliance: { eventRetentionDays: 3651 } },
      { general: { contactEmail: "nope" } },
    ]) {
      const error = (await t.admin.settings.update(input as never).catch((e) => e)) as TRPCError;
      expect(error.code).toBe("BAD_REQUEST");
    }
    expect(await t.admin.settings.get()).toEqual(before);
  });

  it("keeps dispatched events as long as the tenant says, and audits the change", async () => {
    const s = await t.admin.settings.update({ compliance: { eventRetentionDays: 90 } });
    expect(s.compliance.eventRetentionDays).toBe(90);
    const change = (await t.admin.audit.list({ action: "tenant.settings_updated" })).items[0]!;
    expect(change.changes).toEqual({ eventRetentionDays: { from: 30, to: 90 } });
  });

  it("stops keeping IP addresses and user agents in audit entries when the tenant says so", async () => {
    await t.admin.settings.update({ compliance: { keepAuditIpAndUserAgent: false } });
    await t.admin.roles.create({ name: "Privacy check", permissions: [] });
    const entry = (await t.admin.audit.list({ action: "role.created" })).items.find((e) => e.target.name === "Privacy check")!;
    expect(entry.ip).toBeNull();
    expect(entry.userAgent).toBeNull();
    const change = (await t.admin.audit.list({ action: "tenant.settings_updated" })).items[0]!;
    expect(change.changes).toEqual({ keepAuditIpAndUserAgent: { from: true, to: false } });
  });

  it("is for those with settings.manage only", async () => {
    const role = await t.admin.roles.create({ name: "No settings", permissions: ["users.read"] });
    const { generatedPassword, user } = await t.admin.users.create({ email: "nosettings@example.com", name: "N", roleIds: [role.id] });
    const c = h.caller();
    await c.auth.login({ email: user.email, password: generatedPassword!, workspace: t.slug });
    await c.auth.changePassword({ currentPassword: generatedPassword!, newPassword: "no settings passphrase" });
    const error = (await c.settings.get().catch((e) => e)) as TRPCError;
    expect(error.code).toBe("FORBIDDEN");
  });
});
