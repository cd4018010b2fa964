// billing: the tenant's invoices, and for platform admins every tenant's invoices and the billing settings.
import {
  BillingSettingsOutput, InvoiceDetailOutput, InvoiceIdInput, InvoiceListOutput, ListInvoicesInput, PlatformListInvoicesInput, TenantInvoiceDetailOutput, UpdateBillingSettingsInput,
} from "@tenancy/contracts";
import { z } from "zod";
import { router } from "../../trpc/init.js";
import { platformProcedure, tenantProcedure } from "../../trpc/procedures.js";
import * as invoices from "./invoices.js";
import * as platform from "./platform-invoices.js";

const read = tenantProcedure.meta({ permission: "billing.read" });

export const billingRouter = router({
  invoices: router({
    list: read.input(ListInvoicesInput).output(InvoiceListOutput).query(({ ctx, input }) => invoices.list(ctx.scope, input)),
    get: read.input(InvoiceIdInput).output(TenantInvoiceDetailOutput).query(({ ctx, input }) => invoices.get(ctx.scope, input.invoiceId)),
  }),
  /** Platform admins: every tenant's invoices, settling them, and the dunning settings. */
  admin: router({
    invoices: router({
      list: platformProcedure.input(PlatformListInvoicesInput).output(InvoiceListOutput).query(({ ctx, input }) => platform.list(ctx.scope, input)),
      get: platformProcedure.input(InvoiceIdInput).output(InvoiceDetailOutput).query(({ ctx, input }) => platform.get(ctx.scope, input.invoiceId)),
      markPaid: platformProcedure.input(InvoiceIdInput).output(InvoiceDetailOutput).mutation(({ ctx, input }) => platform.settle(ctx.scope, input.invoiceId, "pay")),
      markVoid: platformProcedure.input(InvoiceIdInput).output(InvoiceDetailOutput).mutation(({ ctx, input }) => platform.settle(ctx.scope, input.invoiceId, "void")),
      markUncollectible: platformProcedure
        .input(InvoiceIdInput)
        .output(InvoiceDetailOutput)
        .mutation(({ ctx, input }) => platform.settle(ctx.scope, input.invoiceId, "mark_uncollectible")),
    }),
    settings: router({
      get: platformProcedure.input(z.void()).output(BillingSettingsOutput).query(({ ctx }) => platform.getSettings(ctx.scope)),
      update: platformProcedure.input(UpdateBillingSettingsInput).output(BillingSettingsOutput).mutation(({ ctx, input }) => platform.updateSettings(ctx.scope, input)),
    }),
  }),
});
