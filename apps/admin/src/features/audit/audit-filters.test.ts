import { describe, expect, it } from "vitest";
import { exportHref, hasFilters, outOfOrder, readFilters, withFilter } from "./audit-filters.js";

describe("audit filters in the address", () => {
  it("reads the known, non-empty filters and ignores the rest", () => {
    const params = new URLSearchParams("action=user.deactivated&from=2025-03-01&to=&page=2&targetId=%20abc%20");
    expect(readFilters(params)).toEqual({ action: "user.deactivated", from: "2025-03-01", targetId: "abc" });
    expect(hasFilters(readFilters(new URLSearchParams("page=2")))).toBe(false);
  });

  it("sets and clears one filter, keeping the others", () => {
    const params = new URLSearchParams("action=user.created");
    expect(withFilter(params, "module", "core").toString()).toBe("action=user.created&module=core");
    expect(withFilter(params, "action", null).toString()).toBe("");
    expect(withFilter(params, "action", "  ").toString()).toBe("");
  });
});

describe("exportHref", () => {
  it("downloads the same filters as the list shows", () => {
    expect(exportHref({})).toBe("/api/audit/export.csv");
    expect(exportHref({ action: "user.deactivated", from: "2025-03-01", to: "2025-03-31" })).toBe(
      "/api/audit/export.csv?from=2025-03-01&to=2025-03-31&action=user.deactivated",
    );
  });
});

describe("outOfOrder", () => {
  it("refuses a From after To, and only that", () => {
    expect(outOfOrder({ from: "2025-03-02", to: "2025-03-01" })).toBe(true);
    expect(outOfOrder({ from: "2025-03-01", to: "2025-03-01" })).toBe(false);
    expect(outOfOrder({ from: "2025-02-28", to: "2025-03-01" })).toBe(false);
    expect(outOfOrder({ from: "2025-03-02" })).toBe(false);
    expect(outOfOrder({ to: "2025-03-01" })).toBe(false);
  });
});
