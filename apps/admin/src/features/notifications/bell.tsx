// The bell in the app header: the unread count (critical ones in red), and a popover with the newest threads
// (mark read, open what it is about, see all). It holds the page's one live subscription: every snapshot the
// server sends (the counts and the newest threads, never a diff) is shown at once, and the inbox's queries are
// refetched, so a new notification shows everywhere (the inbox page too) without reload.
// The count sits in a polite live region; the popover is a dialog reached and left with the keyboard.
import {
  ActionIcon,
  Anchor,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import type { InboxSnapshot } from "@tenancy/contracts";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import type { z } from "zod";
import { useFeedback } from "../../app/feedback.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import {
  useInboxPath,
  useInboxProcedures,
  useLiveProcedure,
  useRefreshInbox,
  type Thread,
} from "./inbox-api.js";
import { ThreadSummary } from "./thread-parts.js";

/** How many threads the popover shows. */
export const BELL_LATEST = 5;

type Snapshot = z.infer<typeof InboxSnapshot>;

/** The snapshot out of what the subscription yields (tracked events arrive as `{ id, data }`). */
export function snapshotOf(message: unknown): Snapshot {
  const value = message as { id?: unknown; data?: unknown } & Snapshot;
  return typeof value.id === "string" && value.data !== undefined
    ? (value.data as Snapshot)
    : value;
}

function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

export function NotificationBell() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const inbox = useInboxProcedures();
  const live = useLiveProcedure();
  const refresh = useRefreshInbox();
  const inboxPath = useInboxPath();
  const [opened, setOpened] = useState(false);
  const [snapshot, setSnapshot] = useState<{
    value: Snapshot;
    at: number;
  } | null>(null);
  const counts = inbox.unreadCount.useQuery();
  const latest = inbox.list.useQuery({ view: "inbox", limit: BELL_LATEST });

  live.useSubscription(undefined, {
    onData: (message) => {
      setSnapshot({ value: snapshotOf(message), at: Date.now() });
      // The page's lists and counts follow the stream (the inbox page shows the same threads).
      void refresh();
    },
  });

  const markRead = inbox.markRead.useMutation({
    onSuccess: () => refresh(),
    onError: (error) => feedback.error(error),
  });
  // Whichever is newer: the last snapshot, or the queries refetched after it (after a change made here).
  const current =
    snapshot && (!counts.data || snapshot.at >= counts.dataUpdatedAt)
      ? snapshot.value
      : null;
  const unread = current?.unread ?? counts.data?.unread ?? 0;
  const critical = current?.critical ?? counts.data?.critical ?? 0;
  const fromLive =
    snapshot && (!latest.data || snapshot.at >= latest.dataUpdatedAt)
      ? snapshot.value.latest.slice(0, BELL_LATEST)
      : null;
  const threads: Thread[] = fromLive ?? latest.data?.items ?? [];
  const label =
    critical > 0
      ? t("notif.bell.labelCritical", { count: unread, critical })
      : t("notif.bell.label", { count: unread });

  const open = (thread: Thread) => {
    setOpened(false);
    if (!thread.read) markRead.mutate({ threadIds: [thread.id], read: true });
    navigate(thread.link ?? `${inboxPath}?thread=${thread.id}`);
  };

  return (
    <Indicator
      label={unread > 99 ? "99+" : unread}
      disabled={unread === 0}
      color={critical > 0 ? "red" : "indigo"}
      size={18}
      offset={4}
      data-testid="notif-bell-indicator"
      data-critical={critical > 0 || undefined}
    >
      <Popover
        opened={opened}
        onChange={setOpened}
        position="bottom-end"
        width={360}
        shadow="md"
        trapFocus
        returnFocus
        withArrow
      >
        <Popover.Target>
          {/* Popover.Target gives the button aria-expanded and aria-haspopup. */}
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={label}
            onClick={() => setOpened((o) => !o)}
            data-testid="notif-bell"
          >
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
        {/* The count, told to screen readers when it changes (the button's name carries it too). */}
        <VisuallyHidden aria-live="polite" data-testid="notif-bell-live">
          {label}
        </VisuallyHidden>
        <Popover.Dropdown
          p={0}
          role="dialog"
          aria-label={t("notif.bell.title")}
        >
          <Group justify="space-between" px="md" py="xs">
            <Text fw={700} size="sm">
              {t("notif.bell.title")}
            </Text>
          </Group>
          <Divider />
          <ScrollArea.Autosize mah={420}>
            {threads.length === 0 ? (
              <Text size="sm" c="dimmed" p="md">
                {latest.isPending && !snapshot
                  ? t("notif.bell.connecting")
                  : t("notif.bell.empty")}
              </Text>
            ) : (
              <Stack gap={0} data-testid="notif-bell-list">
                {threads.map((thread) => (
                  <Group
                    key={thread.id}
                    wrap="nowrap"
                    align="flex-start"
                    px="md"
                    py="xs"
                    gap="xs"
                    data-testid="notif-bell-item"
                    style={{
                      borderBottom: "1px solid var(--mantine-color-gray-2)",
                    }}
                  >
                    <UnstyledButton
                      onClick={() => open(thread)}
                      style={{ flex: 1, minWidth: 0 }}
                    >
                      <ThreadSummary thread={thread} compact />
                    </UnstyledButton>
                    {!thread.read && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        style={{ flexShrink: 0 }}
                        onClick={() =>
                          markRead.mutate({
                            threadIds: [thread.id],
                            read: true,
                          })
                        }
                        aria-label={t("notif.markReadNamed", {
                          title: thread.title,
                        })}
                      >
                        {t("notif.markRead")}
                      </Button>
                    )}
                  </Group>
                ))}
              </Stack>
            )}
          </ScrollArea.Autosize>
          <Divider />
          <Group justify="center" p="xs">
            <Anchor
              component={Link}
              to={inboxPath}
              size="sm"
              onClick={() => setOpened(false)}
            >
              {t("notif.bell.seeAll")}
            </Anchor>
          </Group>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
