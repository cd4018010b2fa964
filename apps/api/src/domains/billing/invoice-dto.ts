// Invoice rows as the API shows them.
import type { Prisma } from "@tenancy/db";

export const INVOICE_SELECT = {
  id: true, tenantId: true, subscriptionId: true, number: true, status: true, currency: true, subtotal: true, taxRateBasisPoints: true, tax: true,
  total: true, issuedAt: true, dueAt: true, paidAt: true, voidedAt: true, uncollectibleAt: true, dunningStage: true, createdAt: true,
} as const satisfies Prisma.InvoiceSelect;

export const LINE_SELECT = {
  position: true, kind: true, moduleKey: true, planId: true, description: true, quantity: true, unitAmount: true, amount: true, periodStart: true,
  periodEnd: true,
} as const satisfies Prisma.InvoiceLineSelect;
