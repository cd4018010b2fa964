// Tenant users: listing with search/filters/sorting, creation, deactivation, password resets, profiles.
import { z } from "zod";
import { Email, Id, Language, NewPassword, PageInput, PersonName } from "./common.js";
import { msg } from "./messages.js";

export const UserStatus = z.enum(["active", "deactivated"]);

export const UserOutput = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  status: UserStatus,
  mustChangePassword: z.boolean(),
  language: z.string().nullable(),
  /** `key` marks a built-in role (e.g. "tenant_admin"), whose name clients may show in their own words. */
  roles: z.array(z.object({ id: z.string(), key: z.string().nullable(), name: z.string() })),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
});
export type UserDto = z.infer<typeof UserOutput>;

export const USER_SORTS = ["createdAt", "name", "email"] as const;
export const ListUsersInput = PageInput.extend({
  search: z.string().trim().max(100).optional().describe("Matches name or e-mail, case-insensitively."),
  roleId: Id.optional(),
  status: UserStatus.optional(),
  sort: z.enum(USER_SORTS).default("createdAt").describe("createdAt: newest first; name and email: A to Z."),
});
export const UserListOutput = z.object({ items: z.array(UserOutput), nextCursor: z.string().nullable() });
export const UserIdInput = z.object({ userId: Id });

const RoleIds = z.array(Id).min(1, msg("user.rolesRequired")).max(20, msg("user.tooManyRoles"));

export const CreateUserInput = z.object({
  email: Email,
  name: PersonName,
  roleIds: RoleIds,
  password: NewPassword.optional().describe("Leave empty to generate a one-time password, shown once."),
  language: Language.optional(),
});
export const CreateUserOutput = z.object({ user: UserOutput, generatedPassword: z.string().nullable() });

export const UpdateUserInput = z.object({ userId: Id, name: PersonName.optional(), roleIds: RoleIds.optional(), language: Language.nullable().optional() });

export const ResetUserPasswordInput = z.object({ userId: Id, password: NewPassword.optional() });
export const ResetUserPasswordOutput = z.object({ generatedPassword: z.string().nullable() });

export const UpdateProfileInput = z.object({ name: PersonName.optional(), language: Language.nullable().optional() });

export const TenantDashboardOutput = z.object({
  tenant: z.object({ id: z.string(), name: z.string(), slug: z.string(), timeZone: z.string(), currency: z.string(), language: z.string(), createdAt: z.date() }),
  activeUsers: z.number().int(),
  eventsThisMonth: z.number().int(),
});
