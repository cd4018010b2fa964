// The tenant's audit log: who did what to what and when (in the tenant's time zone). Filters (days in the
// tenant's time zone, action from the event catalog, module, actor, target) combine and live in the
// address; pages load by cursor; an entry opens in a drawer; the CSV export downloads the filtered log; the
// integrity check walks the hash chain.
import { Badge, Button, Group, Select, Text } from "@mantine/core";
import { EVENT_TYPES, EVENTS, MODULES } from "@tenancy/contracts";
import { DataTable, PageHeader, TruncatedText, type Column } from "@tenancy/ui";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { eventLabel, moduleLabel } from "../../app/catalog-labels.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { readServerError } from "../../app/server-error.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { AuditEntryDrawer, type EntryFilterRequest, type EntrySelection } from "./audit-entry-drawer.js";
import { exportHref, hasFilters, readFilters, withFilter, type AuditFilterKey } from "./audit-filters.js";
import { actorName, namesOf, targetName } from "./entry-labels.js";
import { ActorFilter, TargetFilter } from "./filter-inputs.js";
import { DateRangeFilter } from "./date-range-filter.js";
import { VerifyButton } from "./verify-button.js";

type Entry = RouterOutputs["audit"]["list"]["items"][number];

export function AuditPage() {
  const { t, fmt } = useI18n();
  usePageTitle(t("audit.title"));
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const [selection, setSelection] = useState<EntrySelection | null>(null);
  const [chosenNames, setChosenNames] = useState<Partial<Record<"actorId" | "targetId", string>>>({});
  const setFilter = (key: AuditFilterKey, value: string | null | undefined) => setParams((current) => withFilter(current, key, value), { replace: true });

  const query = trpc.audit.list.useInfiniteQuery(
    { ...filters, limit: 50 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: (previous) => previous },
  );
  const filtered = hasFilters(filters);
  const entries = useMemo(() => query.data?.pages.flatMap((page) => page.items), [query.data]);
  // Names of the actors and targets listed, so a filter set from the address (a user's page) shows a name.
  const namesInView = useMemo(() => namesOf(entries ?? [], t), [entries, t]);

  const actions = useMemo(
    () =>
      MODULES.map((module) => ({
        group: moduleLabel(t, module),
        items: EVENT_TYPES.filter((type) => EVENTS[type].module === module).map((type) => ({ value: type, label: eventLabel(t, type) })),
      })),
    [t],
  );

  const filterFromEntry = ({ key, value, label }: EntryFilterRequest) => {
    setChosenNames((names) => ({ ...names, [key]: label ?? undefined }));
    setFilter(key, value);
    setSelection(null);
  };

  const columns: Column<Entry>[] = [
    { key: "time", header: t("audit.time"), render: (entry) => <Text size="sm" style={{ whiteSpace: "nowrap" }}>{fmt.dateTime(entry.createdAt)}</Text> },
    { key: "action", header: t("audit.action"), mobile: "title", render: (entry) => eventLabel(t, entry.action) },
    { key: "module", header: t("audit.module"), mobile: "hidden", render: (entry) => moduleLabel(t, entry.module) },
    { key: "actor", header: t("audit.actor"), render: (entry) => <TruncatedText value={actorName(t, entry.actor)} maxWidth={200} /> },
    { key: "target", header: t("audit.target"), mobile: "wide", render: (entry) => <TruncatedText value={targetName(t, entry.target) ?? "—"} maxWidth={240} /> },
    {
      key: "outcome",
      header: t("audit.outcome"),
      render: (entry) => (
        <Badge color={entry.success ? "green" : "red"} variant="light" miw="max-content">
          {entry.success ? t("audit.success") : t("audit.failure")}
        </Badge>
      ),
    },
    {
      key: "details",
      header: "",
      action: true,
      render: (entry) => (
        <Button size="compact-xs" variant="subtle" onClick={() => setSelection({ id: entry.id, entry })}>
          {t("audit.details")}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("audit.title")}
        description={t("audit.description", { timeZone: fmt.timeZone })}
        actions={
          <>
            <VerifyButton onShowEntry={(id) => setSelection({ id })} />
            <Button component="a" href={exportHref(filters)} download>
              {t("audit.export")}
            </Button>
          </>
        }
      />
      <Group mb="md" align="flex-end">
        <DateRangeFilter
          fromLabel={t("audit.from")}
          toLabel={t("audit.to")}
          from={filters.from}
          to={filters.to}
          onChange={({ from, to }) => setParams((current) => withFilter(withFilter(current, "from", from), "to", to), { replace: true })}
          w={160}
        />
        <Select
          label={t("audit.action")}
          placeholder={t("common.all")}
          clearable
          searchable
          data={actions}
          value={filters.action ?? null}
          onChange={(value) => setFilter("action", value)}
          nothingFoundMessage={t("common.nothingFound")}
          w={240}
        />
        <Select
          label={t("audit.module")}
          placeholder={t("common.all")}
          clearable
          data={MODULES.map((module) => ({ value: module, label: moduleLabel(t, module) }))}
          value={filters.module ?? null}
          onChange={(value) => setFilter("module", value)}
          w={160}
        />
        <ActorFilter value={filters.actorId} knownName={chosenNames.actorId ?? namesInView.get(filters.actorId ?? "")} onChange={(value) => setFilter("actorId", value)} w={260} />
        <TargetFilter value={filters.targetId} knownName={chosenNames.targetId ?? namesInView.get(filters.targetId ?? "")} onChange={(value) => setFilter("targetId", value)} w={300} />
        {filtered && (
          <Button variant="subtle" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t("audit.clearFilters")}
          </Button>
        )}
      </Group>
      <DataTable
        columns={columns}
        rows={entries}
        rowKey={(entry) => entry.id}
        loading={query.isPending}
        error={query.error ? readServerError(query.error, t, "errors.unreachable").message : null}
        onRetry={() => void query.refetch()}
        emptyMessage={filtered ? t("audit.emptyFiltered") : t("audit.empty")}
        hasMore={query.hasNextPage}
        loadingMore={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
      <AuditEntryDrawer selection={selection} onClose={() => setSelection(null)} onFilter={filterFromEntry} />
    </>
  );
}
