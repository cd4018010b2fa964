// Invoices (issued by the billing job; tenants read theirs, platform admins settle them) and the platform's
// billing settings (the dunning grace periods).
import { z } from "zod";
import { Id, PageInput } from "./common.js";
import { msg } from "./messages.js";
import { ChargeKind } from "./subscriptions.js";

export const InvoiceStatus = z.enum(["draft", "open", "paid", "void", "uncollectible"]);

export const InvoiceLineOutput = z.object({
  position: z.number().int(),
  kind: ChargeKind,
  moduleKey: z.string(),
  planId: z.string().nullable(),
  description: z.string(),
  quantity: z.number().int(),
  unitAmount: z.number().int(),
  amount: z.number().int(),
  periodStart: z.date().nullable(),
  periodEnd: z.date().nullable(),
});

export const InvoiceOutput = z.object({
  id: z.string(),
  tenantId: z.string(),
  subscriptionId: z.string(),
  number: z.string().nullable(),
  status: InvoiceStatus,
  currency: z.string(),
  subtotal: z.number().int(),
  taxRateBasisPoints: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
  issuedAt: z.date().nullable(),
  dueAt: z.date().nullable(),
  paidAt: z.date().nullable(),
  voidedAt: z.date().nullable(),
  uncollectibleAt: z.date().nullable(),
  dunningStage: z.number().int(),
  createdAt: z.date(),
});
export type InvoiceDto = z.infer<typeof InvoiceOutput>;

export const InvoiceDetailOutput = InvoiceOutput.extend({ lines: z.array(InvoiceLineOutput) });

export const ListInvoicesInput = PageInput.extend({ status: InvoiceStatus.optional() });
export const PlatformListInvoicesInput = ListInvoicesInput.extend({ tenantId: Id.optional() });
export const InvoiceListOutput = z.object({ items: z.array(InvoiceOutput), nextCursor: z.string().nullable() });
export const InvoiceIdInput = z.object({ invoiceId: Id });

const Days = () =>
  z.number({ message: msg("gracePeriod.whole") }).int(msg("gracePeriod.whole")).min(1, msg("gracePeriod.tooShort")).max(365, msg("gracePeriod.tooLong"));

export const BillingSettingsOutput = z.object({
  pastDueAfterDays: z.number().int(),
  cancelAfterDays: z.number().int(),
});
export const UpdateBillingSettingsInput = z
  .object({
    pastDueAfterDays: Days().optional().describe("Days after an invoice is issued, unpaid, before its subscription is past due."),
    cancelAfterDays: Days().optional().describe("Days after that before the subscription is canceled."),
  })
  .refine((v) => v.pastDueAfterDays !== undefined || v.cancelAfterDays !== undefined, msg("billingSettings.empty"));
