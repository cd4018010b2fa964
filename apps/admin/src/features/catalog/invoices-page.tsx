// Every workspace's invoices for the platform: filtered by status and workspace, paginated by cursor, amounts
// in each invoice's own currency; a row opens the invoice in a drawer, where it can be settled. The dunning
// grace periods are set at the foot of the page.
import { Anchor, Button, Group, Select } from "@mantine/core";
import { InvoiceStatus } from "@tenancy/contracts";
import { DataTable, PageHeader, TruncatedText, type Column } from "@tenancy/ui";
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { readServerError } from "../../app/server-error.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { BillingSettingsSection } from "./billing-settings-section.js";
import { InvoiceDrawer } from "./invoice-drawer.js";
import { INVOICE_PAGE_SIZE, TENANT_CHOICES } from "./invoice-query.js";
import { InvoiceStatusBadge } from "./invoice-status.js";

type Invoice = RouterOutputs["billing"]["admin"]["invoices"]["list"]["items"][number];
type StatusFilter = (typeof InvoiceStatus.options)[number];


export function InvoicesPage() {
  const { t, fmt } = useI18n();
  usePageTitle(t("platformInvoices.title"));
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<StatusFilter | null>(null);
  const [tenantId, setTenantId] = useState<string | null>(null);
  const selected = params.get("invoice");
  const select = (id: string | null) => setParams(id ? { invoice: id } : {}, { replace: true });

  const tenants = trpc.platform.tenants.list.useQuery(TENANT_CHOICES);
  const names = useMemo(() => new Map((tenants.data?.items ?? []).map((tenant) => [tenant.id, tenant.name])), [tenants.data]);
  const tenantName = (id: string) => names.get(id) ?? id;

  const query = trpc.billing.admin.invoices.list.useInfiniteQuery(
    { status: status ?? undefined, tenantId: tenantId ?? undefined, limit: INVOICE_PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: (previous) => previous },
  );
  const rows = query.data?.pages.flatMap((page) => page.items);

  const columns: Column<Invoice>[] = [
    {
      key: "number",
      header: t("platformInvoices.number"),
      mobile: "title",
      nowrap: true,
      render: (invoice) => (
        <Anchor component="button" type="button" fw={600} onClick={() => select(invoice.id)}>
          {invoice.number ?? t("platformInvoices.draftNumber")}
        </Anchor>
      ),
    },
    {
      key: "tenant",
      header: t("platformInvoices.tenant"),
      render: (invoice) => (
        <TruncatedText value={tenantName(invoice.tenantId)} maxWidth={220}>
          <Anchor component={Link} to={`/platform/tenants/${invoice.tenantId}`} />
        </TruncatedText>
      ),
    },
    { key: "status", header: t("common.status"), render: (invoice) => <InvoiceStatusBadge status={invoice.status} /> },
    { key: "total", header: t("platformInvoices.total"), nowrap: true, render: (invoice) => fmt.money(invoice.total, invoice.currency) },
    { key: "issued", header: t("platformInvoices.issuedAt"), nowrap: true, render: (invoice) => (invoice.issuedAt ? fmt.date(invoice.issuedAt) : "—") },
    { key: "due", header: t("platformInvoices.dueAt"), nowrap: true, mobile: "hidden", render: (invoice) => (invoice.dueAt ? fmt.date(invoice.dueAt) : "—") },
    {
      key: "actions",
      header: t("platformInvoices.details"),
      action: true,
      render: (invoice) => (
        <Button size="xs" variant="light" onClick={() => select(invoice.id)} aria-label={`${t("platformInvoices.details")} ${invoice.number ?? ""}`.trim()}>
          {t("platformInvoices.details")}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t("platformInvoices.title")} description={t("platformInvoices.description")} />
      <Group mb="md" align="flex-end">
        <Select
          label={t("common.status")}
          placeholder={t("common.all")}
          clearable
          data={InvoiceStatus.options.map((value) => ({ value, label: t(`platformInvoices.status.${value}`) }))}
          value={status}
          onChange={(value) => setStatus(value as StatusFilter | null)}
          w={{ base: "100%", xs: 200 }}
        />
        <Select
          label={t("platformInvoices.tenant")}
          placeholder={t("common.all")}
          clearable
          searchable
          nothingFoundMessage={t("common.nothingFound")}
          data={(tenants.data?.items ?? []).map((tenant) => ({ value: tenant.id, label: tenant.name }))}
          value={tenantId}
          onChange={setTenantId}
          w={{ base: "100%", xs: 280 }}
        />
      </Group>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(invoice) => invoice.id}
        loading={query.isPending}
        error={query.error ? readServerError(query.error, t, "errors.unreachable").message : null}
        onRetry={() => void query.refetch()}
        emptyMessage={status || tenantId ? t("platformInvoices.emptyFiltered") : t("platformInvoices.empty")}
        hasMore={query.hasNextPage}
        loadingMore={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
      <BillingSettingsSection />
      <InvoiceDrawer invoiceId={selected} tenantName={tenantName} onClose={() => select(null)} />
    </>
  );
}
