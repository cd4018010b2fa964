// Login, logout, the current principal, and password changes.
import { z } from "zod";
import { Email, NewPassword, PASSWORD_MAX } from "./common.js";
import { msg } from "./messages.js";

export const LoginInput = z.object({
  email: Email,
  password: z.string().min(1, msg("password.required")).max(PASSWORD_MAX, msg("password.tooLong")),
  workspace: z
    .string()
    .trim()
    .toLowerCase()
    .max(40)
    .optional()
    .transform((value) => (value === "" ? undefined : value))
    .describe("The tenant's slug; leave empty to log in as a platform admin."),
});

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, msg("password.currentRequired")).max(PASSWORD_MAX),
    newPassword: NewPassword,
  })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ["newPassword"], message: msg("password.sameAsCurrent") });

export const TenantSummary = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  language: z.string(),
  dateFormat: z.string(),
  numberFormat: z.string(),
});

export const MeOutput = z.object({
  kind: z.enum(["platform_admin", "user"]),
  id: z.string(),
  email: z.string(),
  name: z.string(),
  mustChangePassword: z.boolean(),
  /**
   * The language the app should speak: the user's own, else the tenant's; a platform admin's own, or null
   * when they chose none (the app then follows the browser's language, else English).
   */
  language: z.string().nullable(),
  permissions: z.array(z.string()),
  tenant: TenantSummary.nullable(),
  /** When this session ends unless it is used again (sliding expiry): the app tells an expiry from other ends. */
  sessionExpiresAt: z.date(),
});
export type Me = z.infer<typeof MeOutput>;

export const LoginOutput = z.object({ me: MeOutput });
