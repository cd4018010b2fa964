// usage: the tenant's metered usage against its plans' limits. Usage is counted by the domains where it
// happens (meter.ts), never reported by clients.
import { SetSpendCapInput, SpendCapOutput, UsageListOutput } from "@tenancy/contracts";
import { z } from "zod";
import { router } from "../../trpc/init.js";
import { tenantProcedure } from "../../trpc/procedures.js";
import * as usage from "./service.js";
import * as spendCap from "./spend-cap.js";

export const usageRouter = router({
  list: tenantProcedure.meta({ permission: "billing.read" }).input(z.void()).output(UsageListOutput).query(({ ctx }) => usage.list(ctx.scope)),
  spendCap: router({
    get: tenantProcedure.meta({ permission: "billing.read" }).input(z.void()).output(SpendCapOutput).query(({ ctx }) => spendCap.get(ctx.scope)),
    set: tenantProcedure
      .meta({ permission: "subscriptions.manage" })
      .input(SetSpendCapInput)
      .output(SpendCapOutput)
      .mutation(({ ctx, input }) => spendCap.set(ctx.scope, input)),
  }),
});
