// Invoices and billing settings, for platform admins: every tenant's invoices, marking one paid, void or
// uncollectible (the log-only gateway collects nothing), and the dunning grace periods.
import type { PlatformListInvoicesInput, UpdateBillingSettingsInput } from "@tenancy/contracts";
import type { z } from "zod";
import { AppError } from "../../lib/app-error.js";
import { afterCursor, decodeCursor, page } from "../../lib/cursor.js";
import { diff, record } from "../../lib/record.js";
import type { Scope } from "../../lib/scope.js";
import { INVOICE_SELECT, LINE_SELECT } from "./invoice-dto.js";
import { billingSettings, settleInvoice } from "./platform-engine.js";

export async function list(scope: Scope, input: z.infer<typeof PlatformListInvoicesInput>) {
  const where = { ...(input.status ? { status: input.status } : {}), ...(input.tenantId ? { tenantId: input.tenantId } : {}) };
  const rows = await scope.prisma.invoice.findMany({
    where: { AND: [where, afterCursor(decodeCursor(input.cursor))] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: INVOICE_SELECT,
  });
  return page(rows, input.limit);
}

const notFound = () => new AppError("NOT_FOUND", "This invoice does not exist.");

export async function get(scope: Scope, invoiceId: string) {
  const invoice = await scope.prisma.invoice.findUnique({ where: { id: invoiceId }, select: { ...INVOICE_SELECT, lines: { select: LINE_SELECT, orderBy: { position: "asc" } } } });
  if (!invoice) throw notFound();
  return invoice;
}

export async function settle(scope: Scope, invoiceId: string, event: "pay" | "void" | "mark_uncollectible") {
  const done = await scope.prisma.$transaction((tx) => settleInvoice(tx, scope, invoiceId, event));
  if (!done) throw notFound();
  return get(scope, invoiceId);
}

export async function getSettings(scope: Scope) {
  return billingSettings(scope.prisma);
}

export async function updateSettings(scope: Scope, input: z.infer<typeof UpdateBillingSettingsInput>) {
  return scope.prisma.$transaction(async (tx) => {
    const before = await billingSettings(tx);
    const changes = diff(before as unknown as Record<string, unknown>, input);
    if (Object.keys(changes).length === 0) throw new AppError("INVALID_STATE", "Nothing to change: every setting already has this value.");
    const row = await tx.billingSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...before, ...input },
      update: input,
      select: { pastDueAfterDays: true, cancelAfterDays: true },
    });
    await record(tx, scope, { type: "billing.settings_updated", tenantId: null, target: { type: "billing_settings", id: "1" }, changes, payload: { fields: Object.keys(changes) } });
    return row;
  });
}
