import { MESSAGES } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import { en } from "../../app/i18n/en.js";
import { fr } from "../../app/i18n/fr.js";
import { createTranslator } from "../../app/i18n/translate.js";
import { emptyPlanValues, toPlanTerms, validatePlan, type PlanFormValues } from "./plan-form.js";

const metrics = [{ key: "contacts", name: { en: "Contacts", fr: "Fiches" }, resets: "never" as const }];
const values = (change: Partial<PlanFormValues>): PlanFormValues => ({ ...emptyPlanValues(metrics), code: "pro", name: { en: "Pro", fr: "Pro" }, ...change });

describe("the plan form's checks", () => {
  it("word each bad price on its own currency's row, in the user's language", () => {
    const prices = [
      { currency: "EUR", amount: "-5" },
      { currency: "JPY", amount: "10.5" },
      { currency: "KWD", amount: "1.2345" },
      { currency: "USD", amount: "abc" },
    ];
    const errors = validatePlan(createTranslator("en"), "en", "crm")(values({ prices }));
    expect(errors["prices.0.amount"]).toBe(en["platformPlan.price.negative"]);
    expect(errors["prices.1.amount"]).toBe("JPY has no decimals: enter a whole amount, like 29.");
    expect(errors["prices.2.amount"]).toBe("KWD has at most 3 decimals, like 29.000.");
    expect(errors["prices.3.amount"]).toBe("Enter a number, like 29.00.");
    // Every listed currency refused: no "give a price in at least one currency" on top.
    expect(errors.prices).toBeUndefined();
    const french = validatePlan(createTranslator("fr"), "fr", "crm")(values({ prices: [{ currency: "EUR", amount: "12.345" }] }));
    expect(french["prices.0.amount"]).toBe("EUR a au plus 2 décimales, comme 29,00.");
  });

  it("check the rest with the contracts, their messages translated; a valid plan passes and is sent in minor units", () => {
    const errors = validatePlan(createTranslator("fr"), "fr", "crm")(values({ code: "Pro!", limits: { contacts: "-1" }, prices: [] }));
    expect(errors.code).toBe(fr["validation.plan.codeFormat"]);
    expect(errors["limits.contacts"]).toBe(fr["platformPlan.limit.invalid"]);
    expect(errors.prices).toBe(fr["platformPlan.price.none"]);
    expect(MESSAGES["plan.codeFormat"]).not.toBe(fr["validation.plan.codeFormat"]);

    const good = values({ prices: [{ currency: "EUR", amount: "29,50" }, { currency: "JPY", amount: "3500" }], limits: { contacts: "500" }, trialDays: 14 });
    expect(validatePlan(createTranslator("en"), "en", "crm")(good)).toEqual({});
    expect(toPlanTerms(good)).toMatchObject({ prices: { EUR: 2950, JPY: 3500 }, limits: { contacts: 500 }, trialDays: 14 });
  });
});
