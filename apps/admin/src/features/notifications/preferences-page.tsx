// Notification preferences (/t/notifications/preferences for a tenant user, /platform/notifications/preferences
// for a platform admin): a mute switch per rule that may notify them; a critical rule's switch is disabled,
// with the reason beside it (the API refuses it anyway).
import { Group, Paper, Skeleton, Stack, Switch, Text } from "@mantine/core";
import { PageHeader } from "@tenancy/ui";
import { useFeedback } from "../../app/feedback.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { ErrorState } from "../../app/states.js";
import { usePreferenceProcedures } from "./inbox-api.js";
import { ruleName } from "./rule-name.js";
import { SeverityBadge } from "./thread-parts.js";

export function PreferencesPage() {
  const { t } = useI18n();
  usePageTitle(t("notif.prefs.title"));
  const feedback = useFeedback();
  const preferences = usePreferenceProcedures();
  const query = preferences.get.useQuery();
  const setMuted = preferences.setMuted.useMutation({
    onSuccess: async (_, input) => {
      const rule = query.data?.items.find((item) => item.ruleId === input.ruleId);
      const name = rule ? ruleName(t, rule) : "";
      feedback.success(input.muted ? t("notif.prefs.mutedDone", { name }) : t("notif.prefs.unmutedDone", { name }));
      await query.refetch();
    },
    onError: (error) => feedback.error(error),
  });

  return (
    <>
      <PageHeader title={t("notif.prefs.title")} description={t("notif.prefs.description")} />
      {query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Skeleton height={160} />
      ) : query.data.items.length === 0 ? (
        <Text c="dimmed">{t("notif.prefs.empty")}</Text>
      ) : (
        <Paper withBorder radius="md" p="md">
          <Stack gap="md">
            {query.data.items.map((item) => (
              <Group key={item.ruleId} justify="space-between" wrap="nowrap" data-testid="notif-pref">
                <Stack gap={2} miw={0}>
                  <Group gap="xs">
                    <Text fw={600} size="sm">
                      {ruleName(t, item)}
                    </Text>
                    <SeverityBadge severity={item.severity} />
                  </Group>
                  {!item.mutable && (
                    <Text size="xs" c="dimmed" id={`pref-reason-${item.ruleId}`}>
                      {t("notif.prefs.criticalReason")}
                    </Text>
                  )}
                </Stack>
                <Switch
                  label={t("notif.prefs.muted")}
                  aria-label={t("notif.prefs.muteNamed", { name: ruleName(t, item) })}
                  aria-describedby={item.mutable ? undefined : `pref-reason-${item.ruleId}`}
                  checked={item.muted}
                  disabled={!item.mutable || setMuted.isPending}
                  onChange={(event) => setMuted.mutate({ ruleId: item.ruleId, muted: event.currentTarget.checked })}
                />
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
    </>
  );
}
