// platform: tenants, platform admins, each admin's own profile and the platform audit log, for platform admins
// only (the audit log's CSV export is an HTTP route: audit-export-route.ts).
import {
  CreatePlatformAdminInput, CreatePlatformAdminOutput, CreateTenantInput, CreateTenantOutput, ListPlatformAuditInput, ListTenantsInput,
  PlatformAdminIdInput, PlatformAdminOutput, PlatformAuditListOutput, PlatformProfileOutput, ResetPasswordOutput,
  ResetPlatformAdminPasswordOutput, ResetTenantAdminPasswordInput, SuspendTenantInput, TenantDetailOutput, TenantIdInput, TenantListOutput,
  TenantOutput, UpdatePlatformProfileInput, UpdateTenantInput,
} from "@tenancy/contracts";
import { z } from "zod";
import { platformNotificationsRouter } from "../notifications/platform-router.js";
import { router } from "../../trpc/init.js";
import { platformProcedure } from "../../trpc/procedures.js";
import * as admins from "./admins-service.js";
import * as audit from "./audit-service.js";
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
    /** Another admin's password, replaced by a one-time password returned once; refused on oneself. */
    resetPassword: platformProcedure
      .input(PlatformAdminIdInput)
      .output(ResetPlatformAdminPasswordOutput)
      .mutation(({ ctx, input }) => admins.resetPassword(ctx.scope, input.adminId)),
  }),
  /** The signed-in platform admin's own name and language (their password: auth.changePassword). */
  profile: router({
    get: platformProcedure.input(z.void()).output(PlatformProfileOutput).query(({ ctx }) => admins.getProfile(ctx.scope)),
    update: platformProcedure.input(UpdatePlatformProfileInput).output(PlatformProfileOutput).mutation(({ ctx, input }) => admins.updateProfile(ctx.scope, input)),
  }),
  /** The platform admin's own notifications (decision 50). */
  notifications: platformNotificationsRouter,
  audit: router({
    list: platformProcedure.input(ListPlatformAuditInput).output(PlatformAuditListOutput).query(({ ctx, input }) => audit.list(ctx.scope, input)),
  }),
});
