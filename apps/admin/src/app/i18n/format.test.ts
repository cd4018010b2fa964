import { describe, expect, it } from "vitest";
import { createFormatters, dateInputPattern, firstDayOfWeek } from "./format.js";

/** ICU versions differ on which space (narrow, no-break, plain) separates groups and units; compare words. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

const instant = new Date("2025-01-15T23:30:00Z");

describe("createFormatters", () => {
  it("shows dates in the tenant's time zone, not the machine's", () => {
    const paris = createFormatters({ locale: "fr-FR", timeZone: "Europe/Paris", currency: "EUR" });
    const newYork = createFormatters({ locale: "en-US", timeZone: "America/New_York", currency: "USD" });
    expect(paris.date(instant)).toBe("16 janv. 2025");
    expect(paris.dateTime(instant)).toBe("16 janv. 2025, 00:30");
    expect(newYork.date(instant)).toBe("Jan 15, 2025");
    expect(plain(newYork.dateTime(instant))).toBe("Jan 15, 2025, 6:30 PM");
  });

  it("formats numbers for the locale", () => {
    expect(plain(createFormatters({ locale: "fr-FR", timeZone: "UTC", currency: "EUR" }).number(1234567.5))).toBe("1 234 567,5");
    expect(createFormatters({ locale: "en-US", timeZone: "UTC", currency: "USD" }).number(1234567.5)).toBe("1,234,567.5");
  });

  it("formats money from integer minor units with the currency's own number of decimals", () => {
    const fmt = createFormatters({ locale: "fr-FR", timeZone: "Europe/Paris", currency: "EUR" });
    expect(plain(fmt.money(123456))).toBe("1 234,56 €");
    expect(plain(fmt.money(1500, "JPY"))).toBe("1 500 JPY");
    expect(plain(fmt.money(1234, "BHD"))).toBe("1,234 BHD");
    expect(createFormatters({ locale: "en-US", timeZone: "UTC", currency: "USD" }).money(-995)).toBe("-$9.95");
  });

  it("names currencies, languages and regions in the viewer's language", () => {
    const fmt = createFormatters({ locale: "fr", timeZone: "UTC", currency: "EUR" });
    expect(fmt.currencyName("USD")).toBe("dollar des États-Unis");
    expect(fmt.languageName("fr-CA")).toBe("français canadien");
    expect(fmt.regionName("DE")).toBe("Allemagne");
  });
});

describe("the tenant's own date and number formats", () => {
  const base = { locale: "en-US", timeZone: "Europe/Paris", currency: "EUR" };

  it("fills a date pattern with the day as it is in the tenant's time zone", () => {
    expect(createFormatters({ ...base, dateFormat: "dd/MM/yyyy" }).date(instant)).toBe("16/01/2025");
    expect(createFormatters({ ...base, dateFormat: "yyyy-MM-dd" }).date(instant)).toBe("2025-01-16");
    expect(plain(createFormatters({ ...base, dateFormat: "dd.MM.yyyy" }).dateTime(instant))).toBe("16.01.2025 12:30 AM");
    expect(createFormatters({ ...base, dateFormat: "locale" }).date(instant)).toBe("Jan 16, 2025");
  });

  it("swaps the digit separators, keeping the language's symbol placement", () => {
    const fmt = createFormatters({ ...base, numberFormat: "1.234,56" });
    expect(fmt.number(1234567.5)).toBe("1.234.567,5");
    expect(fmt.money(123456)).toBe("€1.234,56");
    expect(plain(createFormatters({ ...base, numberFormat: "1 234,56" }).number(1234.5))).toBe("1 234,5");
    expect(createFormatters({ ...base, numberFormat: "locale" }).number(1234.5)).toBe("1,234.5");
  });
});

describe("date inputs", () => {
  it("type dates in the tenant's chosen pattern", () => {
    expect(dateInputPattern("en-US", "dd/MM/yyyy")).toBe("DD/MM/YYYY");
    expect(dateInputPattern("fr", "yyyy-MM-dd")).toBe("YYYY-MM-DD");
    expect(dateInputPattern("en-US", "MM/dd/yyyy")).toBe("MM/DD/YYYY");
    expect(dateInputPattern("fr", "dd.MM.yyyy")).toBe("DD.MM.YYYY");
  });

  it("else in the language's own numeric order", () => {
    expect(dateInputPattern("en-US")).toBe("MM/DD/YYYY");
    expect(dateInputPattern("en", "locale")).toBe("MM/DD/YYYY");
    expect(dateInputPattern("fr")).toBe("DD/MM/YYYY");
    expect(dateInputPattern("en-GB")).toBe("DD/MM/YYYY");
    expect(dateInputPattern("fr-CH")).toBe("DD.MM.YYYY");
    expect(dateInputPattern("en-CA")).toBe("YYYY-MM-DD");
  });

  it("start the week on the region's first day", () => {
    expect(firstDayOfWeek("en-US")).toBe(0);
    expect(firstDayOfWeek("en")).toBe(0);
    expect(firstDayOfWeek("fr")).toBe(1);
    expect(firstDayOfWeek("en-GB")).toBe(1);
    expect(firstDayOfWeek("not a tag")).toBe(1);
  });
});
