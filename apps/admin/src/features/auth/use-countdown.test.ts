import { describe, expect, it } from "vitest";
import { secondsUntil } from "./use-countdown.js";

describe("secondsUntil", () => {
  it("rounds the time left up to whole seconds and stops at zero", () => {
    expect(secondsUntil(10_000, 0)).toBe(10);
    expect(secondsUntil(10_000, 9_001)).toBe(1);
    expect(secondsUntil(10_000, 10_000)).toBe(0);
    expect(secondsUntil(10_000, 12_000)).toBe(0);
    expect(secondsUntil(null, 0)).toBe(0);
  });
});
