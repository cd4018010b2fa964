// The platform's tenant list: search (debounced), status filter, total count and cursor pagination.
import { Anchor, Button, Group, Select, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { TENANT_SORTS, TenantStatus } from "@tenancy/contracts";
import { DataTable, PageHeader, TruncatedText, type Column } from "@tenancy/ui";
import { useState } from "react";
import { Link } from "react-router";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { readServerError } from "../../app/server-error.js";
import { Status } from "../../app/status.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";

type Tenant = RouterOutputs["platform"]["tenants"]["list"]["items"][number];
type StatusFilter = (typeof TenantStatus.options)[number];

export function TenantsPage() {
  const { t, fmt } = useI18n();
  usePageTitle(t("tenants.title"));
  const [search, setSearch] = useState("");
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<StatusFilter | null>(null);
  const [sort, setSort] = useState<(typeof TENANT_SORTS)[number]>("createdAt");

  const query = trpc.platform.tenants.list.useInfiniteQuery(
    { search: debouncedSearch || undefined, status: status ?? undefined, sort, limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: (previous) => previous },
  );
  const rows = query.data?.pages.flatMap((page) => page.items);
  const total = query.data?.pages[0]?.total;

  const columns: Column<Tenant>[] = [
    {
      key: "name",
      header: t("tenant.field.name"),
      mobile: "title",
      render: (tenant) => (
        <TruncatedText value={tenant.name} maxWidth={240}>
          <Anchor component={Link} to={`/platform/tenants/${tenant.id}`} fw={600} />
        </TruncatedText>
      ),
    },
    { key: "slug", header: t("tenant.field.slug"), render: (tenant) => <Text ff="monospace" size="sm" component="div"><TruncatedText value={tenant.slug} maxWidth={180} /></Text> },
    { key: "status", header: t("common.status"), render: (tenant) => <Status value={tenant.status} /> },
    { key: "country", header: t("tenant.field.country"), mobile: "hidden", render: (tenant) => fmt.regionName(tenant.country) },
    { key: "contact", header: t("tenant.field.contactEmail"), mobile: "wide", render: (tenant) => <TruncatedText value={tenant.contactEmail} maxWidth={260} /> },
    { key: "created", header: t("common.createdAt"), nowrap: true, render: (tenant) => fmt.date(tenant.createdAt) },
  ];

  return (
    <>
      <PageHeader
        title={t("tenants.title")}
        description={total === undefined ? undefined : t("tenants.total", { count: total })}
        actions={
          <Button component={Link} to="/platform/tenants/new">
            {t("tenants.new")}
          </Button>
        }
      />
      <Group mb="md" align="flex-end">
        <TextInput
          label={t("common.search")}
          placeholder={t("tenants.searchPlaceholder")}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={{ base: "100%", xs: 320 }}
        />
        <Select
          label={t("common.status")}
          placeholder={t("common.all")}
          clearable
          data={TenantStatus.options.map((value) => ({ value, label: t(`status.${value}`) }))}
          value={status}
          onChange={(value) => setStatus(value as StatusFilter | null)}
          w={{ base: "100%", xs: 200 }}
        />
        <Select
          label={t("reference.sortBy")}
          allowDeselect={false}
          data={TENANT_SORTS.map((value) => ({ value, label: t(`reference.sort.${value}`) }))}
          value={sort}
          onChange={(value) => value && setSort(value as typeof sort)}
          w={200}
        />
      </Group>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(tenant) => tenant.id}
        loading={query.isPending}
        error={query.error ? readServerError(query.error, t, "errors.unreachable").message : null}
        onRetry={() => void query.refetch()}
        emptyMessage={debouncedSearch || status ? t("tenants.emptyFiltered") : t("tenants.empty")}
        hasMore={query.hasNextPage}
        loadingMore={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
    </>
  );
}
