// analytics: the platform's revenue and subscription metrics over a range of months, and a tenant's own
// subscriptions, upcoming renewals and usage. Read-only.
import { AnalyticsRangeInput, PlatformAnalyticsOutput, TenantAnalyticsOutput } from "@tenancy/contracts";
import { z } from "zod";
import { router } from "../../trpc/init.js";
import { platformProcedure, tenantProcedure } from "../../trpc/procedures.js";
import { platformAnalytics } from "./platform-service.js";
import * as tenant from "./service.js";

export const analyticsRouter = router({
  /** The tenant's subscriptions, renewals of the next 30 and 90 days, and usage this period. */
  tenant: tenantProcedure.meta({ permission: "billing.read" }).input(z.void()).output(TenantAnalyticsOutput).query(({ ctx }) => tenant.summary(ctx.scope)),
  /** Platform admins: MRR/ARR, trials, churn, revenue and tenants, per UTC month over the range. */
  platform: platformProcedure.input(AnalyticsRangeInput).output(PlatformAnalyticsOutput).query(({ ctx, input }) => platformAnalytics(ctx.scope, input)),
});
