// Field schemas shared by every domain: ids, paging, e-mail, passwords, and the localization codes.
import { z } from "zod";
import { COMMON_PASSWORDS } from "./common-passwords.js";
import { messageText, msg, type MessageKey, type MessageParams } from "./messages.js";
import { canonicalTimeZone, isCountryCode, isCurrencyCode } from "./reference.js";

export const Id = z.uuid({ message: msg("id.invalid") });

export const PageInput = z.object({
  cursor: z.string().max(200).optional().describe("Opaque cursor from the previous page's nextCursor."),
  limit: z.number().int().min(1).max(100).default(25),
});

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, msg("email.tooLong"))
  .pipe(z.email({ message: msg("email.invalid") }));

export const PersonName = z.string().trim().min(1, msg("name.required")).max(120, msg("name.tooLong"));

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** Why a password is refused, as a message key and its parameters, or null when it is acceptable. */
export function passwordIssue(password: string): { key: MessageKey; params?: MessageParams } | null {
  if (password.length < PASSWORD_MIN) return { key: "password.tooShort", params: { minimum: PASSWORD_MIN } };
  if (password.length > PASSWORD_MAX) return { key: "password.tooLong", params: { maximum: PASSWORD_MAX } };
  if (new Set(password).size < 4) return { key: "password.predictable" };
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return { key: "password.common" };
  return null;
}

/** Why a password is refused, in English, or null when it is acceptable (length first, then a list of common ones). */
export function passwordProblem(password: string): string | null {
  const issue = passwordIssue(password);
  return issue ? messageText(issue.key, issue.params) : null;
}

export const NewPassword = z.string().superRefine((value, ctx) => {
  const problem = passwordIssue(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem.key, params: problem.params });
});

/** An IANA time zone, current or former name; a former one becomes the canonical zone (Europe/Kiev -> Europe/Kyiv). */
export const TimeZone = z
  .string()
  .trim()
  .refine((value) => canonicalTimeZone(value) !== undefined, { message: msg("timeZone.invalid"), abort: true })
  .transform((value) => canonicalTimeZone(value)!);

/** An active ISO 4217 currency (no fund, withdrawn or X-unit code). */
export const Currency = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, { message: msg("currency.invalid") });

export const SUPPORTED_LANGUAGES = ["en", "fr"] as const;
export const Language = z.string().refine(
  (value) => {
    try {
      return Intl.getCanonicalLocales(value).length === 1 && (SUPPORTED_LANGUAGES as readonly string[]).includes(new Intl.Locale(value).language);
    } catch {
      return false;
    }
  },
  { message: msg("language.invalid"), params: { languages: SUPPORTED_LANGUAGES.join(", ") } },
);

// ISO 3166-1 alpha-2 codes as of the maintained list in reference.ts: no withdrawn (DD, SU, YU), reserved
// (EU, UN) or user-assigned (XA, XK, ZZ) code.
export const Country = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, {
    message: msg("country.invalid"),
  });

export const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, msg("slug.tooShort"))
  .max(40, msg("slug.tooLong"))
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, msg("slug.format"));

export const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, msg("text.tooLong"))
    .optional()
    .transform((value) => (value === "" ? undefined : value));

/** For updates: an empty string clears the field (null); leaving the field out keeps it. */
export const ClearableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, msg("text.tooLong"))
    .transform((value) => (value === "" ? null : value));

export const Phone = z
  .string()
  .trim()
  .max(32, msg("phone.tooLong"))
  .regex(/^\+?[0-9 ().-]*$/, msg("phone.format"));

/** Dates the API accepts, in whatever form: from 1970 (the Unix epoch) to the end of 2999. */
export const DATE_MIN = "1970-01-01";
export const DATE_MAX = "2999-12-31";
const dateRange = { message: msg("date.range"), params: { min: DATE_MIN, max: DATE_MAX } };
const inDateRange = (date: Date) =>
  !Number.isNaN(date.getTime()) && date.getTime() >= Date.parse(`${DATE_MIN}T00:00:00Z`) && date.getTime() < Date.parse("3000-01-01T00:00:00Z");

/** A plain calendar date (YYYY-MM-DD) that exists, bounded so no later day arithmetic overflows. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: msg("date.format"), abort: true })
  .refine(
    (value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    },
    { message: msg("date.notCalendar"), abort: true },
  )
  .refine((value) => value >= DATE_MIN && value <= DATE_MAX, dateRange);

export const IsoDate = z
  .date()
  .or(z.string().datetime())
  .pipe(z.coerce.date())
  .refine(inDateRange, dateRange);
