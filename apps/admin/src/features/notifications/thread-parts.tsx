// Pieces the bell and the inbox page share: the severity badge, and a thread's summary (title, text, how
// many notifications, when, when it leaves the inbox, its module).
import { Badge, Group, Stack, Text } from "@mantine/core";
import type { Severity } from "@tenancy/contracts";
import { moduleLabel } from "../../app/catalog-labels.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import type { Thread } from "./inbox-api.js";

export const SEVERITY_COLOR: Record<Severity, string> = { info: "blue", warning: "yellow", critical: "red" };

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  return (
    <Badge size="sm" variant={severity === "critical" ? "filled" : "light"} color={SEVERITY_COLOR[severity]} data-testid="notif-severity">
      {t(`notif.severity.${severity}`)}
    </Badge>
  );
}

export function ThreadSummary({ thread, compact = false }: { thread: Thread; compact?: boolean }) {
  const { t, fmt } = useI18n();
  return (
    <Stack gap={4} miw={0}>
      <Text size="sm" fw={thread.read ? 400 : 700} lineClamp={2} style={{ overflowWrap: "anywhere" }} data-testid="notif-title">
        {thread.title}
      </Text>
      {thread.body && (
        <Text size="xs" c="dimmed" lineClamp={compact ? 2 : 3}>
          {thread.body}
        </Text>
      )}
      <Group gap="xs">
        <SeverityBadge severity={thread.severity} />
        {!thread.read && (
          <Badge size="xs" variant="dot" color="indigo">
            {t("notif.unread")}
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          {fmt.dateTime(thread.lastAt)}
        </Text>
        {thread.count > 1 && (
          <Badge size="xs" variant="outline" color="gray" tt="none" data-testid="notif-count">
            {t("notif.count", { count: thread.count })}
          </Badge>
        )}
        {!compact && (
          <Text size="xs" c="dimmed">
            {moduleLabel(t, thread.module)}
          </Text>
        )}
        {!compact && thread.expiresAt && (
          <Text size="xs" c="dimmed">
            {t("notif.expires", { date: fmt.date(thread.expiresAt) })}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
