// Field schemas shared by every domain: ids, paging, e-mail, passwords, and the localization codes.
import { z } from "zod";
import { COMMON_PASSWORDS } from "./common-passwords.js";
import { canonicalTimeZone, isCountryCode, isCurrencyCode } from "./reference.js";

export const Id = z.uuid({ message: "Must be a valid id (UUID)." });

export const PageInput = z.object({
  cursor: z.string().max(200).optional().describe("Opaque cursor from the previous page's nextCursor."),
  limit: z.number().int().min(1).max(100).default(25),
});

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "An e-mail address has at most 254 characters.")
  .pipe(z.email({ message: "Enter a valid e-mail address, like name@example.com." }));

export const PersonName = z.string().trim().min(1, "Enter a name.").max(120, "A name has at most 120 characters.");

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** Why a password is refused, or null when it is acceptable (length first, then a list of common ones). */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters; a short phrase of several words works well.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (new Set(password).size < 4) return "This password repeats too few characters; choose something less predictable.";
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return "This password is on the list of commonly used passwords; choose another.";
  return null;
}

export const NewPassword = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** An IANA time zone, current or former name; a former one becomes the canonical zone (Europe/Kiev -> Europe/Kyiv). */
export const TimeZone = z
  .string()
  .trim()
  .refine((value) => canonicalTimeZone(value) !== undefined, { message: "Choose an IANA time zone, like Europe/Paris or America/New_York.", abort: true })
  .transform((value) => canonicalTimeZone(value)!);

/** An active ISO 4217 currency (no fund, withdrawn or X-unit code). */
export const Currency = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, { message: "Choose an ISO 4217 currency code, like EUR or USD." });

export const SUPPORTED_LANGUAGES = ["en", "fr"] as const;
export const Language = z.string().refine(
  (value) => {
    try {
      return Intl.getCanonicalLocales(value).length === 1 && (SUPPORTED_LANGUAGES as readonly string[]).includes(new Intl.Locale(value).language);
    } catch {
      return false;
    }
  },
  { message: `Choose a supported language (BCP 47 tag): ${SUPPORTED_LANGUAGES.join(", ")}, optionally with a region like fr-CA.` },
);

// ISO 3166-1 alpha-2 codes as of the maintained list in reference.ts: no withdrawn (DD, SU, YU), reserved
// (EU, UN) or user-assigned (XA, XK, ZZ) code.
export const Country = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, {
    message: "Choose an ISO 3166-1 country code, like FR or US.",
  });

export const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "A slug has at least 3 characters.")
  .max(40, "A slug has at most 40 characters.")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lowercase letters, digits and dashes, starting and ending with a letter or digit.");

export const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((value) => (value === "" ? undefined : value));

/** For updates: an empty string clears the field (null); leaving the field out keeps it. */
export const ClearableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((value) => (value === "" ? null : value));

export const Phone = z
  .string()
  .trim()
  .max(32, "A phone number has at most 32 characters.")
  .regex(/^\+?[0-9 ().-]*$/, "Use digits, spaces and + ( ) . - only.");

/** Dates the API accepts, in whatever form: from 1970 (the Unix epoch) to the end of 2999. */
export const DATE_MIN = "1970-01-01";
export const DATE_MAX = "2999-12-31";
const dateRangeMessage = `Use a date from ${DATE_MIN} to ${DATE_MAX}.`;
const inDateRange = (date: Date) =>
  !Number.isNaN(date.getTime()) && date.getTime() >= Date.parse(`${DATE_MIN}T00:00:00Z`) && date.getTime() < Date.parse("3000-01-01T00:00:00Z");

/** A plain calendar date (YYYY-MM-DD) that exists, bounded so no later day arithmetic overflows. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Use a date like 2026-03-31.", abort: true })
  .refine(
    (value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    },
    { message: "This is not a calendar date.", abort: true },
  )
  .refine((value) => value >= DATE_MIN && value <= DATE_MAX, dateRangeMessage);

export const IsoDate = z
  .date()
  .or(z.string().datetime())
  .pipe(z.coerce.date())
  .refine(inDateRange, dateRangeMessage);
