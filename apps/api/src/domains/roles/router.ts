// roles: the tenant's roles and the permission catalog they are made of.
import { CreateRoleInput, DeleteRoleInput, PERMISSIONS, RoleListOutput, RoleOutput, UpdateRoleInput } from "@tenancy/contracts";
import { z } from "zod";
import { router } from "../../trpc/init.js";
import { tenantProcedure } from "../../trpc/procedures.js";
import * as roles from "./service.js";

const manage = tenantProcedure.meta({ permission: "roles.manage" });
const PermissionCatalogOutput = z.object({ items: z.array(z.object({ name: z.string(), module: z.string(), description: z.string() })) });

export const rolesRouter = router({
  /** Readable by anyone who may read users, so role filters and badges work. */
  list: tenantProcedure.meta({ permission: "users.read" }).input(z.void()).output(RoleListOutput).query(({ ctx }) => roles.list(ctx.scope)),
  permissions: tenantProcedure
    .meta({ permission: "roles.manage" })
    .input(z.void())
    .output(PermissionCatalogOutput)
    .query(() => ({ items: Object.entries(PERMISSIONS).map(([name, p]) => ({ name, module: p.module, description: p.description })) })),
  create: manage.input(CreateRoleInput).output(RoleOutput).mutation(({ ctx, input }) => roles.create(ctx.scope, input)),
  update: manage.input(UpdateRoleInput).output(RoleOutput).mutation(({ ctx, input }) => roles.update(ctx.scope, input)),
  delete: manage.input(DeleteRoleInput).output(z.object({ ok: z.literal(true) })).mutation(({ ctx, input }) => roles.remove(ctx.scope, input)),
});
