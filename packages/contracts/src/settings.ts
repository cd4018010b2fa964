// Tenant settings, edited by the tenant admin: general info, localization, compliance.
import { z } from "zod";
import { Currency, Language, TimeZone } from "./common.js";
import { msg } from "./messages.js";
import { TenantGeneralUpdateFields } from "./platform.js";

export const DATE_FORMATS = ["locale", "yyyy-MM-dd", "dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.yyyy"] as const;
export const NUMBER_FORMATS = ["locale", "1,234.56", "1.234,56", "1 234,56"] as const;

const Days = (min: number) =>
  z
    .number()
    .int()
    .min(min, msg("retention.tooShort"))
    .max(3650, msg("retention.tooLong"));

export const SettingsOutput = z.object({
  general: z.object({
    name: z.string(),
    slug: z.string(),
    legalName: z.string().nullable(),
    contactEmail: z.string(),
    phone: z.string().nullable(),
    addressLine: z.string().nullable(),
    city: z.string().nullable(),
    postalCode: z.string().nullable(),
    country: z.string(),
  }),
  localization: z.object({
    timeZone: z.string(),
    currency: z.string(),
    language: z.string(),
    dateFormat: z.enum(DATE_FORMATS),
    numberFormat: z.enum(NUMBER_FORMATS),
  }),
  compliance: z.object({
    auditRetentionDays: z.number().int(),
    notificationRetentionDays: z.number().int(),
    deliveryLogRetentionDays: z.number().int(),
    eventRetentionDays: z.number().int(),
    keepAuditIpAndUserAgent: z.boolean(),
    maskPersonalDataInExports: z.boolean(),
  }),
});
export type Settings = z.infer<typeof SettingsOutput>;

export const UpdateSettingsInput = z.object({
  general: z.object(TenantGeneralUpdateFields).partial().optional(),
  localization: z
    .object({ timeZone: TimeZone, currency: Currency, language: Language, dateFormat: z.enum(DATE_FORMATS), numberFormat: z.enum(NUMBER_FORMATS) })
    .partial()
    .optional(),
  compliance: z
    .object({
      auditRetentionDays: Days(30),
      notificationRetentionDays: Days(7),
      deliveryLogRetentionDays: Days(1),
      /** How long dispatched events stay for partners to replay (decision 49). */
      eventRetentionDays: Days(1),
      keepAuditIpAndUserAgent: z.boolean(),
      maskPersonalDataInExports: z.boolean(),
    })
    .partial()
    .optional(),
});
