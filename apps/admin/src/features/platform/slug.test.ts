import { Slug } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import { suggestSlug } from "./slug.js";

describe("suggestSlug", () => {
  it("turns a name into lowercase ASCII words joined by dashes", () => {
    expect(suggestSlug("Acme Corp")).toBe("acme-corp");
    expect(suggestSlug("  Café de l'Été — Lyon  ")).toBe("cafe-de-l-ete-lyon");
    expect(suggestSlug("Œuvres d’Ærø Øst")).toBe("oeuvres-d-aero-ost");
  });

  it("keeps within 40 characters without a trailing dash, so the Slug schema accepts it", () => {
    const slug = suggestSlug("International Business Machines of the Greater Region");
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug.endsWith("-")).toBe(false);
    expect(Slug.safeParse(slug).success).toBe(true);
  });

  it("gives nothing for a name with no letters or digits", () => {
    expect(suggestSlug("!!!")).toBe("");
  });
});
