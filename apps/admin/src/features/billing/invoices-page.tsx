// The workspace's invoices, newest first: number (opening the printable invoice), issue and due dates in the
// workspace's time zone, total in the invoice's currency, status; filtered by status, paginated by cursor.
import { Anchor, Select, Stack } from "@mantine/core";
import { InvoiceStatus } from "@tenancy/contracts";
import { DataTable, PageHeader, type Column } from "@tenancy/ui";
import { useState } from "react";
import { Link } from "react-router";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { readServerError } from "../../app/server-error.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { InvoiceStatusBadge } from "./status-badges.js";

type Invoice = RouterOutputs["billing"]["invoices"]["list"]["items"][number];
type StatusFilter = (typeof InvoiceStatus.options)[number];

export const INVOICES_PAGE_SIZE = 25;

export function InvoicesPage() {
  const { t, fmt } = useI18n();
  usePageTitle(t("invoices.title"));
  const [status, setStatus] = useState<StatusFilter | null>(null);
  const query = trpc.billing.invoices.list.useInfiniteQuery(
    { status: status ?? undefined, limit: INVOICES_PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: (previous) => previous },
  );
  const columns: Column<Invoice>[] = [
    {
      key: "number",
      header: t("invoices.number"),
      mobile: "title",
      nowrap: true,
      render: (invoice) => (
        <Anchor component={Link} to={`/t/invoices/${invoice.id}`} fw={600} size="sm">
          {invoice.number ?? t("invoices.noNumber")}
        </Anchor>
      ),
    },
    { key: "issued", header: t("invoices.issuedAt"), nowrap: true, render: (invoice) => (invoice.issuedAt ? fmt.date(invoice.issuedAt) : "—") },
    { key: "due", header: t("invoices.dueAt"), nowrap: true, render: (invoice) => (invoice.dueAt ? fmt.date(invoice.dueAt) : "—") },
    { key: "total", header: t("invoices.total"), nowrap: true, render: (invoice) => <span data-testid="invoice-total">{fmt.money(invoice.total, invoice.currency)}</span> },
    { key: "status", header: t("common.status"), render: (invoice) => <InvoiceStatusBadge status={invoice.status} /> },
  ];
  return (
    <>
      <PageHeader title={t("invoices.title")} description={t("invoices.description")} />
      <Stack>
        <Select
          label={t("common.status")}
          placeholder={t("common.all")}
          clearable
          data={InvoiceStatus.options.map((value) => ({ value, label: t(`invoiceStatus.${value}`) }))}
          value={status}
          onChange={(value) => setStatus(value as StatusFilter | null)}
          w={{ base: "100%", xs: 220 }}
        />
        <DataTable
          columns={columns}
          rows={query.data?.pages.flatMap((page) => page.items)}
          rowKey={(invoice) => invoice.id}
          loading={query.isPending}
          error={query.error ? readServerError(query.error, t, "errors.unreachable").message : null}
          onRetry={() => void query.refetch()}
          emptyMessage={status ? t("invoices.emptyFiltered") : t("invoices.empty")}
          hasMore={query.hasNextPage}
          loadingMore={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
        />
      </Stack>
    </>
  );
}
