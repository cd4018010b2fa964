import { describe, expect, it } from "vitest";
import { isUuid, uuidv7 } from "./uuid.js";

describe("uuidv7", () => {
  it("is a version-7, variant-1 UUID carrying the time", () => {
    const id = uuidv7(Date.UTC(2026, 0, 1));
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe("7");
    expect(["8", "9", "a", "b"]).toContain(id[19]);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(Date.UTC(2026, 0, 1));
  });

  it("sorts in creation order, even within one millisecond and when the clock stands still", () => {
    const at = Date.UTC(2030, 5, 1);
    const ids = Array.from({ length: 5000 }, () => uuidv7(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
