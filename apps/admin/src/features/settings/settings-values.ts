// The settings forms' values, shaped like UpdateSettingsInput ({ general: {...} }, ...) so the contracts'
// field paths ("compliance.auditRetentionDays") name the form's fields, for the browser's checks and the
// server's alike.
import { currencyDigits, SPEND_CAP_MAX, type Settings } from "@tenancy/contracts";
import type { PlainMessageKey } from "../../app/i18n/translate.js";
import { pickerTimeZone } from "../../app/locale-options.js";
import type { RouterInputs } from "../../app/trpc.js";

export interface GeneralValues {
  general: {
    name: string;
    legalName: string;
    contactEmail: string;
    phone: string;
    addressLine: string;
    city: string;
    postalCode: string;
    country: string;
  };
}

export interface LocalizationValues {
  localization: Settings["localization"];
}

type RetentionField = "auditRetentionDays" | "notificationRetentionDays" | "deliveryLogRetentionDays" | "eventRetentionDays";

export interface ComplianceValues {
  compliance: Record<RetentionField, number | string> & {
    keepAuditIpAndUserAgent: boolean;
    maskPersonalDataInExports: boolean;
  };
}

/** The longest retention period, in days (the contracts' own). */
export const RETENTION_MAX_DAYS = 3650;

/** The retention periods with their minimums (the contracts' own; the server checks them too). */
export const RETENTION_FIELDS: readonly { field: RetentionField; min: number; label: PlainMessageKey }[] = [
  { field: "auditRetentionDays", min: 30, label: "settings.retention.audit" },
  { field: "notificationRetentionDays", min: 7, label: "settings.retention.notifications" },
  { field: "deliveryLogRetentionDays", min: 1, label: "settings.retention.deliveryLogs" },
  { field: "eventRetentionDays", min: 1, label: "dispatch.retention.events" },
];

export function generalValues({ general }: Settings): GeneralValues {
  return {
    general: {
      name: general.name,
      legalName: general.legalName ?? "",
      contactEmail: general.contactEmail,
      phone: general.phone ?? "",
      addressLine: general.addressLine ?? "",
      city: general.city ?? "",
      postalCode: general.postalCode ?? "",
      country: general.country,
    },
  };
}

/** A time zone stored under a former name (Europe/Kiev) shows, and is saved, as the canonical one. */
export function localizationValues({ localization }: Settings): LocalizationValues {
  return { localization: { ...localization, timeZone: pickerTimeZone(localization.timeZone) } };
}

export function complianceValues({ compliance }: Settings): ComplianceValues {
  return { compliance: { ...compliance } };
}

/** A number input holds "" while empty; the schema then reports a number is expected. */
export function toComplianceInput({ compliance }: ComplianceValues): RouterInputs["settings"]["update"] {
  const days = (value: number | string) => (value === "" ? Number.NaN : Number(value));
  return {
    compliance: {
      ...compliance,
      auditRetentionDays: days(compliance.auditRetentionDays),
      notificationRetentionDays: days(compliance.notificationRetentionDays),
      deliveryLogRetentionDays: days(compliance.deliveryLogRetentionDays),
      eventRetentionDays: days(compliance.eventRetentionDays),
    },
  };
}

export type RetentionProblem = { field: RetentionField; kind: "required" } | { field: RetentionField; kind: "belowMin"; min: number } | { field: RetentionField; kind: "aboveMax"; max: number };

/**
 * What is wrong with the typed retention periods. The inputs never clamp a value (5 typed where the minimum
 * is 30 stays 5, with this error), so nothing the user typed is rewritten behind their back.
 */
export function retentionProblems({ compliance }: ComplianceValues): RetentionProblem[] {
  const problems: RetentionProblem[] = [];
  for (const { field, min } of RETENTION_FIELDS) {
    const value = compliance[field];
    if (value === "") problems.push({ field, kind: "required" });
    else if (Number(value) < min) problems.push({ field, kind: "belowMin", min });
    else if (Number(value) > RETENTION_MAX_DAYS) problems.push({ field, kind: "aboveMax", max: RETENTION_MAX_DAYS });
  }
  return problems;
}

/** The spending cap as typed, in major units of its currency (12.50), or "" for no cap. */
export type SpendCapTyped = number | "";

/** The cap in integer minor units, as the API takes it (12.50 EUR is 1250), or null for no cap. */
export const spendCapToMinor = (cap: SpendCapTyped, currency: string): number | null => (cap === "" ? null : Math.round(cap * 10 ** currencyDigits(currency)));

/**
 * The largest cap, in major units of the currency, when the typed cap is above it; else null. The field is
 * typed in major units, so the contract's own message (a count of minor units) would name a limit a hundred
 * times what the user can type: the form says it as an amount of money instead.
 */
export function spendCapAboveMax(cap: SpendCapTyped, currency: string): number | null {
  const minor = spendCapToMinor(cap, currency);
  return minor !== null && minor > SPEND_CAP_MAX ? SPEND_CAP_MAX : null;
}
