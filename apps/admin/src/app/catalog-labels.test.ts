import {
  AUDIT_ACTOR_TYPES,
  AUDIT_TARGET_TYPES,
  AUDITED_FIELDS,
  ERROR_CODES,
  EVENT_TYPES,
  MESSAGE_KEYS,
  MODULES,
  PERMISSION_NAMES,
  PERMISSIONS,
  TENANT_ADMIN_ROLE_KEY,
} from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import {
  actorTypeLabel,
  eventDescription,
  eventLabel,
  fieldLabel,
  moduleLabel,
  permissionDescription,
  permissionLabel,
  roleDescription,
  roleName,
  targetTypeLabel,
} from "./catalog-labels.js";
import { CATALOGS, createTranslator } from "./i18n/translate.js";

/** Every key the contracts' lists call for, by list. */
const required = {
  "error code": ERROR_CODES.map((code) => `error.${code}`),
  "validation message": MESSAGE_KEYS.map((key) => `validation.${key}`),
  permission: PERMISSION_NAMES.flatMap((name) => [`permission.${name}`, `permissionName.${name}`]),
  "event type": EVENT_TYPES.flatMap((type) => [`event.${type}`, `eventName.${type}`]),
  module: [...new Set([...MODULES, ...Object.values(PERMISSIONS).map((p) => p.module)])].map((module) => `module.${module}`),
  "audited field": AUDITED_FIELDS.map((field) => `field.${field}`),
  "target type": AUDIT_TARGET_TYPES.map((type) => `targetType.${type}`),
  "actor type": AUDIT_ACTOR_TYPES.map((type) => `actorType.${type}`),
};

describe("catalog labels", () => {
  it("has a message in every language for every error code, validation message, permission, event type, module, audited field, target and actor type", () => {
    const missing: string[] = [];
    for (const [language, catalog] of Object.entries(CATALOGS)) {
      for (const [list, keys] of Object.entries(required)) {
        for (const key of keys) {
          const message = (catalog as Record<string, unknown>)[key];
          const ok = typeof message === "string" ? message.trim() !== "" : typeof message === "object" && message !== null;
          if (!ok) missing.push(`${language}: ${list} ${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  const fr = createTranslator("fr");
  const en = createTranslator("en");

  it("names every permission, module, event type, field, target and actor type in words, never as its code", () => {
    for (const t of [en, fr]) {
      for (const name of PERMISSION_NAMES) expect(permissionLabel(t, name), name).not.toBe(name);
      for (const type of EVENT_TYPES) expect(eventLabel(t, type), type).not.toBe(type);
      for (const type of EVENT_TYPES) expect(eventDescription(t, type), type).toMatch(/\.$/);
      for (const field of AUDITED_FIELDS) expect(fieldLabel(t, field), field).not.toMatch(/^[a-z]+[A-Z]/);
      for (const type of AUDIT_TARGET_TYPES) expect(targetTypeLabel(t, type), type).not.toMatch(/_/);
      for (const type of AUDIT_ACTOR_TYPES) expect(actorTypeLabel(t, type), type).not.toMatch(/_/);
    }
    for (const name of PERMISSION_NAMES) expect(permissionDescription(fr, name), name).not.toBe(PERMISSIONS[name].description);
    const modules = new Set([...MODULES, ...Object.values(PERMISSIONS).map((p) => p.module)]);
    for (const module of modules) expect(moduleLabel(fr, module), module).not.toBe(module);
    expect(fieldLabel(fr, "auditRetentionDays")).toBe("Conservation du journal d'audit (jours)");
    expect(targetTypeLabel(fr, "user")).toBe("Utilisateur");
    expect(eventLabel(fr, "user.deactivated")).toBe("Utilisateur désactivé");
  });

  it("names the built-in Tenant Admin role in the viewer's language, custom roles as their tenant named them", () => {
    const builtIn = { key: TENANT_ADMIN_ROLE_KEY, name: "Tenant Admin", description: "Every permission, including ones added later." };
    expect(roleName(fr, builtIn)).toBe("Administrateur de l'espace de travail");
    expect(roleDescription(fr, builtIn)).toBe("Toutes les autorisations, y compris celles ajoutées plus tard.");
    expect(roleName(en, builtIn)).toBe("Workspace administrator");
    expect(roleName(fr, { key: null, name: "Support agent" })).toBe("Support agent");
    expect(roleDescription(fr, { key: null, name: "Support agent", description: null })).toBeNull();
  });

  it("shows a name this build does not know as the server gave it", () => {
    expect(permissionDescription(fr, "reports.read", "Read reports.")).toBe("Read reports.");
    expect(permissionLabel(fr, "reports.read")).toBe("reports.read");
    expect(moduleLabel(fr, "reports")).toBe("reports");
    expect(eventDescription(fr, "report.created")).toBeNull();
    expect(eventLabel(fr, "report.created")).toBe("report.created");
    expect(fieldLabel(fr, "reportName")).toBe("reportName");
  });
});
