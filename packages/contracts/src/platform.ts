// Platform area: tenants (general info, localization, the first admin), platform admins (their own profile,
// password resets of one another) and the platform audit log.
import { z } from "zod";
import { msg } from "./messages.js";
import { AuditEntryOutput } from "./audit.js";
import {
  CalendarDate, ClearableText, Country, Currency, Email, Id, Language, NewPassword, OptionalText, PageInput, PersonName, Phone, Slug,
  SUPPORTED_LANGUAGES, TimeZone,
} from "./common.js";

export const TenantStatus = z.enum(["active", "suspended"]);

const TenantName = z.string().trim().min(1, msg("tenantName.required")).max(120, msg("name.tooLong"));

/** A tenant's general information as entered at creation (empty optional text is left out). */
const TenantGeneralFields = {
  name: TenantName,
  slug: Slug,
  legalName: OptionalText(200),
  contactEmail: Email,
  phone: Phone.optional().transform((v) => (v === "" ? undefined : v)),
  addressLine: OptionalText(200),
  city: OptionalText(100),
  postalCode: OptionalText(20),
  country: Country,
};

/** The same fields when edited (by a platform admin or in the tenant's settings): "" clears optional text. */
export const TenantGeneralUpdateFields = {
  name: TenantName,
  legalName: ClearableText(200),
  contactEmail: Email,
  phone: Phone.transform((v) => (v === "" ? null : v)),
  addressLine: ClearableText(200),
  city: ClearableText(100),
  postalCode: ClearableText(20),
  country: Country,
};

const TenantLocalizationFields = {
  timeZone: TimeZone,
  currency: Currency,
  language: Language,
};

export const CreateTenantInput = z.object({
  ...TenantGeneralFields,
  ...TenantLocalizationFields,
  admin: z.object({
    email: Email,
    name: PersonName,
    password: NewPassword.optional().describe("Leave empty to generate a one-time password, shown once."),
  }),
});

export const UpdateTenantInput = z
  .object({ ...TenantGeneralUpdateFields, slug: Slug, ...TenantLocalizationFields })
  .partial()
  .extend({ tenantId: Id });

export const TenantOutput = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  legalName: z.string().nullable(),
  contactEmail: z.string(),
  phone: z.string().nullable(),
  addressLine: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  language: z.string(),
  status: TenantStatus,
  suspendedAt: z.date().nullable(),
  /** Why the tenant was suspended, as the platform admin wrote it; null when active or given no reason. */
  suspensionReason: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TenantDto = z.infer<typeof TenantOutput>;

export const TenantAdminOutput = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  status: z.enum(["active", "deactivated"]),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.date().nullable(),
});

export const TenantDetailOutput = TenantOutput.extend({
  admins: z.array(TenantAdminOutput),
  userCount: z.number().int(),
  /** The spending cap the tenant set (decision 44), in minor units of its currency; null: none. */
  spendCap: z.object({ cap: z.number().int(), currency: z.string() }).nullable(),
});

export const TENANT_SORTS = ["createdAt", "name"] as const;
export const ListTenantsInput = PageInput.extend({
  search: z.string().trim().max(100).optional(),
  status: TenantStatus.optional(),
  sort: z.enum(TENANT_SORTS).default("createdAt").describe("createdAt: newest first; name: A to Z in the language's order."),
});

export const TenantListOutput = z.object({
  items: z.array(TenantOutput),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const CreateTenantOutput = z.object({
  tenant: TenantOutput,
  admin: TenantAdminOutput,
  /** Set only when the password was generated: shown once, never stored in clear. */
  generatedPassword: z.string().nullable(),
});

export const TenantIdInput = z.object({ tenantId: Id });
export const SuspendTenantInput = z.object({ tenantId: Id, reason: OptionalText(500) });

export const ResetTenantAdminPasswordInput = z.object({
  tenantId: Id,
  userId: Id,
  password: NewPassword.optional().describe("Leave empty to generate a temporary password."),
});
export const ResetPasswordOutput = z.object({ generatedPassword: z.string().nullable() });

export const PlatformAdminOutput = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  status: z.enum(["active", "deactivated"]),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
});
export const CreatePlatformAdminInput = z.object({ email: Email, name: PersonName, password: NewPassword.optional() });
export const CreatePlatformAdminOutput = z.object({ admin: PlatformAdminOutput, generatedPassword: z.string().nullable() });
export const PlatformAdminIdInput = z.object({ adminId: Id });

/** Resetting another platform admin's password: the one-time password is always generated, shown once. */
export const ResetPlatformAdminPasswordOutput = z.object({
  admin: PlatformAdminOutput,
  generatedPassword: z.string().describe("Shown once to the admin who reset it; the owner must change it at next sign-in."),
});

/** The languages the platform area speaks; a platform admin without one sees their browser's (else English). */
export const PlatformLanguage = z.enum(SUPPORTED_LANGUAGES, { message: msg("language.choose") });

export const PlatformProfileOutput = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  language: PlatformLanguage.nullable().describe("Null: the browser's language, else English."),
});

export const UpdatePlatformProfileInput = z.object({
  name: PersonName.optional(),
  language: PlatformLanguage.nullable().optional().describe("Null to follow the browser's language; leave out to keep."),
});

/**
 * The platform audit log's filters, the tenant audit log's (every filter combines with the others) plus the
 * time zone its days are counted in: a platform admin has no tenant's, so the app sends the browser's.
 */
export const PlatformAuditFilters = z
  .object({
    from: CalendarDate.optional().describe("First day included, in `timeZone` (YYYY-MM-DD)."),
    to: CalendarDate.optional().describe("Last day included, in `timeZone` (YYYY-MM-DD)."),
    timeZone: TimeZone.optional().describe("IANA time zone of `from` and `to`; UTC when left out."),
    action: z.string().trim().max(100).optional().describe("Event type, e.g. tenant.suspended."),
    module: z.string().trim().max(50).optional(),
    actorId: z.string().trim().max(100).optional(),
    targetId: z.string().trim().max(100).optional(),
    targetType: z.string().trim().max(50).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: msg("dateRange.endBeforeStart") });

export const ListPlatformAuditInput = PageInput.and(PlatformAuditFilters);

export const PlatformAuditEntryOutput = AuditEntryOutput.extend({
  /** The tenant the entry concerns (an action of a platform admin inside it), by name; null for platform-level entries. */
  tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
});
export const PlatformAuditListOutput = z.object({ items: z.array(PlatformAuditEntryOutput), nextCursor: z.string().nullable() });
