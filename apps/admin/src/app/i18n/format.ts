// Dates, numbers and money through Intl, in the tenant's time zone, language and currency, honouring the
// tenant's chosen date pattern and digit separators when it picked one instead of the language's defaults.
export interface FormatSettings {
  locale: string;
  timeZone: string;
  currency: string;
  /** "locale" or a pattern like "dd/MM/yyyy" (contracts' DATE_FORMATS). */
  dateFormat?: string;
  /** "locale" or separators shown on an example like "1.234,56" (contracts' NUMBER_FORMATS). */
  numberFormat?: string;
}

export interface Formatters extends FormatSettings {
  date: (value: Date) => string;
  dateTime: (value: Date) => string;
  number: (value: number) => string;
  /** An amount in integer minor units (cents) of `currency` (the tenant's by default). */
  money: (minorUnits: number, currency?: string) => string;
  currencyName: (code: string) => string;
  languageName: (tag: string) => string;
  regionName: (code: string) => string;
}

interface Separators {
  group: string;
  decimal: string;
}

const SEPARATORS: Record<string, Separators> = {
  "1,234.56": { group: ",", decimal: "." },
  "1.234,56": { group: ".", decimal: "," },
  "1 234,56": { group: "\u00a0", decimal: "," },
};

function formatNumber(format: Intl.NumberFormat, value: number, separators: Separators | undefined): string {
  if (!separators) return format.format(value);
  return format
    .formatToParts(value)
    .map((part) => (part.type === "group" ? separators.group : part.type === "decimal" ? separators.decimal : part.value))
    .join("");
}

/** A date pattern ("dd/MM/yyyy") filled with the day, month and year the date has in `timeZone`. */
function patternFormatter(pattern: string, timeZone: string): (value: Date) => string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (value) => {
    const get = (type: Intl.DateTimeFormatPartTypes) => parts.formatToParts(value).find((part) => part.type === type)?.value ?? "";
    return pattern.replace("yyyy", get("year")).replace("MM", get("month")).replace("dd", get("day"));
  };
}

export function createFormatters(settings: FormatSettings): Formatters {
  const { locale, timeZone, currency, dateFormat = "locale", numberFormat = "locale" } = settings;
  const separators = SEPARATORS[numberFormat];
  const numberFormatter = new Intl.NumberFormat(locale);
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone });
  const usePattern = dateFormat !== "locale" && /yyyy/.test(dateFormat);
  const localeDate = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
  const localeDateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  const date = usePattern ? patternFormatter(dateFormat, timeZone) : (value: Date) => localeDate.format(value);
  const currencies = new Intl.DisplayNames([locale], { type: "currency" });
  const languages = new Intl.DisplayNames([locale], { type: "language" });
  const regions = new Intl.DisplayNames([locale], { type: "region" });
  return {
    ...settings,
    date,
    dateTime: (value) => (usePattern ? `${date(value)} ${time.format(value)}` : localeDateTime.format(value)),
    number: (value) => formatNumber(numberFormatter, value, separators),
    money: (minorUnits, code = currency) => {
      const format = new Intl.NumberFormat(locale, { style: "currency", currency: code });
      const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
      return formatNumber(format, minorUnits / 10 ** digits, separators);
    },
    currencyName: (code) => currencies.of(code) ?? code,
    languageName: (tag) => languages.of(tag) ?? tag,
    regionName: (code) => regions.of(code) ?? code,
  };
}

/** The browser's own time zone, used where there is no tenant (platform area, login page). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The pattern a date is typed and shown in by the date inputs (dayjs tokens: "DD/MM/YYYY"): the tenant's
 * pattern when it chose one, else the language's numeric order and separators (en-US "MM/DD/YYYY", fr
 * "DD/MM/YYYY", en-CA "YYYY-MM-DD"), read from Intl so that any region is right.
 */
export function dateInputPattern(locale: string, dateFormat = "locale"): string {
  if (dateFormat !== "locale" && /yyyy/.test(dateFormat)) return dateFormat.replace("yyyy", "YYYY").replace("dd", "DD");
  const parts = new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" }).formatToParts(new Date(Date.UTC(2025, 2, 31)));
  const TOKENS: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = { year: "YYYY", month: "MM", day: "DD" };
  return parts.map((part) => TOKENS[part.type] ?? (/\p{L}/u.test(part.value) ? `[${part.value}]` : part.value)).join("");
}

/** The first day of the week in a language and region (0 = Sunday ... 6 = Saturday), Monday when unknown. */
export function firstDayOfWeek(locale: string): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  try {
    const tag = new Intl.Locale(locale).maximize() as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const firstDay = (tag.getWeekInfo?.() ?? tag.weekInfo)?.firstDay;
    if (firstDay !== undefined && firstDay >= 1 && firstDay <= 7) return (firstDay % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
  } catch {
    // an unknown tag: fall through to the ISO 8601 week
  }
  return 1;
}
