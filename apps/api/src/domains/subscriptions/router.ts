// subscriptions: the tenant's trials and subscriptions to modules.
import {
  ChangePlanInput, ModuleAccessOutput, PreviewInput, PreviewOutput, StartTrialInput, SubscribeInput, SubscriptionListOutput, SubscriptionModuleInput, SubscriptionOutput,
} from "@tenancy/contracts";
import { z } from "zod";
import { router } from "../../trpc/init.js";
import { tenantProcedure } from "../../trpc/procedures.js";
import * as subscriptions from "./service.js";

const read = tenantProcedure.meta({ permission: "billing.read" });
const manage = tenantProcedure.meta({ permission: "subscriptions.manage" });

export const subscriptionsRouter = router({
  /** Which product modules are open to the workspace (every user: the app's navigation hides closed ones). */
  modules: tenantProcedure.input(z.void()).output(ModuleAccessOutput).query(({ ctx }) => subscriptions.moduleAccessList(ctx.scope)),
  list: read.input(z.void()).output(SubscriptionListOutput).query(({ ctx }) => subscriptions.list(ctx.scope)),
  /** What subscribing, changing plan or switching interval would do and cost; nothing is changed. */
  preview: manage.input(PreviewInput).output(PreviewOutput).query(({ ctx, input }) => subscriptions.preview(ctx.scope, input)),
  startTrial: manage.input(StartTrialInput).output(SubscriptionOutput).mutation(({ ctx, input }) => subscriptions.startTrial(ctx.scope, input)),
  subscribe: manage.input(SubscribeInput).output(SubscriptionOutput).mutation(({ ctx, input }) => subscriptions.subscribe(ctx.scope, input)),
  changePlan: manage.input(ChangePlanInput).output(SubscriptionOutput).mutation(({ ctx, input }) => subscriptions.changePlan(ctx.scope, input)),
  switchInterval: manage.input(SubscriptionModuleInput).output(SubscriptionOutput).mutation(({ ctx, input }) => subscriptions.switchInterval(ctx.scope, input.moduleKey)),
  cancel: manage.input(SubscriptionModuleInput).output(SubscriptionOutput).mutation(({ ctx, input }) => subscriptions.cancel(ctx.scope, input.moduleKey)),
  resume: manage.input(SubscriptionModuleInput).output(SubscriptionOutput).mutation(({ ctx, input }) => subscriptions.resume(ctx.scope, input.moduleKey)),
  activate: manage.input(SubscriptionModuleInput).output(SubscriptionOutput).mutation(({ ctx, input }) => subscriptions.setModuleActive(ctx.scope, input.moduleKey, true)),
  deactivate: manage.input(SubscriptionModuleInput).output(SubscriptionOutput).mutation(({ ctx, input }) => subscriptions.setModuleActive(ctx.scope, input.moduleKey, false)),
});
