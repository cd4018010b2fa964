// modules: the catalog (platform admins) and the marketplace (tenants).
import {
  CreateModuleInput, CreatePlanInput, ListModulesInput, MarketplaceOutput, ModuleKeyInput, ModuleListOutput, ModuleOutput, ModuleWithPlansOutput,
  NewPlanVersionInput, PlanIdInput, PlanOutput, UpdateModuleInput,
} from "@tenancy/contracts";
import { z } from "zod";
import { router } from "../../trpc/init.js";
import { platformProcedure, tenantProcedure } from "../../trpc/procedures.js";
import { marketplace } from "./marketplace.js";
import * as catalog from "./platform-service.js";

export const modulesRouter = router({
  list: platformProcedure.input(ListModulesInput).output(ModuleListOutput).query(({ ctx, input }) => catalog.list(ctx.scope, input)),
  get: platformProcedure.input(ModuleKeyInput).output(ModuleWithPlansOutput).query(({ ctx, input }) => catalog.get(ctx.scope, input.key)),
  create: platformProcedure.input(CreateModuleInput).output(ModuleWithPlansOutput).mutation(({ ctx, input }) => catalog.create(ctx.scope, input)),
  update: platformProcedure.input(UpdateModuleInput).output(ModuleOutput).mutation(({ ctx, input }) => catalog.update(ctx.scope, input)),
  publish: platformProcedure.input(ModuleKeyInput).output(ModuleOutput).mutation(({ ctx, input }) => catalog.publish(ctx.scope, input.key)),
  retire: platformProcedure.input(ModuleKeyInput).output(ModuleOutput).mutation(({ ctx, input }) => catalog.retire(ctx.scope, input.key)),
  plans: router({
    create: platformProcedure.input(CreatePlanInput).output(PlanOutput).mutation(({ ctx, input }) => catalog.createPlan(ctx.scope, input)),
    newVersion: platformProcedure.input(NewPlanVersionInput).output(PlanOutput).mutation(({ ctx, input }) => catalog.newPlanVersion(ctx.scope, input)),
    retire: platformProcedure.input(PlanIdInput).output(PlanOutput).mutation(({ ctx, input }) => catalog.retirePlan(ctx.scope, input.planId)),
  }),
  /** Published modules and their plans in the tenant's currency. */
  marketplace: tenantProcedure.meta({ permission: "billing.read" }).input(z.void()).output(MarketplaceOutput).query(({ ctx }) => marketplace(ctx.scope)),
});
