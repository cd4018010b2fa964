import { describe, expect, it } from "vitest";
import { createFormatters } from "../../app/i18n/format.js";
import { createTranslator } from "../../app/i18n/translate.js";
import { changeRows, formatValue } from "./changes.js";
import { valueLabels } from "./value-labels.js";

const words = { empty: "—", yes: "Yes", no: "No" };

describe("changeRows", () => {
  it("reads `{ field: { from, to } }` as one change per field", () => {
    expect(changeRows({ status: { from: "active", to: "deactivated" }, name: { from: null, to: "Ada" } })).toEqual([
      { field: "status", from: "active", to: "deactivated", isChange: true },
      { field: "name", from: null, to: "Ada", isChange: true },
    ]);
  });

  it("keeps plain values (a creation, an export's filters) as values, next to changes", () => {
    expect(changeRows({ email: "ada@example.com", filters: { action: "user.deactivated" }, roleIds: { from: ["a"], to: ["b"] } })).toEqual([
      { field: "email", to: "ada@example.com", isChange: false },
      { field: "filters", to: { action: "user.deactivated" }, isChange: false },
      { field: "roleIds", from: ["a"], to: ["b"], isChange: true },
    ]);
  });

  it("gives nothing for no changes, and one row for a value that is not an object", () => {
    expect(changeRows(null)).toEqual([]);
    expect(changeRows(["a", "b"])).toEqual([{ field: "", to: ["a", "b"], isChange: false }]);
  });
});

describe("formatValue", () => {
  it("writes values as short text", () => {
    expect(formatValue(null, words)).toBe("—");
    expect(formatValue("", words)).toBe("—");
    expect(formatValue(true, words)).toBe("Yes");
    expect(formatValue(42, words)).toBe("42");
    expect(formatValue(["users.read", "audit.read"], words)).toBe("users.read, audit.read");
    expect(formatValue({ action: "user.deactivated", rows: 1 }, words)).toBe("action: user.deactivated; rows: 1");
    expect(formatValue({}, words)).toBe("—");
  });
});

describe("formatValue in the viewer's language", () => {
  const t = createTranslator("fr");
  const fmt = createFormatters({ locale: "fr", timeZone: "Europe/Paris", currency: "EUR" });
  const roles = new Map([
    ["r1", { key: "tenant_admin", name: "Tenant Admin" }],
    ["r2", { key: null, name: "Support" }],
  ]);
  const french = { ...words, ...valueLabels(t, fmt, roles) };

  it("names fields and coded values in words: permissions, statuses, events, languages, roles by id", () => {
    expect(formatValue(["users.read", "audit.read"], french, "permissions")).toBe("Consulter les utilisateurs, Consulter le journal d'audit");
    expect(formatValue("deactivated", french, "status")).toBe("Désactivé");
    expect(formatValue(["r1", "r2", "r9"], french, "roleIds")).toBe("Administrateur de l'espace de travail, Support, r9");
    expect(formatValue("fr", french, "language")).toBe("français (fr)");
    expect(formatValue({ action: "user.deactivated", from: "2026-03-01", rows: 1 }, french, "filters")).toBe("Événement: Utilisateur désactivé; Du: 2026-03-01; Lignes: 1");
    expect(french.field("auditRetentionDays")).toBe("Conservation du journal d'audit (jours)");
    // A free text value is never taken for a code.
    expect(formatValue("users.read", french, "name")).toBe("users.read");
  });
});
