// The billing clock: brings due subscriptions up to now (trial ends, renewals, invoices) and runs dunning on
// unpaid invoices, in batches, then hands the invoices it issued to the payment gateway. Idempotent and safe
// with several workers: see domains/billing/platform-engine.ts.
import { billDueSubscriptions, runDunning, settleInvoice, type IssuedInvoice } from "../domains/billing/platform-engine.js";
import type { PaymentGateway } from "../domains/billing/gateway.js";
import { systemScope, type Services } from "../lib/scope.js";

export interface BillingRunOptions {
  gateway: PaymentGateway;
  batchSize?: number;
  /** Batches per run and kind of work; what is left is picked up by the next run. */
  maxBatches?: number;
}

export interface BillingRun {
  /** Subscriptions brought up to date and invoices dunned. */
  worked: number;
  issued: IssuedInvoice[];
}

export async function runBilling(services: Services, { gateway, batchSize = 50, maxBatches = 20 }: BillingRunOptions): Promise<BillingRun> {
  const scope = systemScope(services);
  const issued: IssuedInvoice[] = [];
  let worked = 0;
  for (let i = 0; i < maxBatches; i++) {
    const batch = await billDueSubscriptions(scope, { batchSize });
    worked += batch.claimed;
    issued.push(...batch.issued);
    if (batch.claimed < batchSize) break;
  }
  for (let i = 0; i < maxBatches; i++) {
    const dunned = await runDunning(scope, { batchSize });
    worked += dunned;
    if (dunned < batchSize) break;
  }
  // After commit: a gateway call is never inside a transaction, and a failed one leaves the invoice open.
  for (const invoice of issued.filter((i) => i.status === "open")) {
    try {
      const result = await gateway.charge({ invoiceId: invoice.id, tenantId: invoice.tenantId, number: invoice.number, amount: invoice.total, currency: invoice.currency });
      if (result.status === "succeeded") await services.prisma.$transaction((tx) => settleInvoice(tx, scope, invoice.id, "pay"));
    } catch (err) {
      services.log.error({ err, invoiceId: invoice.id }, "billing: charging an invoice failed; it stays open");
    }
  }
  return { worked, issued };
}
