// The contracts' own validation messages, by stable key. A schema's issue carries the KEY as its message
// (e.g. "email.invalid"); its parameters are the issue's own limits (`minimum`, `maximum`) or the `params`
// of a refinement. The API words each issue in English with `issueText`; the admin app translates the key.
// Zod's built-in checks without a message of ours keep Zod's wording (localized by each side's Zod locale).
export const MESSAGES = {
  "id.invalid": "Must be a valid id (UUID).",
  "email.invalid": "Enter a valid e-mail address, like name@example.com.",
  "email.tooLong": "An e-mail address has at most {maximum} characters.",
  "name.required": "Enter a name.",
  "name.tooLong": "A name has at most {maximum} characters.",
  "tenantName.required": "Enter the tenant's name.",
  "password.required": "Enter your password.",
  "password.currentRequired": "Enter your current password.",
  "password.tooShort": "Use at least {minimum} characters; a short phrase of several words works well.",
  "password.tooLong": "Use at most {maximum} characters.",
  "password.predictable": "This password repeats too few characters; choose something less predictable.",
  "password.common": "This password is on the list of commonly used passwords; choose another.",
  "password.sameAsCurrent": "Choose a password different from the current one.",
  "timeZone.invalid": "Choose an IANA time zone, like Europe/Paris or America/New_York.",
  "currency.invalid": "Choose an ISO 4217 currency code, like EUR or USD.",
  "language.invalid": "Choose a supported language (BCP 47 tag): {languages}, optionally with a region like fr-CA.",
  "language.choose": "Choose one of the app's languages: English or French.",
  "country.invalid": "Choose an ISO 3166-1 country code, like FR or US.",
  "slug.tooShort": "A slug has at least {minimum} characters.",
  "slug.tooLong": "A slug has at most {maximum} characters.",
  "slug.format": "Use lowercase letters, digits and dashes, starting and ending with a letter or digit.",
  "text.tooLong": "At most {maximum} characters.",
  "phone.tooLong": "A phone number has at most {maximum} characters.",
  "phone.format": "Use digits, spaces and + ( ) . - only.",
  "date.format": "Use a date like 2026-03-31.",
  "date.notCalendar": "This is not a calendar date.",
  "date.range": "Use a date from {min} to {max}.",
  "dateRange.endBeforeStart": "The end date is before the start date.",
  "analytics.rangeTooLong": "Choose at most {maximum} months between the start and the end.",
  "audit.fromSeq": "Use the nextSeq of the previous report.",
  "notification.titleRequired": "Enter a title for the message.",
  "notification.unknownEventType": "Unknown event type; choose one from the event catalog.",
  "notification.eventTypesRequired": "Choose at least one event type.",
  "notification.unknownField": "The payload of {eventTypes} has no field \"{field}\".",
  "notification.unknownPlaceholder": "The placeholder {{placeholder}} is not a field of the payload of {eventTypes}.",
  "notification.recipientsRequired": "Choose at least one role or user to notify.",
  "notification.valueRequired": "The condition \"{op}\" needs a value.",
  "notification.operatorType": "The condition \"{op}\" needs a list of values.",
  "role.nameRequired": "Enter a role name.",
  "role.nameTooLong": "A role name has at most {maximum} characters.",
  "role.unknownPermission": "Unknown permission. Known: {known}.",
  "user.rolesRequired": "Give the user at least one role.",
  "user.tooManyRoles": "At most {maximum} roles.",
  "retention.tooShort": "Keep these records at least {minimum} days.",
  "retention.tooLong": "Keep these records at most {maximum} days (10 years).",
  "module.keyFormat": "Use 2 to 40 lowercase letters, digits and underscores, starting with a letter, like crm or api_access.",
  "metric.keyFormat": "Use lowercase letters, digits and underscores, starting with a letter, like api_calls.",
  "plan.codeFormat": "Use lowercase letters, digits and underscores, starting with a letter, like starter or pro.",
  "localized.required": "Enter the text in every UI language; this one is missing.",
  "module.category": "Choose one of the categories.",
  "icon.format": "Use an icon name in lowercase with dashes, like plug or chart-bar.",
  "metrics.tooMany": "At most {maximum} metrics per module.",
  "metrics.duplicate": "Each metric key appears once.",
  "limit.whole": "A limit is a whole number.",
  "limit.negative": "A limit cannot be negative.",
  "limit.tooLarge": "A limit is at most 2,000,000,000; leave the metric out for no limit.",
  "trialDays.whole": "Trial days are a whole number.",
  "trialDays.negative": "Trial days cannot be negative.",
  "trialDays.tooLong": "A trial lasts at most {maximum} days.",
  "planVersion.nothing": "Change at least one term for a new version.",
  "price.whole": "Enter the price as a whole number of minor units (cents), like 1900 for 19.00.",
  "price.fraction": "Enter the price as a whole number of minor units (cents), like 1900 for 19.00; fractions of a cent are not allowed.",
  "price.positive": "A price must be greater than zero; use a trial for free use.",
  "price.tooLarge": "A price has at most {maximum} minor units.",
  "prices.required": "Give a price in at least one currency.",
  "prices.tooMany": "At most {maximum} currencies per plan.",
  "prices.currency": "\"{code}\" is not an ISO 4217 currency code in capitals, like EUR or USD.",
  "gracePeriod.whole": "A grace period is a whole number of days.",
  "gracePeriod.tooShort": "A grace period is at least {minimum} day.",
  "gracePeriod.tooLong": "A grace period is at most {maximum} days.",
  "billingSettings.nothing": "Give at least one setting to change.",
  "spendCap.whole": "Enter the cap as a whole number of minor units (cents), like 50000 for 500.00.",
  "spendCap.negative": "A spending cap cannot be negative; 0 blocks all metered usage.",
  "spendCap.tooLarge": "A spending cap has at most {maximum} minor units.",
} as const;

export type MessageKey = keyof typeof MESSAGES;
export const MESSAGE_KEYS = Object.keys(MESSAGES) as MessageKey[];
export type MessageParams = Record<string, string | number>;

/** A message key, checked against the catalog: `z.string().min(1, msg("name.required"))`. */
export const msg = <K extends MessageKey>(key: K): K => key;

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && Object.hasOwn(MESSAGES, value);
}

/** Fills `{name}` placeholders; a missing parameter stays as written. */
export function fillMessage(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** A message of the catalog in English. */
export function messageText(key: MessageKey, params?: MessageParams): string {
  return fillMessage(MESSAGES[key], params);
}

interface IssueLike {
  message: string;
  params?: Record<string, unknown> | undefined;
  minimum?: unknown;
  maximum?: unknown;
}

const scalar = (value: unknown): string | number | undefined =>
  typeof value === "number" || typeof value === "string" ? value : typeof value === "bigint" ? Number(value) : undefined;

/** The parameters of an issue's message: a refinement's `params`, and the issue's own `minimum`/`maximum`. */
export function issueParams(issue: IssueLike): MessageParams {
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(issue.params ?? {})) {
    const plain = scalar(value);
    if (plain !== undefined) params[name] = plain;
  }
  for (const name of ["minimum", "maximum"] as const) {
    const plain = scalar(issue[name]);
    if (plain !== undefined) params[name] ??= plain;
  }
  return params;
}

/** An issue in English: the catalog's text for a key of ours, else the issue's message as Zod wrote it. */
export function issueText(issue: IssueLike): string {
  return isMessageKey(issue.message) ? messageText(issue.message, issueParams(issue)) : issue.message;
}
