// The settings forms' values, shaped like UpdateSettingsInput ({ general: {...} }, ...) so the contracts'
// field paths ("compliance.auditRetentionDays") name the form's fields, for the browser's checks and the
// server's alike.
import type { Settings } from "@tenancy/contracts";
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

type RetentionField = "auditRetentionDays" | "notificationRetentionDays" | "deliveryLogRetentionDays";

export interface ComplianceValues {
  compliance: Record<RetentionField, number | string> & {
    keepAuditIpAndUserAgent: boolean;
    maskPersonalDataInExports: boolean;
  };
}

/** The retention periods with their minimums (the contracts' own; the server checks them too). */
export const RETENTION_FIELDS: readonly { field: RetentionField; min: number; label: PlainMessageKey }[] = [
  { field: "auditRetentionDays", min: 30, label: "settings.retention.audit" },
  { field: "notificationRetentionDays", min: 7, label: "settings.retention.notifications" },
  { field: "deliveryLogRetentionDays", min: 1, label: "settings.retention.deliveryLogs" },
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
    },
  };
}
