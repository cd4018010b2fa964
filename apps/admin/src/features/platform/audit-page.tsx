// The platform audit log: what platform admins did (on the platform and inside tenants) and sign-ins to the
// platform, newest first, times in the viewer's time zone. The tenant audit log's filters (days, action,
// module, actor, target), kept in the address; pages load by cursor; an entry opens in a drawer with what
// changed (a suspension's reason among it); the CSV export downloads the filtered log. People and tenants
// are shown by name, never by id.
import { Anchor, Badge, Button, Code, Drawer, Group, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { EVENT_TYPES, EVENTS, MODULES } from "@tenancy/contracts";
import { DataTable, DetailList, PageHeader, type Column } from "@tenancy/ui";
import { useMemo, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { eventDescription, eventLabel, fieldLabel, moduleLabel } from "../../app/catalog-labels.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import type { Translate } from "../../app/i18n/translate.js";
import { usePageTitle } from "../../app/page-title.js";
import { readServerError } from "../../app/server-error.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { changeRows, formatValue, type ValueWords } from "../audit/changes.js";
import {
  platformAuditExportHref, platformAuditInput, readPlatformAuditFilters, withPlatformAuditFilter, type PlatformAuditFilterKey,
} from "./audit-filters.js";

type Entry = RouterOutputs["platform"]["audit"]["list"]["items"][number];

const TARGET_TYPES = ["tenant", "platform_admin", "user"] as const;
const TYPING_PAUSE_MS = 300;

/** Who acted, by name: a platform admin's or user's name, the e-mail typed at a failed sign-in, or the system. */
export function actorLabel(t: Translate, actor: Entry["actor"]): string {
  if (actor.type === "system") return t("platformAudit.system");
  return actor.name ?? t("platformAudit.anonymous");
}

/** The reason a suspension gave, when the entry is one and recorded a reason. */
export function suspensionReason(entry: Pick<Entry, "action" | "changes">): string | null {
  if (entry.action !== "tenant.suspended" || typeof entry.changes !== "object" || entry.changes === null) return null;
  const reason = (entry.changes as Record<string, unknown>).reason;
  return typeof reason === "string" && reason !== "" ? reason : null;
}

export function PlatformAuditPage() {
  const { t, fmt } = useI18n();
  usePageTitle(t("platformAudit.title"));
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readPlatformAuditFilters(params), [params]);
  const [selected, setSelected] = useState<Entry | null>(null);
  /** Names of ids set from an entry's details, which the pickers' lists may not hold. */
  const [knownNames, setKnownNames] = useState<Record<string, string>>({});
  const setFilter = (key: PlatformAuditFilterKey, value: string | null | undefined) => setParams((current) => withPlatformAuditFilter(current, key, value), { replace: true });
  const filtered = Object.keys(filters).length > 0;

  const query = trpc.platform.audit.list.useInfiniteQuery(platformAuditInput(filters, fmt.timeZone), {
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });

  const actions = useMemo(
    () => MODULES.map((module) => ({ group: moduleLabel(t, module), items: EVENT_TYPES.filter((type) => EVENTS[type].module === module).map((type) => ({ value: type, label: eventLabel(t, type) })) })),
    [t],
  );

  const filterFrom = (key: "actorId" | "targetId", id: string, name: string | null) => {
    if (name) setKnownNames((names) => ({ ...names, [id]: name }));
    setFilter(key, id);
    setSelected(null);
  };

  const columns: Column<Entry>[] = [
    { key: "time", header: t("audit.time"), render: (entry) => <Text size="sm" style={{ whiteSpace: "nowrap" }}>{fmt.dateTime(entry.createdAt)}</Text> },
    { key: "action", header: t("audit.action"), render: (entry) => eventLabel(t, entry.action) },
    {
      key: "tenant",
      header: t("platformAudit.tenant"),
      render: (entry) =>
        entry.tenant ? (
          <Anchor component={Link} to={`/platform/tenants/${entry.tenant.id}`} size="sm">
            {entry.tenant.name}
          </Anchor>
        ) : (
          <Badge variant="light" color="gray">
            {t("platformAudit.platformLevel")}
          </Badge>
        ),
    },
    { key: "actor", header: t("audit.actor"), render: (entry) => actorLabel(t, entry.actor) },
    {
      key: "target",
      header: t("audit.target"),
      render: (entry) => {
        const reason = suspensionReason(entry);
        return (
          <Stack gap={2}>
            <Text size="sm">{entry.target.name ?? "—"}</Text>
            {reason && (
              <Text size="xs" c="dimmed" data-testid="suspension-reason">
                {t("platformAudit.reason", { reason })}
              </Text>
            )}
          </Stack>
        );
      },
    },
    {
      key: "outcome",
      header: t("audit.outcome"),
      width: 130,
      render: (entry) => (
        <Badge color={entry.success ? "green" : "red"} variant="light">
          {entry.success ? t("audit.success") : t("audit.failure")}
        </Badge>
      ),
    },
    {
      key: "details",
      header: <VisuallyHidden>{t("audit.details")}</VisuallyHidden>,
      render: (entry) => (
        <Button size="compact-xs" variant="subtle" onClick={() => setSelected(entry)}>
          {t("audit.details")}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("platformAudit.title")}
        description={t("platformAudit.description", { timeZone: fmt.timeZone })}
        actions={
          <Button component="a" href={platformAuditExportHref(filters, fmt.timeZone)} download>
            {t("audit.export")}
          </Button>
        }
      />
      <Group mb="md" align="flex-end">
        <TextInput label={t("audit.from")} type="date" value={filters.from ?? ""} max={filters.to} onChange={(event) => setFilter("from", event.currentTarget.value)} w={160} />
        <TextInput label={t("audit.to")} type="date" value={filters.to ?? ""} min={filters.from} onChange={(event) => setFilter("to", event.currentTarget.value)} w={160} />
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
        <ActorSelect value={filters.actorId} knownName={filters.actorId ? knownNames[filters.actorId] : undefined} onChange={(value) => setFilter("actorId", value)} />
        <Select
          label={t("platformAudit.targetType")}
          placeholder={t("common.all")}
          clearable
          data={TARGET_TYPES.map((type) => ({ value: type, label: t(`platformAudit.targetType.${type}`) }))}
          value={filters.targetType ?? null}
          onChange={(value) => setFilter("targetType", value)}
          w={200}
        />
        <TargetSelect value={filters.targetId} knownName={filters.targetId ? knownNames[filters.targetId] : undefined} onChange={(value) => setFilter("targetId", value)} />
        {filtered && (
          <Button variant="subtle" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t("audit.clearFilters")}
          </Button>
        )}
      </Group>
      <DataTable
        columns={columns}
        rows={query.data?.pages.flatMap((page) => page.items)}
        rowKey={(entry) => entry.id}
        loading={query.isPending}
        error={query.error ? readServerError(query.error, t, "errors.unreachable").message : null}
        onRetry={() => void query.refetch()}
        emptyMessage={filtered ? t("audit.emptyFiltered") : t("audit.empty")}
        hasMore={query.hasNextPage}
        loadingMore={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
      <Drawer opened={selected !== null} onClose={() => setSelected(null)} position="right" size="xl" title={t("audit.entryTitle")}>
        {selected && <EntryDetails entry={selected} onFilter={filterFrom} />}
      </Drawer>
    </>
  );
}

interface PickerProps {
  value: string | undefined;
  /** A name for an id set from elsewhere (an entry's details), which the picker's list may not hold. */
  knownName?: string;
  onChange: (id: string | null) => void;
}

/** The actor filter: the platform admins, by name and e-mail. */
function ActorSelect({ value, knownName, onChange }: PickerProps) {
  const { t } = useI18n();
  const admins = trpc.platform.admins.list.useQuery();
  const options = (admins.data?.items ?? []).map((admin) => ({ value: admin.id, label: `${admin.name} (${admin.email})` }));
  if (value && !options.some((option) => option.value === value)) options.unshift({ value, label: knownName ?? value });
  return (
    <Select
      label={t("audit.actor")}
      placeholder={t("platformAudit.actorPlaceholder")}
      searchable
      clearable
      data={options}
      value={value ?? null}
      onChange={onChange}
      nothingFoundMessage={admins.isFetching ? t("common.loading") : t("common.nothingFound")}
      w={260}
    />
  );
}

/** The target filter: tenants (searched on the server) and platform admins, by name. */
function TargetSelect({ value, knownName, onChange }: PickerProps) {
  const { t } = useI18n();
  const labels = useRef(new Map<string, string>());
  const [search, setSearch] = useState("");
  const selectedLabel = value ? (labels.current.get(value) ?? knownName ?? null) : null;
  const term = search === selectedLabel ? "" : search.trim();
  const [debounced] = useDebouncedValue(term, TYPING_PAUSE_MS);
  const tenants = trpc.platform.tenants.list.useQuery({ search: debounced || undefined, limit: 20 }, { placeholderData: (previous) => previous });
  const admins = trpc.platform.admins.list.useQuery();

  const tenantOptions = (tenants.data?.items ?? []).map((tenant) => ({ value: tenant.id, label: `${tenant.name} (${tenant.slug})` }));
  const adminOptions = (admins.data?.items ?? []).map((admin) => ({ value: admin.id, label: `${admin.name} (${admin.email})` }));
  for (const option of [...tenantOptions, ...adminOptions]) labels.current.set(option.value, option.label);
  const data = [
    { group: t("nav.tenants"), items: tenantOptions },
    { group: t("nav.platformAdmins"), items: adminOptions },
  ];
  if (value && ![...tenantOptions, ...adminOptions].some((option) => option.value === value)) {
    data.unshift({ group: t("platformAudit.target"), items: [{ value, label: selectedLabel ?? value }] });
  }
  return (
    <Select
      label={t("platformAudit.target")}
      placeholder={t("platformAudit.targetPlaceholder")}
      searchable
      clearable
      data={data}
      value={value ?? null}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={tenants.isFetching ? t("common.loading") : t("common.nothingFound")}
      w={300}
    />
  );
}

function EntryDetails({ entry, onFilter }: { entry: Entry; onFilter: (key: "actorId" | "targetId", id: string, name: string | null) => void }) {
  const { t, fmt } = useI18n();
  const description = eventDescription(t, entry.action);
  const words: ValueWords = { empty: "—", yes: t("common.yes"), no: t("common.no") };
  const targetType = TARGET_TYPES.find((type) => type === entry.target.type);
  return (
    <Stack gap="lg" data-testid="audit-entry">
      <Stack gap={4}>
        <Group gap="sm">
          <Text fw={600}>{eventLabel(t, entry.action)}</Text>
          <Badge color={entry.success ? "green" : "red"} variant="light">
            {entry.success ? t("audit.success") : t("audit.failure")}
          </Badge>
        </Group>
        {description && <Text size="sm">{description}</Text>}
        <Text size="xs" c="dimmed">
          {t("audit.eventCode")} <Code>{entry.action}</Code>
        </Text>
      </Stack>
      <DetailList
        columns={2}
        items={[
          { label: t("audit.time"), value: `${fmt.dateTime(entry.createdAt)} (${fmt.timeZone})` },
          { label: t("audit.module"), value: moduleLabel(t, entry.module) },
          { label: t("audit.actor"), value: actorLabel(t, entry.actor) },
          { label: t("audit.target"), value: `${entry.target.name ?? "—"}${targetType ? ` (${t(`platformAudit.targetType.${targetType}`)})` : ""}` },
          { label: t("platformAudit.tenant"), value: entry.tenant?.name ?? t("platformAudit.platformLevel") },
          { label: t("audit.ip"), value: entry.ip ?? t("audit.notKept") },
          { label: t("audit.userAgent"), value: entry.userAgent ?? t("audit.notKept") },
        ]}
      />
      {(entry.actor.id || entry.target.id) && (
        <Group gap="xs">
          {entry.actor.id && (
            <Button size="xs" variant="light" onClick={() => onFilter("actorId", entry.actor.id!, entry.actor.name)}>
              {t("audit.filterByActor")}
            </Button>
          )}
          {entry.target.id && (
            <Button size="xs" variant="light" onClick={() => onFilter("targetId", entry.target.id!, entry.target.name)}>
              {t("audit.filterByTarget")}
            </Button>
          )}
        </Group>
      )}
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t("audit.changes")}
        </Title>
        {changeRows(entry.changes).length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("audit.noChanges")}
          </Text>
        ) : (
          <ChangesTable changes={entry.changes} words={words} />
        )}
      </Stack>
    </Stack>
  );
}

function ChangesTable({ changes, words }: { changes: unknown; words: ValueWords }) {
  const { t } = useI18n();
  const rows = changeRows(changes);
  const withChanges = rows.some((row) => row.isChange);
  return (
    <Table withTableBorder withColumnBorders verticalSpacing="xs" data-testid="audit-changes">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("audit.field")}</Table.Th>
          {withChanges && <Table.Th>{t("audit.before")}</Table.Th>}
          <Table.Th>{withChanges ? t("audit.after") : t("audit.value")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.field}>
            <Table.Td>
              {row.field ? fieldLabel(t, row.field) : "—"}
            </Table.Td>
            {withChanges && <Table.Td>{row.isChange ? formatValue(row.from, words) : ""}</Table.Td>}
            <Table.Td style={{ wordBreak: "break-word" }}>{formatValue(row.to, words)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
