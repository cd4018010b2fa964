import { describe, expect, it } from "vitest";
import { filterCatalog } from "./catalog-filter.js";

const entries = [
  { type: "role.created", module: "core", label: "Rôle créé", description: "Un rôle a été créé." },
  { type: "invoice.paid", module: "billing", label: "Facture payée", description: "Une facture a été marquée payée." },
];

describe("filterCatalog", () => {
  it("matches every word against type, label and description, ignoring case and accents", () => {
    expect(filterCatalog(entries, "ROLE cree", null).map((e) => e.type)).toEqual(["role.created"]);
    expect(filterCatalog(entries, "invoice.", null).map((e) => e.type)).toEqual(["invoice.paid"]);
    expect(filterCatalog(entries, "", null)).toHaveLength(2);
    expect(filterCatalog(entries, "role facture", null)).toEqual([]);
  });

  it("keeps one module only when one is chosen", () => {
    expect(filterCatalog(entries, "", "billing").map((e) => e.type)).toEqual(["invoice.paid"]);
  });
});
