// Tenant provisioning and lifecycle, for platform admins: create a tenant with its first admin in one
// transaction, list/search, view, edit, suspend (ending every session), reactivate, reset an admin's password.
import type { CreateTenantInput, ListTenantsInput, ResetTenantAdminPasswordInput, SuspendTenantInput, TenantDto, UpdateTenantInput } from "@tenancy/contracts";
import { PERMISSION_NAMES, TENANT_ADMIN_ROLE_KEY } from "@tenancy/contracts";
import { endSessions, nameSortKey, uuidv7, type Prisma } from "@tenancy/db";
import type { z } from "zod";
import { AppError, isUniqueViolation } from "../../lib/app-error.js";
import { afterCursor, decodeCursor, page } from "../../lib/cursor.js";
import { afterNameCursor, decodeNameCursor, namePage } from "../../lib/name-cursor.js";
import { generatePassword, hashPassword } from "../../lib/passwords.js";
import { diff, record } from "../../lib/record.js";
import { defaultRuleRows } from "../notifications/defaults.js";
import type { Scope } from "../../lib/scope.js";
import { likeLiteral } from "../../lib/search.js";

const TENANT_SELECT = {
  id: true, slug: true, name: true, legalName: true, contactEmail: true, phone: true, addressLine: true, city: true,
  postalCode: true, country: true, timeZone: true, currency: true, language: true, status: true, suspendedAt: true,
  suspensionReason: true, createdAt: true, updatedAt: true,
} as const satisfies Prisma.TenantSelect;

const ADMIN_SELECT = { id: true, email: true, name: true, status: true, mustChangePassword: true, lastLoginAt: true } as const;

const ref = (t: { id: string; slug: string; name: string }) => ({ tenantId: t.id, slug: t.slug, name: t.name });

async function findTenant(scope: Scope, tenantId: string): Promise<TenantDto> {
  const tenant = await scope.prisma.tenant.findUnique({ where: { id: tenantId }, select: TENANT_SELECT });
  if (!tenant) throw new AppError("TENANT_NOT_FOUND", "This tenant does not exist.");
  return tenant;
}

export async function list(scope: Scope, input: z.infer<typeof ListTenantsInput>) {
  const where: Prisma.TenantWhereInput = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.search
      ? {
          OR: [
            { name: { contains: likeLiteral(input.search), mode: "insensitive" } },
            { slug: { contains: likeLiteral(input.search), mode: "insensitive" } },
            { contactEmail: { contains: likeLiteral(input.search), mode: "insensitive" } },
          ],
        }
      : {}),
  };
  if (input.sort === "name") {
    // A to Z in the language's order ("Émilie" among the E's), by the stored sort key, then id.
    const cursor = decodeNameCursor(input.cursor);
    const [rows, total] = await Promise.all([
      scope.prisma.tenant.findMany({
        where: { AND: [where, afterNameCursor(cursor)] },
        orderBy: [{ nameSortKey: "asc" }, { id: "asc" }],
        take: input.limit + 1,
        select: { ...TENANT_SELECT, nameSortKey: true },
      }),
      scope.prisma.tenant.count({ where }),
    ]);
    const { items, nextCursor } = namePage(rows, input.limit);
    return { items: items.map(({ nameSortKey: _key, ...tenant }) => tenant), nextCursor, total };
  }
  const cursor = decodeCursor(input.cursor);
  const [rows, total] = await Promise.all([
    scope.prisma.tenant.findMany({
      where: { AND: [where, afterCursor(cursor)] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      select: TENANT_SELECT,
    }),
    scope.prisma.tenant.count({ where }),
  ]);
  return { ...page(rows, input.limit), total };
}

export async function get(scope: Scope, tenantId: string) {
  const tenant = await findTenant(scope, tenantId);
  const [admins, userCount, cap] = await Promise.all([
    scope.prisma.user.findMany({
      where: { tenantId, roles: { some: { role: { key: TENANT_ADMIN_ROLE_KEY } } } },
      orderBy: { createdAt: "asc" },
      select: ADMIN_SELECT,
    }),
    scope.prisma.user.count({ where: { tenantId } }),
    scope.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { spendCap: true, spendCapCurrency: true } }),
  ]);
  const spendCap = cap.spendCap !== null && cap.spendCapCurrency ? { cap: cap.spendCap, currency: cap.spendCapCurrency } : null;
  return { ...tenant, admins, userCount, spendCap };
}

export async function create(scope: Scope, input: z.infer<typeof CreateTenantInput>) {
  const { admin, ...fields } = input;
  if (await scope.prisma.tenant.findUnique({ where: { slug: fields.slug }, select: { id: true } })) {
    throw new AppError("SLUG_TAKEN", `The slug "${fields.slug}" is already used by another tenant; choose another.`, { field: "slug" });
  }
  const generatedPassword = admin.password ? null : generatePassword();
  const passwordHash = await hashPassword(admin.password ?? generatedPassword!);
  const now = scope.clock.now();
  const tenantId = uuidv7(now.getTime());
  const adminId = uuidv7(now.getTime());
  const roleId = uuidv7(now.getTime());
  try {
    const result = await scope.prisma.$transaction(async (tx) => {
      const tenant = await tx.tenant.create({ data: { id: tenantId, ...fields, nameSortKey: nameSortKey(fields.name), createdAt: now }, select: TENANT_SELECT });
      await tx.role.create({
        data: { id: roleId, tenantId, key: TENANT_ADMIN_ROLE_KEY, name: "Tenant Admin", nameSortKey: nameSortKey("Tenant Admin"), description: "Every permission, including ones added later.", permissions: [...PERMISSION_NAMES], builtIn: true },
      });
      const user = await tx.user.create({
        data: { id: adminId, tenantId, email: admin.email, name: admin.name, nameSortKey: nameSortKey(admin.name), passwordHash, mustChangePassword: true, createdAt: now },
        select: ADMIN_SELECT,
      });
      await tx.userRole.create({ data: { tenantId, userId: adminId, roleId } });
      await tx.notificationRule.createMany({ data: defaultRuleRows(tenantId, roleId, now) });
      await record(tx, scope, {
        type: "tenant.created",
        tenantId,
        target: { type: "tenant", id: tenantId, name: tenant.name },
        changes: { ...fields, admin: { email: admin.email, name: admin.name } },
        payload: { ...ref(tenant), adminEmail: admin.email },
      });
      return { tenant, admin: user };
    });
    await scope.email.send({ to: admin.email, template: "welcome", data: { tenant: result.tenant.name, workspace: result.tenant.slug } });
    await scope.email.send({ to: admin.email, template: "verify_email", data: { tenant: result.tenant.name } });
    return { ...result, generatedPassword };
  } catch (error) {
    if (isUniqueViolation(error, "slug")) {
      throw new AppError("SLUG_TAKEN", `The slug "${fields.slug}" is already used by another tenant; choose another.`, { field: "slug" });
    }
    throw error;
  }
}

export async function update(scope: Scope, input: z.infer<typeof UpdateTenantInput>) {
  const { tenantId, ...fields } = input;
  const before = await findTenant(scope, tenantId);
  const changes = diff(before, fields);
  if (Object.keys(changes).length === 0) throw new AppError("INVALID_STATE", "Nothing to change: every field already has this value.");
  try {
    return await scope.prisma.$transaction(async (tx) => {
      const data = { ...fields, nameSortKey: fields.name === undefined ? undefined : nameSortKey(fields.name) };
      const tenant = await tx.tenant.update({ where: { id: tenantId }, data, select: TENANT_SELECT });
      await record(tx, scope, {
        type: "tenant.updated",
        tenantId,
        target: { type: "tenant", id: tenantId, name: tenant.name },
        changes,
        payload: { ...ref(tenant), fields: Object.keys(changes) },
      });
      return tenant;
    });
  } catch (error) {
    if (isUniqueViolation(error, "slug")) {
      throw new AppError("SLUG_TAKEN", `The slug "${fields.slug}" is already used by another tenant; choose another.`, { field: "slug" });
    }
    throw error;
  }
}

export async function suspend(scope: Scope, input: z.infer<typeof SuspendTenantInput>) {
  const before = await findTenant(scope, input.tenantId);
  if (before.status === "suspended") throw new AppError("INVALID_STATE", "This tenant is already suspended.");
  return scope.prisma.$transaction(async (tx) => {
    const tenant = await tx.tenant.update({ where: { id: input.tenantId }, data: { status: "suspended", suspendedAt: scope.clock.now(), suspensionReason: input.reason ?? null }, select: TENANT_SELECT });
    await endSessions(tx, { tenantId: input.tenantId }, "suspended");
    await record(tx, scope, {
      type: "tenant.suspended",
      tenantId: tenant.id,
      target: { type: "tenant", id: tenant.id, name: tenant.name },
      changes: { status: { from: "active", to: "suspended" }, ...(input.reason ? { reason: input.reason } : {}) },
      payload: { ...ref(tenant), reason: input.reason },
    });
    return tenant;
  });
}

export async function reactivate(scope: Scope, tenantId: string) {
  const before = await findTenant(scope, tenantId);
  if (before.status === "active") throw new AppError("INVALID_STATE", "This tenant is already active.");
  return scope.prisma.$transaction(async (tx) => {
    const tenant = await tx.tenant.update({ where: { id: tenantId }, data: { status: "active", suspendedAt: null, suspensionReason: null }, select: TENANT_SELECT });
    await record(tx, scope, {
      type: "tenant.reactivated",
      tenantId,
      target: { type: "tenant", id: tenantId, name: tenant.name },
      changes: { status: { from: "suspended", to: "active" } },
      payload: ref(tenant),
    });
    return tenant;
  });
}

export async function resetAdminPassword(scope: Scope, input: z.infer<typeof ResetTenantAdminPasswordInput>) {
  const tenant = await findTenant(scope, input.tenantId);
  const user = await scope.prisma.user.findFirst({
    where: { id: input.userId, tenantId: input.tenantId, roles: { some: { role: { key: TENANT_ADMIN_ROLE_KEY } } } },
    select: { id: true, email: true, name: true },
  });
  if (!user) throw new AppError("USER_NOT_FOUND", "This tenant has no admin with this id.");
  const generatedPassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  await scope.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: true } });
    await endSessions(tx, { userId: user.id }, "password_reset");
    await record(tx, scope, {
      type: "tenant.admin_password_reset",
      tenantId: tenant.id,
      target: { type: "user", id: user.id, name: user.email },
      payload: { ...ref(tenant), userId: user.id },
    });
  });
  await scope.email.send({ to: user.email, template: "password_reset", data: { tenant: tenant.name } });
  return { generatedPassword };
}
