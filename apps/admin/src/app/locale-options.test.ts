import { DATE_FORMATS, NUMBER_FORMATS } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import { dateFormatOptions, numberFormatOptions } from "./locale-options.js";

/** ICU versions differ on which space (narrow, no-break, plain) separates groups; compare words. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("format choices", () => {
  it("offers every date format of the contracts, each on an example", () => {
    const options = dateFormatOptions("en-US", (example) => `Default (${example})`);
    expect(options.map((option) => option.value)).toEqual([...DATE_FORMATS]);
    expect(options.map((option) => option.label)).toEqual([
      "Default (Mar 31, 2025)",
      "yyyy-MM-dd (2025-03-31)",
      "dd/MM/yyyy (31/03/2025)",
      "MM/dd/yyyy (03/31/2025)",
      "dd.MM.yyyy (31.03.2025)",
    ]);
  });

  it("offers every number format of the contracts, the language's own shown in that language", () => {
    const options = numberFormatOptions("fr-FR", (example) => `Défaut (${example})`);
    expect(options.map((option) => option.value)).toEqual([...NUMBER_FORMATS]);
    expect(options.map((option) => plain(option.label))).toEqual(["Défaut (1 234 567,89)", "1,234,567.89", "1.234.567,89", "1 234 567,89"]);
  });
});
