import { afterEach, describe, expect, it, vi } from "vitest";
import { errorPaths, firstInvalidField, focusFirstInvalid } from "./form.js";

describe("firstInvalidField", () => {
  const tenantForm = ["name", "slug", "contactEmail", "country", "timeZone", "admin.email", "admin.name", "admin.password"];

  it("is the first field in error in the order the form shows them, not the order of the errors", () => {
    expect(firstInvalidField(["admin.password", "timeZone", "slug"], tenantForm)).toBe("slug");
    expect(firstInvalidField(["admin.name"], tenantForm)).toBe("admin.name");
  });

  it("takes an error on a list item to the list's field, and one on a group to the group's first field", () => {
    expect(firstInvalidField(["roleIds.0"], ["email", "name", "roleIds", "language"])).toBe("roleIds");
    expect(firstInvalidField(["admin"], tenantForm)).toBe("admin.email");
  });

  it("is null when no shown field is in error", () => {
    expect(firstInvalidField(["unknown"], tenantForm)).toBeNull();
    expect(firstInvalidField([], tenantForm)).toBeNull();
  });

  it("does not mistake a field for another that starts with its name", () => {
    expect(firstInvalidField(["admin.emailConfirm"], ["admin.email", "admin.emailConfirm"])).toBe("admin.emailConfirm");
  });
});

describe("errorPaths", () => {
  it("keeps the fields that hold a message", () => {
    expect(errorPaths({ email: "Enter an e-mail address.", name: null, slug: undefined, phone: "" })).toEqual(["email"]);
  });
});

describe("focusFirstInvalid", () => {
  /** A stand-in for a form's DOM: fields with a data-path, each focusable or holding focusable controls. */
  function fakeForm(fields: { path: string; focusable: boolean }[]) {
    const focused: string[] = [];
    const nodes = fields.map(({ path, focusable }) => ({
      dataset: { path },
      matches: () => focusable,
      focus: () => focused.push(path),
      querySelector: () => (focusable ? null : { focus: () => focused.push(`${path} (first control)`) }),
    }));
    const scope = { querySelectorAll: () => nodes, querySelector: () => null } as unknown as ParentNode;
    return { scope, focused };
  }

  afterEach(() => vi.unstubAllGlobals());

  it("focuses, once React has shown the messages, the first field in error in the form's order", () => {
    const frames: (() => void)[] = [];
    vi.stubGlobal("requestAnimationFrame", (callback: () => void) => frames.push(callback));
    const { scope, focused } = fakeForm([
      { path: "name", focusable: true },
      { path: "permissions", focusable: false },
      { path: "description", focusable: true },
    ]);
    focusFirstInvalid({ description: "Too long.", permissions: "Choose at least one permission." }, scope);
    expect(focused).toEqual([]);
    frames.forEach((frame) => frame());
    expect(focused).toEqual(["permissions (first control)"]);
  });

  it("does nothing when the errors were cleared", () => {
    const requestFrame = vi.fn();
    vi.stubGlobal("requestAnimationFrame", requestFrame);
    focusFirstInvalid({ name: null }, fakeForm([{ path: "name", focusable: true }]).scope);
    expect(requestFrame).not.toHaveBeenCalled();
  });
});
