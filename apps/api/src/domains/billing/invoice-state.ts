// An invoice's statuses and the only ways between them: finalized (numbered) from draft to open, then paid,
// void or uncollectible; an uncollectible invoice can still be paid or voided. Paid and void are final.
import { AppError } from "../../lib/app-error.js";

export const INVOICE_STATUSES = ["draft", "open", "paid", "void", "uncollectible"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const INVOICE_TRANSITIONS = {
  finalize: { draft: "open" },
  pay: { open: "paid", uncollectible: "paid" },
  void: { open: "void", uncollectible: "void" },
  mark_uncollectible: { open: "uncollectible" },
} as const satisfies Record<string, Partial<Record<InvoiceStatus, InvoiceStatus>>>;

export type InvoiceEvent = keyof typeof INVOICE_TRANSITIONS;

const DONE: Record<InvoiceEvent, string> = { finalize: "finalized", pay: "marked paid", void: "voided", mark_uncollectible: "marked uncollectible" };

export function invoiceTransition(from: InvoiceStatus, event: InvoiceEvent): InvoiceStatus {
  const next = (INVOICE_TRANSITIONS[event] as Partial<Record<InvoiceStatus, InvoiceStatus>>)[from];
  if (!next) throw new AppError("INVALID_STATE", `An invoice that is ${from} cannot be ${DONE[event]}.`, { status: from, event });
  return next;
}
