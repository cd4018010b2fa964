// Tenant users: listing and viewing (management comes with the users issue).
import type { ListUsersInput } from "@tenancy/contracts";
import type { Prisma } from "@tenancy/db";
import type { z } from "zod";
import { AppError } from "../../lib/app-error.js";
import { afterCursor, decodeCursor, page } from "../../lib/cursor.js";
import type { TenantScope } from "../../lib/scope.js";

const SELECT = {
  id: true, email: true, name: true, status: true, mustChangePassword: true, lastLoginAt: true, createdAt: true,
  roles: { select: { role: { select: { id: true, name: true } } } },
} as const satisfies Prisma.UserSelect;

type Row = Prisma.UserGetPayload<{ select: typeof SELECT }>;
const toDto = ({ roles, ...user }: Row) => ({ ...user, roles: roles.map((r) => r.role) });

export async function list(scope: TenantScope, input: z.infer<typeof ListUsersInput>) {
  const search: Prisma.UserWhereInput = input.search
    ? { OR: [{ name: { contains: input.search, mode: "insensitive" } }, { email: { contains: input.search, mode: "insensitive" } }] }
    : {};
  const rows = await scope.db.user.findMany({
    where: { AND: [search, afterCursor(decodeCursor(input.cursor))] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: SELECT,
  });
  const result = page(rows, input.limit);
  return { items: result.items.map(toDto), nextCursor: result.nextCursor };
}

export async function get(scope: TenantScope, userId: string) {
  const user = await scope.db.user.findUnique({ where: { id: userId }, select: SELECT });
  if (!user) throw new AppError("USER_NOT_FOUND", "This user does not exist in your workspace.");
  return toDto(user);
}
