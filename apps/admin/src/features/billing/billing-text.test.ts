import { describe, expect, it } from "vitest";
import { createFormatters } from "../../app/i18n/format.js";
import { createTranslator } from "../../app/i18n/translate.js";
import { dailyPriceText, lineText, priceText, type LineFacts, type PlanFacts } from "./billing-text.js";

const en = { t: createTranslator("en"), fmt: createFormatters({ locale: "en-US", timeZone: "America/New_York", currency: "USD" }) };
const fr = { t: createTranslator("fr"), fmt: createFormatters({ locale: "fr-FR", timeZone: "Europe/Paris", currency: "EUR" }) };
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("prices", () => {
  it("formats a plan's price per interval in its currency's minor unit, per user on per-user plans", () => {
    expect(priceText(en.t, en.fmt, { amount: 1900, currency: "EUR", interval: "monthly", pricingModel: "flat" })).toBe("€19.00 per month");
    expect(priceText(en.t, en.fmt, { amount: 19000, currency: "USD", interval: "annual", pricingModel: "per_user" })).toBe("$190.00 per user per year");
    expect(priceText(en.t, en.fmt, { amount: 1900, currency: "JPY", interval: "monthly", pricingModel: "flat" })).toBe("¥1,900 per month");
    expect(nbsp(priceText(en.t, en.fmt, { amount: 1900, currency: "KWD", interval: "monthly", pricingModel: "flat" }))).toBe("KWD 1.900 per month");
    expect(nbsp(priceText(fr.t, fr.fmt, { amount: 123456, currency: "EUR", interval: "annual", pricingModel: "per_user" }))).toBe("1 234,56 € par utilisateur et par an");
  });

  it("gives a daily price rounded to the currency's minor unit, for comparing monthly and annual plans", () => {
    // 19.00 a month is 228.00 a year: 0.6247 a day; the annual plan at 190.00 is 0.5205 a day.
    expect(dailyPriceText(en.t, en.fmt, { amount: (1900 * 12) / 365, currency: "EUR", pricingModel: "flat" })).toBe("about €0.62 per day");
    expect(dailyPriceText(en.t, en.fmt, { amount: 19000 / 365, currency: "EUR", pricingModel: "per_user" })).toBe("about €0.52 per user per day");
    expect(nbsp(dailyPriceText(fr.t, fr.fmt, { amount: 19000 / 365, currency: "EUR", pricingModel: "flat" }))).toBe("environ 0,52 € par jour");
  });
});

describe("invoice and preview lines", () => {
  const plans: Record<string, PlanFacts> = {
    starter: { name: "Starter", interval: "monthly", pricingModel: "flat" },
    team: { name: "Équipe", interval: "annual", pricingModel: "per_user" },
  };
  const planOf = (id: string) => plans[id] ?? null;
  const line = (facts: Partial<LineFacts>): LineFacts => ({
    kind: "subscription",
    planId: "starter",
    quantity: 1,
    amount: 1900,
    periodStart: new Date("2026-03-01T10:00:00Z"),
    periodEnd: new Date("2026-04-01T10:00:00Z"),
    description: "Starter (monthly), 2026-03-01 to 2026-04-01",
    ...facts,
  });

  it("describes a period from its plan and dates in the reader's language and time zone", () => {
    expect(lineText(en.t, en.fmt, line({}), planOf)).toBe("Starter, monthly, Mar 1, 2026 to Apr 1, 2026");
    expect(lineText(fr.t, fr.fmt, line({ planId: "team", quantity: 7 }), planOf)).toBe("Équipe, annuel, du 1 mars 2026 au 1 avr. 2026 · 7 utilisateurs");
  });

  it("tells a proration's credit of unused time from its charge of remaining time by its sign", () => {
    expect(lineText(fr.t, fr.fmt, line({ kind: "proration", amount: -950 }), planOf)).toBe("Temps non utilisé de Starter, mensuel, du 1 mars 2026 au 1 avr. 2026");
    expect(lineText(en.t, en.fmt, line({ kind: "proration", amount: 2450 }), planOf)).toBe("Remaining time on Starter, monthly, from Mar 1, 2026 to Apr 1, 2026");
  });

  it("words credits carried between invoices, and falls back to the server's text for an unknown plan", () => {
    expect(lineText(fr.t, fr.fmt, line({ kind: "credit", planId: null, amount: 500 }), planOf)).toBe("Avoir reporté sur la prochaine facture");
    expect(lineText(fr.t, fr.fmt, line({ kind: "credit", planId: null, amount: -500 }), planOf)).toBe("Avoir reporté d'une facture précédente");
    expect(lineText(fr.t, fr.fmt, line({ planId: "gone" }), planOf)).toBe("Starter (monthly), 2026-03-01 to 2026-04-01");
  });
});
