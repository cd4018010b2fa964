// What a platform admin may do with an invoice in each status, as the API's invoice-state table allows:
// open -> paid | void | uncollectible; uncollectible -> paid | void; draft, paid and void offer nothing.
import type { InvoiceDto } from "@tenancy/contracts";

export const INVOICE_ACTIONS = ["pay", "void", "mark_uncollectible"] as const;
export type InvoiceAction = (typeof INVOICE_ACTIONS)[number];

const ALLOWED: Record<InvoiceAction, readonly InvoiceDto["status"][]> = {
  pay: ["open", "uncollectible"],
  void: ["open", "uncollectible"],
  mark_uncollectible: ["open"],
};

export function invoiceActions(status: InvoiceDto["status"]): InvoiceAction[] {
  return INVOICE_ACTIONS.filter((action) => ALLOWED[action].includes(status));
}
