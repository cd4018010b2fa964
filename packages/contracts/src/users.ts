// Tenant users as the API returns them (management procedures come with the users issue).
import { z } from "zod";
import { Id, PageInput } from "./common.js";

export const UserOutput = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  status: z.enum(["active", "deactivated"]),
  mustChangePassword: z.boolean(),
  roles: z.array(z.object({ id: z.string(), name: z.string() })),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
});
export const ListUsersInput = PageInput.extend({ search: z.string().trim().max(100).optional() });
export const UserListOutput = z.object({ items: z.array(UserOutput), nextCursor: z.string().nullable() });
export const UserIdInput = z.object({ userId: Id });

export const TenantDashboardOutput = z.object({
  tenant: z.object({ id: z.string(), name: z.string(), slug: z.string(), timeZone: z.string(), currency: z.string(), language: z.string(), createdAt: z.date() }),
  activeUsers: z.number().int(),
  eventsThisMonth: z.number().int(),
});
