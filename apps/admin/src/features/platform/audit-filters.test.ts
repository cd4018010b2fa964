import { describe, expect, it } from "vitest";
import { platformAuditExportHref, platformAuditInput, readPlatformAuditFilters, withPlatformAuditFilter } from "./audit-filters.js";

describe("platform audit filters", () => {
  it("reads the known filters from the address, trimmed, and ignores the rest", () => {
    const params = new URLSearchParams("action=tenant.suspended&from=2026-03-01&targetType=%20tenant%20&actorId=&page=2");
    expect(readPlatformAuditFilters(params)).toEqual({ action: "tenant.suspended", from: "2026-03-01", targetType: "tenant" });
  });

  it("sets and clears one filter, keeping the others", () => {
    const params = new URLSearchParams("action=tenant.created&to=2026-03-31");
    expect(withPlatformAuditFilter(params, "targetId", " abc ").toString()).toBe("action=tenant.created&to=2026-03-31&targetId=abc");
    expect(withPlatformAuditFilter(params, "action", null).toString()).toBe("to=2026-03-31");
  });

  it("sends the viewer's time zone with the list and with the export", () => {
    expect(platformAuditInput({ from: "2026-03-01" }, "Europe/Paris")).toEqual({ from: "2026-03-01", timeZone: "Europe/Paris", limit: 50 });
    expect(platformAuditExportHref({ action: "tenant.suspended", to: "2026-03-31" }, "Europe/Paris")).toBe(
      "/api/platform/audit/export.csv?to=2026-03-31&action=tenant.suspended&timeZone=Europe%2FParis",
    );
  });
});
