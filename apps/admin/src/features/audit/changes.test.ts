import { describe, expect, it } from "vitest";
import { changeRows, formatValue } from "./changes.js";

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
