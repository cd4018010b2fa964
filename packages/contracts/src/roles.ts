// Roles: the built-in Tenant Admin and custom roles made of catalog permissions.
import { z } from "zod";
import { ClearableText, Id, OptionalText } from "./common.js";
import { msg } from "./messages.js";
import { PERMISSION_NAMES, type Permission } from "./permissions.js";

const PermissionName = z.string().refine((p): p is Permission => (PERMISSION_NAMES as string[]).includes(p), {
  message: msg("role.unknownPermission"),
  params: { known: PERMISSION_NAMES.join(", ") },
});

export const RoleOutput = z.object({
  id: z.string(),
  key: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  permissions: z.array(z.string()),
  builtIn: z.boolean(),
  userCount: z.number().int(),
  createdAt: z.date(),
});

const RoleName = z.string().trim().min(1, msg("role.nameRequired")).max(60, msg("role.nameTooLong"));

export const CreateRoleInput = z.object({
  name: RoleName,
  description: OptionalText(300),
  permissions: z.array(PermissionName).max(PERMISSION_NAMES.length).transform((list) => [...new Set(list)]),
});
export const UpdateRoleInput = z.object({
  roleId: Id,
  name: RoleName.optional(),
  description: ClearableText(300).optional().describe('"" clears the description; leave out to keep it.'),
  permissions: z
    .array(PermissionName)
    .max(PERMISSION_NAMES.length)
    .transform((list) => [...new Set(list)])
    .optional(),
});
export const DeleteRoleInput = z.object({
  roleId: Id,
  reassignToRoleId: Id.optional().describe("Users who hold only this role are given this one instead."),
});
export const RoleIdInput = z.object({ roleId: Id });
export const RoleListOutput = z.object({ items: z.array(RoleOutput) });
