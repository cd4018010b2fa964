// Dates, numbers and money through Intl, in the tenant's time zone, language and currency; and the
// conversion of a calendar day in a time zone to the UTC instants that bound it (for date filters).
export interface FormatSettings {
  locale: string;
  timeZone: string;
  currency: string;
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

export function createFormatters(settings: FormatSettings): Formatters {
  const { locale, timeZone, currency } = settings;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  const numberFormat = new Intl.NumberFormat(locale);
  const currencies = new Intl.DisplayNames([locale], { type: "currency" });
  const languages = new Intl.DisplayNames([locale], { type: "language" });
  const regions = new Intl.DisplayNames([locale], { type: "region" });
  return {
    ...settings,
    date: (value) => dateFormat.format(value),
    dateTime: (value) => dateTimeFormat.format(value),
    number: (value) => numberFormat.format(value),
    money: (minorUnits, code = currency) => {
      const format = new Intl.NumberFormat(locale, { style: "currency", currency: code });
      const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
      return format.format(minorUnits / 10 ** digits);
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

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
export function timeZoneOffset(instant: Date, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  const wallClock = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wallClock - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The UTC instant at which a calendar day ("2025-03-30") starts in `timeZone`. */
export function startOfDayInZone(day: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`Not a calendar day: ${day}`);
  const wallClock = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const first = wallClock - timeZoneOffset(new Date(wallClock), timeZone);
  // Around a DST change the offset at the guess can differ from the offset at the answer; one more pass settles it.
  return new Date(wallClock - timeZoneOffset(new Date(first), timeZone));
}

/** The last millisecond of a calendar day in `timeZone`. */
export function endOfDayInZone(day: string, timeZone: string): Date {
  const start = startOfDayInZone(day, timeZone);
  const next = new Date(start.getTime() + 36 * 3600 * 1000);
  const nextDay = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(next);
  return new Date(startOfDayInZone(nextDay, timeZone).getTime() - 1);
}
