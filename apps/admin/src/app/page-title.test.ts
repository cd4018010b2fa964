import { describe, expect, it } from "vitest";
import { documentTitle } from "./page-title.js";

describe("documentTitle", () => {
  it("names the page, then the workspace, then the app", () => {
    expect(documentTitle(["Utilisateurs", "Bistro Lumière", "Tenancy"])).toBe("Utilisateurs · Bistro Lumière · Tenancy");
  });

  it("leaves out what is not known (no workspace for a platform admin, a page whose data is loading)", () => {
    expect(documentTitle(["Tenants", undefined, "Tenancy"])).toBe("Tenants · Tenancy");
    expect(documentTitle([null, "Acme", "Tenancy"])).toBe("Acme · Tenancy");
    expect(documentTitle(["  ", "", "Tenancy"])).toBe("Tenancy");
  });

  it("says each part once and tidies whitespace a name may carry", () => {
    expect(documentTitle(["Acme", "Acme", "Tenancy"])).toBe("Acme · Tenancy");
    expect(documentTitle(["Claire\n  Martin ", "Atelier  Lumen", "Tenancy"])).toBe("Claire Martin · Atelier Lumen · Tenancy");
  });
});
