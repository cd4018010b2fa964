import { toastPosition } from "@tenancy/ui";
import { describe, expect, it } from "vitest";
import { isNotFound } from "./states.js";

describe("a failed load of one thing by its id", () => {
  it("means not found for an unknown id (any …_NOT_FOUND) or a malformed one (BAD_INPUT)", () => {
    expect(isNotFound({ message: "No such user.", data: { code: "USER_NOT_FOUND" } })).toBe(true);
    expect(isNotFound({ message: "No such tenant.", data: { code: "TENANT_NOT_FOUND" } })).toBe(true);
    expect(isNotFound({ message: "userId: Must be a valid id (UUID).", data: { code: "BAD_INPUT" } })).toBe(true);
  });

  it("is a real failure otherwise, worth a retry", () => {
    expect(isNotFound({ message: "boom", data: { code: "INTERNAL" } })).toBe(false);
    expect(isNotFound({ message: "No access", data: { code: "FORBIDDEN" } })).toBe(false);
    expect(isNotFound(new TypeError("Failed to fetch"))).toBe(false);
  });
});

describe("a toast", () => {
  it("goes to the top when the control just pressed is in the lower half of the screen, to the bottom otherwise", () => {
    expect(toastPosition({ top: 780, bottom: 816 }, 844)).toBe("top-right");
    expect(toastPosition({ top: 80, bottom: 116 }, 844)).toBe("bottom-right");
    expect(toastPosition(null, 844)).toBe("bottom-right");
  });
});
