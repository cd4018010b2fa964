import { AUDIT_BREAK_KINDS } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../app/i18n/translate.js";
import { breakReason } from "./verify-button.js";

describe("breakReason", () => {
  it("says why the hash chain breaks in the viewer's language, for every kind of break", () => {
    const fr = createTranslator("fr");
    const en = createTranslator("en");
    for (const kind of AUDIT_BREAK_KINDS) {
      expect(breakReason(fr, { kind, seq: "7", throughSeq: null }), kind).toMatch(/^[^_{}]+\.$/);
      expect(breakReason(fr, { kind, seq: "7", throughSeq: null }), kind).not.toBe(breakReason(en, { kind, seq: "7", throughSeq: null }));
    }
    expect(breakReason(fr, { kind: "missing", seq: "7", throughSeq: null })).toBe("L'entrée n°\u00a07 manque (elle a été supprimée).");
    expect(breakReason(fr, { kind: "missing", seq: "7", throughSeq: "9" })).toBe("Les entrées n°\u00a07 à 9 manquent (elles ont été supprimées).");
    expect(breakReason(en, { kind: "content_changed", seq: "3", throughSeq: null })).toBe("Its content was changed after it was sealed.");
  });
});
