// The event catalog: every event type with its description in the user's language, module, version,
// the permission needed to receive it, its payload's JSON Schema and a sample. Searchable, filterable by
// module. The same page for tenant users (/t/events/catalog) and platform admins (/platform/events).
import { Accordion, Badge, Code, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { MODULES } from "@tenancy/contracts";
import { DataTable, PageHeader } from "@tenancy/ui";
import { useMemo, useState } from "react";
import { eventLabel, moduleLabel, permissionLabel } from "../../app/catalog-labels.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { readServerError } from "../../app/server-error.js";
import { trpc } from "../../app/trpc.js";
import { filterCatalog } from "./catalog-filter.js";

export function EventCatalogPage() {
  const { t, locale } = useI18n();
  usePageTitle(t("events.catalog.title"));
  const query = trpc.events.catalog.useQuery(undefined, { staleTime: Infinity });
  const [search, setSearch] = useState("");
  const [module, setModule] = useState<string | null>(null);
  const french = locale.startsWith("fr");

  const entries = useMemo(
    () =>
      (query.data?.events ?? []).map((entry) => ({
        ...entry,
        label: eventLabel(t, entry.type),
        description: french ? entry.description.fr : entry.description.en,
      })),
    [query.data, t, french],
  );
  const shown = filterCatalog(entries, search, module);

  return (
    <Stack>
      <PageHeader title={t("events.catalog.title")} description={t("events.catalog.description")} />
      <Group align="end">
        <TextInput
          label={t("events.catalog.search")}
          placeholder={t("events.catalog.searchPlaceholder")}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
          data-testid="catalog-search"
        />
        <Select
          label={t("events.catalog.module")}
          placeholder={t("events.catalog.allModules")}
          data={MODULES.map((m) => ({ value: m, label: moduleLabel(t, m) }))}
          value={module}
          onChange={setModule}
          clearable
          w={220}
        />
        {query.data && (
          <Text size="sm" c="dimmed" pb={8}>
            {t("events.catalog.count", { count: shown.length })}
          </Text>
        )}
      </Group>
      {query.data && shown.length > 0 ? (
        <Accordion variant="separated" multiple data-testid="event-catalog">
          {shown.map((entry) => (
            <Accordion.Item key={entry.type} value={entry.type} data-event-type={entry.type}>
              <Accordion.Control>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Stack gap={0}>
                    <Text fw={600}>{entry.label}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {entry.type}
                    </Text>
                  </Stack>
                  <Group gap="xs">
                    <Badge variant="light">{moduleLabel(t, entry.module)}</Badge>
                    <Badge variant="outline" tt="none">
                      {t("events.catalog.version", { version: entry.version })}
                    </Badge>
                  </Group>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  <Text size="sm">{entry.description}</Text>
                  <Text size="sm">
                    <Text span fw={600}>
                      {t("events.catalog.permission")}:{" "}
                    </Text>
                    {entry.permission ? permissionLabel(t, entry.permission) : t("events.catalog.platformOnly")}
                    {entry.permission && (
                      <Text span c="dimmed" ff="monospace" size="xs">
                        {" "}
                        ({entry.permission})
                      </Text>
                    )}
                  </Text>
                  <SimpleGrid cols={{ base: 1, md: 2 }}>
                    <JsonBlock title={t("events.catalog.schema")} value={entry.schema} />
                    <JsonBlock title={t("events.catalog.sample")} value={entry.sample} />
                  </SimpleGrid>
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      ) : (
        // The table gives the loading, error and empty states the app's lists share.
        <DataTable
          columns={[]}
          rows={query.data ? [] : undefined}
          rowKey={() => ""}
          loading={query.isPending}
          error={query.error ? readServerError(query.error, t, "errors.unreachable").message : null}
          onRetry={() => void query.refetch()}
          emptyMessage={t("events.catalog.empty")}
        />
      )}
    </Stack>
  );
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <Stack gap={4} miw={0}>
      <Title order={4} size="sm">
        {title}
      </Title>
      <Code block style={{ maxHeight: 360, overflow: "auto", whiteSpace: "pre" }}>
        {JSON.stringify(value, null, 2)}
      </Code>
    </Stack>
  );
}
