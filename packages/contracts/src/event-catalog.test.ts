import { describe, expect, it } from "vitest";
import { EVENT_DESCRIPTIONS_FR, EVENT_SAMPLES, eventCatalog } from "./event-catalog.js";
import { EVENTS, EVENT_TYPES } from "./events.js";

describe("the event catalog", () => {
  it("has a French description for every event type, not the English one left untranslated", () => {
    for (const type of EVENT_TYPES) {
      const fr = EVENT_DESCRIPTIONS_FR[type];
      expect(fr, type).toBeTruthy();
      expect(fr, type).not.toBe(EVENTS[type].description);
    }
    expect(Object.keys(EVENT_DESCRIPTIONS_FR).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it("has a sample for every event type, and each sample parses with its payload schema unchanged", () => {
    expect(Object.keys(EVENT_SAMPLES).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      const parsed = EVENTS[type].payload.safeParse(EVENT_SAMPLES[type]);
      expect(parsed.success, `${type}: ${parsed.error?.message}`).toBe(true);
      expect(parsed.data, type).toEqual(EVENT_SAMPLES[type]);
    }
  });

  it("is plain JSON data: every entry survives a JSON round trip, with an object schema listing the sample's keys", () => {
    const catalog = eventCatalog();
    expect(catalog.map((e) => e.type)).toEqual(EVENT_TYPES);
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
    for (const entry of catalog) {
      expect(entry.schema.type, entry.type).toBe("object");
      const properties = Object.keys(entry.schema.properties as Record<string, unknown>);
      for (const key of Object.keys(entry.sample)) expect(properties, entry.type).toContain(key);
    }
    const role = catalog.find((e) => e.type === "role.created")!;
    expect(role).toMatchObject({ module: "core", version: 1, permission: "roles.manage", description: { fr: "Un rôle a été créé." } });
    expect(catalog.find((e) => e.type === "billing.settings_updated")!.permission).toBeNull();
  });
});
