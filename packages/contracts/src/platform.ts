// Platform area: tenants (general info, localization, the first admin) and platform admins.
import { z } from "zod";
import { msg } from "./messages.js";
import { ClearableText, Country, Currency, Email, Id, Language, NewPassword, OptionalText, PageInput, PersonName, Phone, Slug, TimeZone } from "./common.js";

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

export const TenantDetailOutput = TenantOutput.extend({ admins: z.array(TenantAdminOutput), userCount: z.number().int() });

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
