// The tenant's audit log: who did what to what and when (in the tenant's time zone), filtered by action,
// module and a range of days (the API reads them as days of the tenant's time zone), with cursor pagination.
import { Badge, Code, Group, Select, Text, TextInput } from "@mantine/core";
import { EVENT_TYPES, MODULES } from "@tenancy/contracts";
import { DataTable, PageHeader, type Column } from "@tenancy/ui";
import { useState } from "react";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { readServerError } from "../../app/server-error.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";

type Entry = RouterOutputs["audit"]["list"]["items"][number];

export function AuditPage() {
  const { t, fmt } = useI18n();
  const [action, setAction] = useState<string | null>(null);
  const [module, setModule] = useState<string | null>(null);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");

  const query = trpc.audit.list.useInfiniteQuery(
    {
      action: action ?? undefined,
      module: module ?? undefined,
      from: from || undefined,
      to: to || undefined,
      limit: 50,
    },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: (previous) => previous },
  );
  const filtered = Boolean(action || module || from || to);

  const columns: Column<Entry>[] = [
    { key: "time", header: t("audit.time"), render: (entry) => <Text size="sm" style={{ whiteSpace: "nowrap" }}>{fmt.dateTime(entry.createdAt)}</Text> },
    { key: "action", header: t("audit.action"), render: (entry) => <Code>{entry.action}</Code> },
    { key: "module", header: t("audit.module"), render: (entry) => entry.module },
    { key: "actor", header: t("audit.actor"), render: (entry) => entry.actor.name ?? entry.actor.type },
    { key: "target", header: t("audit.target"), render: (entry) => entry.target.name ?? entry.target.type ?? "—" },
    {
      key: "outcome",
      header: t("audit.outcome"),
      render: (entry) => (
        <Badge color={entry.success ? "green" : "red"} variant="light">
          {entry.success ? t("audit.success") : t("audit.failure")}
        </Badge>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t("audit.title")} description={t("audit.description", { timeZone: fmt.timeZone })} />
      <Group mb="md" align="flex-end">
        <Select label={t("audit.action")} placeholder={t("common.all")} clearable searchable data={EVENT_TYPES} value={action} onChange={setAction} w={260} />
        <Select label={t("audit.module")} placeholder={t("common.all")} clearable data={MODULES} value={module} onChange={setModule} w={180} />
        <TextInput label={t("audit.from")} type="date" value={from} max={to || undefined} onChange={(event) => setFrom(event.currentTarget.value)} w={170} />
        <TextInput label={t("audit.to")} type="date" value={to} min={from || undefined} onChange={(event) => setTo(event.currentTarget.value)} w={170} />
      </Group>
      <DataTable
        columns={columns}
        rows={query.data?.pages.flatMap((page) => page.items)}
        rowKey={(entry) => entry.id}
        loading={query.isPending}
        error={query.error ? readServerError(query.error, t("errors.unreachable")).message : null}
        onRetry={() => void query.refetch()}
        emptyMessage={filtered ? t("audit.emptyFiltered") : t("audit.empty")}
        hasMore={query.hasNextPage}
        loadingMore={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
    </>
  );
}
