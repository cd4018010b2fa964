// tenant: the signed-in tenant's own overview.
import { TenantDashboardOutput } from "@tenancy/contracts";
import { z } from "zod";
import { router } from "../../trpc/init.js";
import { tenantProcedure } from "../../trpc/procedures.js";
import * as tenant from "./service.js";

export const tenantRouter = router({
  dashboard: tenantProcedure
    .meta({ permission: "tenant.read" })
    .input(z.void())
    .output(TenantDashboardOutput)
    .query(({ ctx }) => tenant.dashboard(ctx.scope)),
});
