// An invoice's status as a translated, coloured badge.
import type { InvoiceDto } from "@tenancy/contracts";
import { StatusBadge } from "@tenancy/ui";
import { useI18n } from "../../app/i18n/i18n-provider.js";

const COLORS: Record<InvoiceDto["status"], string> = { draft: "deactivated", open: "pending", paid: "active", void: "deactivated", uncollectible: "failure" };

export function InvoiceStatusBadge({ status }: { status: InvoiceDto["status"] }) {
  const { t } = useI18n();
  return <StatusBadge status={COLORS[status]} label={t(`platformInvoices.status.${status}`)} />;
}
