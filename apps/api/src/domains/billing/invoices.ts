// The tenant's own invoices, newest first, through the tenant-scoped client.
import type { ListInvoicesInput } from "@tenancy/contracts";
import type { z } from "zod";
import { AppError } from "../../lib/app-error.js";
import { afterCursor, decodeCursor, page } from "../../lib/cursor.js";
import type { TenantScope } from "../../lib/scope.js";
import { INVOICE_SELECT, LINE_SELECT } from "./invoice-dto.js";

export async function list(scope: TenantScope, input: z.infer<typeof ListInvoicesInput>) {
  const where = input.status ? { status: input.status } : {};
  const rows = await scope.db.invoice.findMany({
    where: { AND: [where, afterCursor(decodeCursor(input.cursor))] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: INVOICE_SELECT,
  });
  return page(rows, input.limit);
}

export async function get(scope: TenantScope, invoiceId: string) {
  const invoice = await scope.db.invoice.findUnique({ where: { id: invoiceId }, select: { ...INVOICE_SELECT, lines: { select: LINE_SELECT, orderBy: { position: "asc" } } } });
  if (!invoice) throw new AppError("NOT_FOUND", "This invoice does not exist in your workspace.");
  const billTo = await scope.db.ownTenant.get({
    name: true, legalName: true, contactEmail: true, addressLine: true, postalCode: true, city: true, country: true,
  });
  const planIds = [...new Set(invoice.lines.map((line) => line.planId).filter((id): id is string => id !== null))];
  const moduleKeys = [...new Set(invoice.lines.map((line) => line.moduleKey))];
  const plans = await scope.db.catalog.plan.findMany({ where: { id: { in: planIds } }, select: { id: true, name: true, interval: true, pricingModel: true } });
  const modules = await scope.db.catalog.module.findMany({ where: { key: { in: moduleKeys } }, select: { key: true, name: true } });
  return {
    ...invoice,
    billTo,
    modules: modules.map((m) => ({ key: m.key, name: m.name as { en: string; fr: string } })),
    plans: plans.map((p) => ({ ...p, name: p.name as { en: string; fr: string } })),
  };
}
