import { EVENT_TYPES, MODULES, PERMISSION_NAMES, PERMISSIONS } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import { eventDescription, moduleLabel, permissionDescription } from "./catalog-labels.js";
import { createTranslator } from "./i18n/translate.js";

describe("catalog labels", () => {
  const fr = createTranslator("fr");

  it("names every permission, module and event type of the contracts in the viewer's language", () => {
    for (const name of PERMISSION_NAMES) expect(permissionDescription(fr, name), name).not.toBe(PERMISSIONS[name].description);
    const modules = new Set([...MODULES, ...Object.values(PERMISSIONS).map((p) => p.module)]);
    for (const module of modules) expect(moduleLabel(fr, module), module).not.toBe(module);
    for (const type of EVENT_TYPES) expect(eventDescription(fr, type), type).toMatch(/\.$/);
  });

  it("shows a name this build does not know as the server gave it", () => {
    expect(permissionDescription(fr, "reports.read", "Read reports.")).toBe("Read reports.");
    expect(moduleLabel(fr, "reports")).toBe("reports");
    expect(eventDescription(fr, "report.created")).toBeNull();
  });
});
