// One audit entry in a side drawer: what happened, who did it to what, when (in the tenant's time zone),
// from which IP address and browser, whether it is sealed in the hash chain yet, and what changed as a
// field / before / after table. Buttons narrow the log to the entry's actor or target.
import { Badge, Button, Code, Drawer, Group, Stack, Table, Text, Title } from "@mantine/core";
import { DetailList, PageLoader } from "@tenancy/ui";
import type { ReactNode } from "react";
import { actorTypeLabel, eventDescription, eventLabel, moduleLabel, targetTypeLabel } from "../../app/catalog-labels.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { ErrorState } from "../../app/states.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { changeRows, formatValue, type ValueWords } from "./changes.js";
import { actorName, targetName } from "./entry-labels.js";
import { useValueLabels } from "./value-labels.js";

export type AuditEntry = RouterOutputs["audit"]["get"];
export interface EntrySelection {
  id: string;
  /** The entry as the list has it, shown while the server's current copy loads. */
  entry?: AuditEntry;
}

export interface EntryFilterRequest {
  key: "actorId" | "targetId";
  value: string;
  label: string | null;
}

interface AuditEntryDrawerProps {
  selection: EntrySelection | null;
  onClose: () => void;
  onFilter: (request: EntryFilterRequest) => void;
}

export function AuditEntryDrawer({ selection, onClose, onFilter }: AuditEntryDrawerProps) {
  const { t } = useI18n();
  return (
    <Drawer opened={selection !== null} onClose={onClose} position="right" size="xl" title={t("audit.entryTitle")}>
      {selection && <EntryDetails selection={selection} onFilter={onFilter} />}
    </Drawer>
  );
}

function Mono({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" ff="monospace" c="dimmed" style={{ wordBreak: "break-all" }}>
      {children}
    </Text>
  );
}

function EntryDetails({ selection, onFilter }: { selection: EntrySelection; onFilter: (request: EntryFilterRequest) => void }) {
  const { t, fmt } = useI18n();
  const query = trpc.audit.get.useQuery({ entryId: selection.id }, { placeholderData: selection.entry });
  const valueLabels = useValueLabels();
  if (query.isPending) return <PageLoader />;
  if (query.error && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const entry = query.data;
  if (!entry) return null;
  const description = eventDescription(t, entry.action);
  const words: ValueWords = { empty: "—", yes: t("common.yes"), no: t("common.no"), ...valueLabels };

  return (
    <Stack gap="lg" data-testid="audit-entry">
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={3} size="h4">
            {eventLabel(t, entry.action)}
          </Title>
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
          {
            label: t("audit.time"),
            value: (
              <>
                {fmt.dateTime(entry.createdAt)} ({fmt.timeZone})
                <Mono>{entry.createdAt.toISOString()}</Mono>
              </>
            ),
          },
          { label: t("audit.module"), value: moduleLabel(t, entry.module) },
          {
            label: t("audit.actor"),
            value: (
              <>
                {actorName(t, entry.actor)} <Text span size="xs" c="dimmed">({actorTypeLabel(t, entry.actor.type)})</Text>
                {entry.actor.id && <Mono>{entry.actor.id}</Mono>}
              </>
            ),
          },
          {
            label: t("audit.target"),
            value: (
              <>
                {targetName(t, entry.target) ?? "—"} {entry.target.name && entry.target.type && <Text span size="xs" c="dimmed">({targetTypeLabel(t, entry.target.type)})</Text>}
                {entry.target.id && <Mono>{entry.target.id}</Mono>}
              </>
            ),
          },
          { label: t("audit.ip"), value: entry.ip ?? t("audit.notKept") },
          { label: t("audit.userAgent"), value: entry.userAgent ? <Mono>{entry.userAgent}</Mono> : t("audit.notKept") },
          { label: t("audit.seal"), value: entry.seq === null ? t("audit.notSealed") : t("audit.sealedAt", { seq: entry.seq }) },
          { label: t("audit.entryId"), value: <Mono>{entry.id}</Mono> },
        ]}
      />
      {(entry.actor.id || entry.target.id) && (
        <Group gap="xs">
          {entry.actor.id && (
            <Button size="xs" variant="light" onClick={() => onFilter({ key: "actorId", value: entry.actor.id!, label: entry.actor.name })}>
              {t("audit.filterByActor")}
            </Button>
          )}
          {entry.target.id && (
            <Button size="xs" variant="light" onClick={() => onFilter({ key: "targetId", value: entry.target.id!, label: entry.target.name })}>
              {t("audit.filterByTarget")}
            </Button>
          )}
        </Group>
      )}
      <ChangesTable changes={entry.changes} words={words} />
    </Stack>
  );
}

function ChangesTable({ changes, words }: { changes: unknown; words: ValueWords }) {
  const { t } = useI18n();
  const rows = changeRows(changes);
  const withChanges = rows.some((row) => row.isChange);
  return (
    <Stack gap="xs">
      <Title order={5}>{t("audit.changes")}</Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("audit.noChanges")}
        </Text>
      ) : (
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
                <Table.Td>{row.field ? (words.field?.(row.field) ?? row.field) : "—"}</Table.Td>
                {withChanges && <Table.Td c={row.isChange ? "red" : undefined}>{row.isChange ? formatValue(row.from, words, row.field) : ""}</Table.Td>}
                <Table.Td c={row.isChange ? "green" : undefined} style={{ wordBreak: "break-word" }}>
                  {formatValue(row.to, words, row.field)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
