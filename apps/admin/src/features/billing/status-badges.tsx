// Status badges of subscriptions and invoices, labelled in the reader's language.
import { StatusBadge } from "@tenancy/ui";
import { useI18n } from "../../app/i18n/i18n-provider.js";

const SUBSCRIPTION_COLORS = { trialing: "blue", active: "active", past_due: "failure", canceled: "deactivated", expired: "deactivated" } as const;
const INVOICE_COLORS = { draft: "deactivated", open: "pending", paid: "success", void: "deactivated", uncollectible: "failure" } as const;

export function SubscriptionStatusBadge({ status }: { status: keyof typeof SUBSCRIPTION_COLORS }) {
  const { t } = useI18n();
  return <StatusBadge status={SUBSCRIPTION_COLORS[status]} label={t(`subscriptionStatus.${status}`)} />;
}

export function InvoiceStatusBadge({ status }: { status: keyof typeof INVOICE_COLORS }) {
  const { t } = useI18n();
  return <StatusBadge status={INVOICE_COLORS[status]} label={t(`invoiceStatus.${status}`)} />;
}
