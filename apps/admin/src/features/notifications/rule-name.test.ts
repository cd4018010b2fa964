import { describe, expect, it } from "vitest";
import { createTranslator } from "../../app/i18n/translate.js";
import { ruleName } from "./rule-name.js";

describe("a rule's name", () => {
  const fr = createTranslator("fr");

  it("is translated for a default rule whose name is unchanged, with or without its key", () => {
    expect(ruleName(fr, { key: "user_deactivated", name: "User deactivated" })).toBe("Utilisateur désactivé");
    expect(ruleName(fr, { name: "Invoice overdue" })).toBe("Facture en retard");
  });

  it("is the tenant's own when they named or renamed it", () => {
    expect(ruleName(fr, { key: "user_deactivated", name: "People leaving" })).toBe("People leaving");
    expect(ruleName(fr, { key: null, name: "Team changes" })).toBe("Team changes");
    expect(ruleName(fr, { key: "usage_80", name: "User deactivated" })).toBe("User deactivated");
  });
});
