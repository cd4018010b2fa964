// Invoices (issued by the billing job; tenants read theirs, platform admins settle them) and the platform's
// billing settings (the dunning grace periods).
import { z } from "zod";
import { Id, PageInput } from "./common.js";
import { LocalizedText, PlanInterval, PricingModel } from "./modules.js";
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

/** Who the invoice is made out to: the workspace's name and address as its settings hold them. */
export const InvoiceBillTo = z.object({
  name: z.string(),
  legalName: z.string().nullable(),
  contactEmail: z.string(),
  addressLine: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
});

/**
 * A tenant's own invoice: with the workspace it is made out to, and the names of the modules and plan
 * versions its lines name (in every UI language), so the printable invoice words each line in the reader's.
 */
export const TenantInvoiceDetailOutput = InvoiceDetailOutput.extend({
  billTo: InvoiceBillTo,
  modules: z.array(z.object({ key: z.string(), name: LocalizedText(80) })),
  plans: z.array(z.object({ id: z.string(), name: LocalizedText(60), interval: PlanInterval, pricingModel: PricingModel })),
});

export const ListInvoicesInput = PageInput.extend({ status: InvoiceStatus.optional() });
export const PlatformListInvoicesInput = ListInvoicesInput.extend({ tenantId: Id.optional() });
export const InvoiceListOutput = z.object({ items: z.array(InvoiceOutput), nextCursor: z.string().nullable() });
export const InvoiceIdInput = z.object({ invoiceId: Id });

const Days = () => z.number({ message: msg("gracePeriod.whole") }).int(msg("gracePeriod.whole")).min(1, msg("gracePeriod.tooShort")).max(365, msg("gracePeriod.tooLong"));

export const BillingSettingsOutput = z.object({
  pastDueAfterDays: z.number().int(),
  cancelAfterDays: z.number().int(),
});
export const UpdateBillingSettingsInput = z
  .object({
    pastDueAfterDays: Days().optional().describe("Days after an invoice is issued, unpaid, before its subscription is past due."),
    cancelAfterDays: Days().optional().describe("Days after that before the subscription is canceled."),
  })
  .refine((v) => v.pastDueAfterDays !== undefined || v.cancelAfterDays !== undefined, msg("billingSettings.nothing"));
