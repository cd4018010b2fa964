// The inbox page (a tenant user's at /t/notifications, a platform admin's at /platform/notifications): the
// views inbox / unread / archived, severity and module filters, "load more", rows selected for bulk mark
// read / unread / archive / unarchive, mark all read, and a thread opened (`?thread=<id>`) to its
// notifications. The bell's live subscription refetches it when something arrives.
import { Anchor, Button, Checkbox, Drawer, Group, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { EVENTS, SEVERITIES, type Severity } from "@tenancy/contracts";
import { DataTable, PageHeader, type Column } from "@tenancy/ui";
import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { moduleLabel } from "../../app/catalog-labels.js";
import { useFeedback } from "../../app/feedback.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { readServerError } from "../../app/server-error.js";
import { ErrorState } from "../../app/states.js";
import { useInboxPath, useInboxProcedures, useRefreshInbox, type Thread } from "./inbox-api.js";
import { ThreadSummary } from "./thread-parts.js";

const VIEWS = ["inbox", "unread", "archived"] as const;
type View = (typeof VIEWS)[number];

/** The modules events come from, in the catalog's order: the module filter's choices. */
const MODULES = [...new Set(Object.values(EVENTS).map((event) => event.module))];

export function InboxPage() {
  const { t } = useI18n();
  usePageTitle(t("notif.inbox.title"));
  const inboxPath = useInboxPath();
  const feedback = useFeedback();
  const inbox = useInboxProcedures();
  const refresh = useRefreshInbox();
  const [params, setParams] = useSearchParams();
  const [view, setView] = useState<View>("inbox");
  const [severity, setSeverity] = useState<Severity | null>(null);
  const [module, setModule] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const query = inbox.list.useInfiniteQuery(
    { view, severity: severity ?? undefined, module: module ?? undefined, limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: (previous) => previous },
  );
  const threads = useMemo(() => query.data?.pages.flatMap((page) => page.items), [query.data]);
  const shown = threads ?? [];
  const selectedShown = shown.filter((thread) => selected.has(thread.id));

  const done = (count: number) => {
    setSelected(new Set());
    feedback.success(t("notif.bulkDone", { count }));
    return refresh();
  };
  const markRead = inbox.markRead.useMutation({ onSuccess: (_, input) => done(input.threadIds.length), onError: (error) => feedback.error(error) });
  const archive = inbox.archive.useMutation({ onSuccess: (_, input) => done(input.threadIds.length), onError: (error) => feedback.error(error) });
  const markAllRead = inbox.markAllRead.useMutation({
    onSuccess: () => {
      feedback.success(t("notif.markedAllRead"));
      return refresh();
    },
    onError: (error) => feedback.error(error),
  });
  const busy = markRead.isPending || archive.isPending || markAllRead.isPending;

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allSelected = shown.length > 0 && selectedShown.length === shown.length;
  const ids = selectedShown.map((thread) => thread.id);

  const openThread = (id: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set("thread", id);
        else next.delete("thread");
        return next;
      },
      { replace: true },
    );
  const openId = params.get("thread");

  const columns: Column<Thread>[] = [
    {
      key: "select",
      header: (
        <Checkbox
          aria-label={t("notif.inbox.selectAll")}
          checked={allSelected}
          indeterminate={selectedShown.length > 0 && !allSelected}
          onChange={(event) => setSelected(event.currentTarget.checked ? new Set(shown.map((thread) => thread.id)) : new Set())}
        />
      ),
      width: 40,
      mobile: "hidden",
      render: (thread) => <Checkbox aria-label={t("notif.inbox.select", { title: thread.title })} checked={selected.has(thread.id)} onChange={(event) => toggle(thread.id, event.currentTarget.checked)} />,
    },
    {
      key: "notification",
      header: t("notif.inbox.notification"),
      mobile: "title",
      render: (thread) => (
        <Anchor component="button" type="button" c="inherit" underline="never" ta="left" onClick={() => openThread(thread.id)} data-testid="notif-row">
          <ThreadSummary thread={thread} />
        </Anchor>
      ),
    },
    {
      key: "actions",
      header: "",
      action: true,
      render: (thread) => (
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          {thread.link && (
            <Button size="xs" variant="default" component={Link} to={thread.link} aria-label={t("notif.openNamed", { title: thread.title })}>
              {t("notif.open")}
            </Button>
          )}
          <Button size="xs" variant="subtle" disabled={busy} onClick={() => markRead.mutate({ threadIds: [thread.id], read: !thread.read })}>
            {thread.read ? t("notif.markUnread") : t("notif.markRead")}
          </Button>
          <Button size="xs" variant="subtle" disabled={busy} onClick={() => archive.mutate({ threadIds: [thread.id], archived: !thread.archived })}>
            {thread.archived ? t("notif.unarchive") : t("notif.archive")}
          </Button>
        </Group>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("notif.inbox.title")}
        description={t("notif.inbox.description")}
        actions={
          <Group gap="xs">
            <Button variant="default" component={Link} to={`${inboxPath}/preferences`}>
              {t("notif.inbox.preferences")}
            </Button>
            <Button onClick={() => markAllRead.mutate()} loading={markAllRead.isPending} disabled={busy}>
              {t("notif.markAllRead")}
            </Button>
          </Group>
        }
      />
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label={t("notif.inbox.view")}
            value={view}
            onChange={(value) => {
              setView(value as View);
              setSelected(new Set());
            }}
            data={VIEWS.map((v) => ({ value: v, label: t(`notif.inbox.view.${v}`) }))}
            data-testid="notif-view"
          />
          <Select
            label={t("notif.inbox.severity")}
            placeholder={t("notif.inbox.any")}
            clearable
            value={severity}
            onChange={(value) => setSeverity(value as Severity | null)}
            data={SEVERITIES.map((s) => ({ value: s, label: t(`notif.severity.${s}`) }))}
            w={180}
          />
          <Select
            label={t("notif.inbox.module")}
            placeholder={t("notif.inbox.any")}
            clearable
            value={module}
            onChange={setModule}
            data={MODULES.map((m) => ({ value: m, label: moduleLabel(t, m) }))}
            w={180}
          />
        </Group>
        {selectedShown.length > 0 && (
          <Group gap="xs" data-testid="notif-bulk">
            <Text size="sm" fw={600}>
              {t("notif.inbox.selected", { count: selectedShown.length })}
            </Text>
            <Button size="xs" variant="default" disabled={busy} onClick={() => markRead.mutate({ threadIds: ids, read: true })}>
              {t("notif.markRead")}
            </Button>
            <Button size="xs" variant="default" disabled={busy} onClick={() => markRead.mutate({ threadIds: ids, read: false })}>
              {t("notif.markUnread")}
            </Button>
            {view === "archived" ? (
              <Button size="xs" variant="default" disabled={busy} onClick={() => archive.mutate({ threadIds: ids, archived: false })}>
                {t("notif.unarchive")}
              </Button>
            ) : (
              <Button size="xs" variant="default" disabled={busy} onClick={() => archive.mutate({ threadIds: ids, archived: true })}>
                {t("notif.archive")}
              </Button>
            )}
          </Group>
        )}
        <DataTable
          columns={columns}
          rows={threads}
          rowKey={(thread) => thread.id}
          loading={query.isPending}
          error={query.error ? readServerError(query.error, t, "errors.unreachable").message : null}
          onRetry={() => void query.refetch()}
          emptyMessage={view === "archived" ? t("notif.inbox.emptyArchived") : t("notif.inbox.empty")}
          hasMore={query.hasNextPage}
          loadingMore={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
        />
      </Stack>
      <Drawer opened={openId !== null} onClose={() => openThread(null)} position="right" size="md" title={t("notif.thread.title")}>
        {openId && <ThreadView threadId={openId} summary={shown.find((thread) => thread.id === openId) ?? null} />}
      </Drawer>
    </>
  );
}

/** A thread's notifications, newest first, with "load more"; opening it marks it read. */
function ThreadView({ threadId, summary }: { threadId: string; summary: Thread | null }) {
  const { t, fmt } = useI18n();
  const inbox = useInboxProcedures();
  const refresh = useRefreshInbox();
  const query = inbox.thread.useInfiniteQuery({ threadId, limit: 25 }, { getNextPageParam: (page) => page.nextCursor ?? undefined });
  const { mutate: markRead } = inbox.markRead.useMutation({ onSuccess: () => refresh() });
  const unread = summary !== null && !summary.read;
  useEffect(() => {
    if (unread) markRead({ threadIds: [threadId], read: true });
  }, [unread, threadId, markRead]);
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="sm" data-testid="notif-thread">
      {summary && (
        <Stack gap={4}>
          <ThreadSummary thread={summary} />
          {summary.link && (
            <Anchor component={Link} to={summary.link} size="sm">
              {t("notif.openNamed", { title: summary.title })}
            </Anchor>
          )}
        </Stack>
      )}
      {query.isPending ? (
        <Text size="sm" c="dimmed">
          {t("common.loading")}
        </Text>
      ) : (
        items.map((item) => (
          <Stack key={item.id} gap={2} p="xs" style={{ borderLeft: "3px solid var(--mantine-color-gray-3)" }} data-testid="notif-thread-item">
            <Text size="sm" fw={600}>
              {item.title}
            </Text>
            {item.body && <Text size="sm">{item.body}</Text>}
            <Text size="xs" c="dimmed">
              {fmt.dateTime(item.createdAt)}
            </Text>
          </Stack>
        ))
      )}
      {query.hasNextPage && (
        <Button variant="default" size="xs" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t("common.loadMore")}
        </Button>
      )}
    </Stack>
  );
}
