// The tenant's events as they happen (events.live over SSE): newest first, kept in memory up to a cap,
// filterable by type and module, with pause/resume and the connection's state. The browser reconnects by
// itself after a drop and the server resumes after the last event received, so nothing is missed or shown
// twice; a resume after a pause asks for the events since the last one shown.
import { Alert, Anchor, Badge, Button, Code, Group, MultiSelect, Stack, Text } from "@mantine/core";
import { EVENT_TYPES, MODULES } from "@tenancy/contracts";
import { DataTable, PageHeader, type Column } from "@tenancy/ui";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { eventLabel, moduleLabel } from "../../app/catalog-labels.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { readServerError } from "../../app/server-error.js";
import { trpc } from "../../app/trpc.js";
import { addLive, LIVE_CAP, type LiveRow } from "./live-buffer.js";

export function LiveEventsPage() {
  const { t, fmt } = useI18n();
  usePageTitle(t("events.live.title"));
  const [types, setTypes] = useState<string[]>([]);
  const [modules, setModules] = useState<string[]>([]);
  const [paused, setPaused] = useState(false);
  const [rows, setRows] = useState<LiveRow[]>([]);
  const [missed, setMissed] = useState(0);
  const lastSeq = useRef<string | null>(null);
  // Where a (re)subscription starts: fixed while subscribed (tRPC itself resumes after drops).
  const [resumeFrom, setResumeFrom] = useState<string | null>(null);
  // A stream can outlive a network change half-open (sleep, another Wi-Fi) and stay silent until the
  // client's inactivity timeout: when the browser says it went offline the stream is closed, and when it is
  // back online a new one resumes after the last event shown.
  const [offline, setOffline] = useState(() => !navigator.onLine);
  useEffect(() => {
    const down = () => setOffline(true);
    const up = () => {
      setResumeFrom(lastSeq.current);
      setOffline(false);
    };
    window.addEventListener("offline", down);
    window.addEventListener("online", up);
    return () => {
      window.removeEventListener("offline", down);
      window.removeEventListener("online", up);
    };
  }, []);

  const subscription = trpc.events.live.useSubscription(
    { types: types.length ? types : undefined, modules: modules.length ? modules : undefined, lastEventId: resumeFrom },
    {
      enabled: !paused && !offline,
      onData: ({ data }) => {
        if (data.kind === "gap") {
          setMissed((n) => n + data.missed);
          return;
        }
        lastSeq.current = data.event.seq;
        setRows((current) => addLive(current, data.event));
      },
    },
  );

  const togglePause = () => {
    if (!paused) setResumeFrom(lastSeq.current);
    setPaused(!paused);
  };
  const changeFilter = (set: (value: string[]) => void) => (value: string[]) => {
    setResumeFrom(lastSeq.current);
    set(value);
  };

  const status = paused ? "paused" : offline ? "reconnecting" : subscription.status === "pending" ? "live" : subscription.status === "connecting" ? (lastSeq.current || rows.length ? "reconnecting" : "connecting") : subscription.status === "error" ? "error" : "connecting";
  const color = { live: "green", connecting: "gray", reconnecting: "orange", paused: "gray", error: "red" }[status];

  const columns: Column<LiveRow>[] = [
    { key: "time", header: t("events.live.time"), nowrap: true, render: (row) => fmt.dateTime(row.createdAt) },
    {
      key: "type",
      header: t("events.live.type"),
      mobile: "title",
      render: (row) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {eventLabel(t, row.type)}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {row.type}
          </Text>
        </Stack>
      ),
    },
    { key: "module", header: t("events.live.module"), render: (row) => moduleLabel(t, row.module) },
    {
      key: "payload",
      header: t("events.live.details"),
      render: (row) => (
        <Code block style={{ maxWidth: 420, maxHeight: 120, overflow: "auto", whiteSpace: "pre" }}>
          {JSON.stringify(row.payload, null, 1)}
        </Code>
      ),
    },
  ];

  return (
    <Stack>
      <PageHeader
        title={t("events.live.title")}
        description={t("events.live.description")}
        badge={
          <Badge color={color} variant="dot" data-testid="live-status" data-status={status}>
            {t(`events.live.status.${status}`)}
          </Badge>
        }
        actions={
          <Group gap="xs">
            <Anchor component={Link} to="/t/events/catalog" size="sm">
              {t("events.live.catalogLink")}
            </Anchor>
            <Button variant="default" onClick={() => setRows([])} disabled={rows.length === 0}>
              {t("events.live.clear")}
            </Button>
            <Button onClick={togglePause} data-testid="live-pause">
              {paused ? t("events.live.resume") : t("events.live.pause")}
            </Button>
          </Group>
        }
      />
      <Group align="end">
        <MultiSelect
          label={t("events.live.types")}
          placeholder={types.length ? undefined : t("events.live.filterPlaceholder")}
          data={EVENT_TYPES.map((type) => ({ value: type, label: eventLabel(t, type) }))}
          value={types}
          onChange={changeFilter(setTypes)}
          searchable
          clearable
          w={360}
        />
        <MultiSelect
          label={t("events.live.modules")}
          placeholder={modules.length ? undefined : t("events.live.filterPlaceholder")}
          data={MODULES.map((m) => ({ value: m, label: moduleLabel(t, m) }))}
          value={modules}
          onChange={changeFilter(setModules)}
          clearable
          w={260}
        />
      </Group>
      {missed > 0 && (
        <Alert color="orange" withCloseButton onClose={() => setMissed(0)}>
          {t("events.live.gap", { count: missed })}
        </Alert>
      )}
      {subscription.error && !paused && <Alert color="red">{readServerError(subscription.error, t, "errors.unreachable").message}</Alert>}
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(row) => row.seq}
        emptyMessage={paused ? t("events.live.emptyPaused") : t("events.live.empty")}
        footer={
          rows.length >= LIVE_CAP ? (
            <Text size="xs" c="dimmed">
              {t("events.live.capped", { count: LIVE_CAP })}
            </Text>
          ) : undefined
        }
      />
    </Stack>
  );
}
