// platform: tenants and platform admins, for platform admins only.
import {
  CreatePlatformAdminInput, CreatePlatformAdminOutput, CreateTenantInput, CreateTenantOutput, ListTenantsInput,
  PlatformAdminIdInput, PlatformAdminOutput, ResetPasswordOutput, ResetTenantAdminPasswordInput, SuspendTenantInput,
  TenantDetailOutput, TenantIdInput, TenantListOutput, TenantOutput, UpdateTenantInput,
} from "@tenancy/contracts";
import { z } from "zod";
import { router } from "../../trpc/init.js";
import { platformProcedure } from "../../trpc/procedures.js";
import * as admins from "./admins-service.js";
import * as tenants from "./tenants-service.js";

export const platformRouter = router({
  tenants: router({
    list: platformProcedure.input(ListTenantsInput).output(TenantListOutput).query(({ ctx, input }) => tenants.list(ctx.scope, input)),
    get: platformProcedure.input(TenantIdInput).output(TenantDetailOutput).query(({ ctx, input }) => tenants.get(ctx.scope, input.tenantId)),
    create: platformProcedure.input(CreateTenantInput).output(CreateTenantOutput).mutation(({ ctx, input }) => tenants.create(ctx.scope, input)),
    update: platformProcedure.input(UpdateTenantInput).output(TenantOutput).mutation(({ ctx, input }) => tenants.update(ctx.scope, input)),
    suspend: platformProcedure.input(SuspendTenantInput).output(TenantOutput).mutation(({ ctx, input }) => tenants.suspend(ctx.scope, input)),
    reactivate: platformProcedure.input(TenantIdInput).output(TenantOutput).mutation(({ ctx, input }) => tenants.reactivate(ctx.scope, input.tenantId)),
    resetAdminPassword: platformProcedure
      .input(ResetTenantAdminPasswordInput)
      .output(ResetPasswordOutput)
      .mutation(({ ctx, input }) => tenants.resetAdminPassword(ctx.scope, input)),
  }),
  admins: router({
    list: platformProcedure.input(z.void()).output(z.object({ items: z.array(PlatformAdminOutput) })).query(({ ctx }) => admins.list(ctx.scope)),
    create: platformProcedure.input(CreatePlatformAdminInput).output(CreatePlatformAdminOutput).mutation(({ ctx, input }) => admins.create(ctx.scope, input)),
    deactivate: platformProcedure.input(PlatformAdminIdInput).output(PlatformAdminOutput).mutation(({ ctx, input }) => admins.setActive(ctx.scope, input.adminId, false)),
    reactivate: platformProcedure.input(PlatformAdminIdInput).output(PlatformAdminOutput).mutation(({ ctx, input }) => admins.setActive(ctx.scope, input.adminId, true)),
  }),
});
