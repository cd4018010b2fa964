import { describe, expect, it } from "vitest";
import { parseTypedDate } from "./date-input.js";

describe("typed dates", () => {
  it("are read in the input's pattern, padded or not, and strictly", () => {
    expect(parseTypedDate("31/03/2025", "DD/MM/YYYY", "fr")).toBe("2025-03-31");
    expect(parseTypedDate(" 1/3/2025 ", "DD/MM/YYYY", "fr")).toBe("2025-03-01");
    expect(parseTypedDate("03/31/2025", "MM/DD/YYYY", "en")).toBe("2025-03-31");
    expect(parseTypedDate("2025-03-31", "YYYY-MM-DD", "en")).toBe("2025-03-31");
    expect(parseTypedDate("31.03.2025", "DD.MM.YYYY", "fr")).toBe("2025-03-31");
    // The browser's order is not the tenant's: a US-ordered date in a day-first pattern is refused.
    expect(parseTypedDate("03/31/2025", "DD/MM/YYYY", "fr")).toBeNull();
    expect(parseTypedDate("31/02/2025", "DD/MM/YYYY", "fr")).toBeNull();
    expect(parseTypedDate("31/03", "DD/MM/YYYY", "fr")).toBeNull();
  });
});
