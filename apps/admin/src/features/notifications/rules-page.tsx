// The tenant's notification rules (/t/notification-rules, notifications.manage): each with its events, its
// severity and a switch to turn it on or off; creating and editing one in a dialog, deleting one after
// confirmation.
import { Badge, Button, Group, Modal, Stack, Switch, Text } from "@mantine/core";
import type { RuleOutput } from "@tenancy/contracts";
import { ConfirmButton, DataTable, PageHeader, TruncatedText, type Column } from "@tenancy/ui";
import { useState } from "react";
import { eventLabel } from "../../app/catalog-labels.js";
import { useFeedback } from "../../app/feedback.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { readServerError } from "../../app/server-error.js";
import { trpc } from "../../app/trpc.js";
import { RuleForm } from "./rule-form.js";
import { ruleName } from "./rule-name.js";
import { SeverityBadge } from "./thread-parts.js";

export function RulesPage() {
  const { t } = useI18n();
  usePageTitle(t("notif.rules.title"));
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const query = trpc.notifications.rules.list.useQuery();
  const [editing, setEditing] = useState<RuleOutput | "new" | null>(null);
  const setEnabled = trpc.notifications.rules.setEnabled.useMutation({
    onSuccess: (saved) => {
      feedback.success(saved.enabled ? t("notif.rules.turnedOn", { name: ruleName(t, saved) }) : t("notif.rules.turnedOff", { name: ruleName(t, saved) }));
      return utils.notifications.rules.invalidate();
    },
    onError: (error) => feedback.error(error),
  });
  const remove = trpc.notifications.rules.delete.useMutation();

  const columns: Column<RuleOutput>[] = [
    {
      key: "name",
      header: t("common.name"),
      mobile: "title",
      render: (rule) => (
        <Group gap="xs" wrap="nowrap">
          <Text fw={600} size="sm" miw={0} component="div">
            <TruncatedText value={ruleName(t, rule)} maxWidth={240} />
          </Text>
          {rule.key && (
            <Badge variant="light" color="grape" size="sm">
              {t("notif.rules.default")}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: "events",
      header: t("notif.rules.events"),
      render: (rule) => (
        <Stack gap={2}>
          {rule.eventTypes.map((type) => (
            <Text key={type} size="sm">
              {eventLabel(t, type)}
            </Text>
          ))}
        </Stack>
      ),
    },
    { key: "severity", header: t("notif.form.severity"), render: (rule) => <SeverityBadge severity={rule.severity} /> },
    {
      key: "enabled",
      header: t("notif.rules.enabled"),
      render: (rule) => (
        <Switch
          checked={rule.enabled}
          disabled={setEnabled.isPending}
          aria-label={t("notif.rules.enableNamed", { name: ruleName(t, rule) })}
          onChange={(event) => setEnabled.mutate({ ruleId: rule.id, enabled: event.currentTarget.checked })}
        />
      ),
    },
    {
      key: "actions",
      header: "",
      action: true,
      render: (rule) => (
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <Button size="xs" variant="default" onClick={() => setEditing(rule)} aria-label={t("notif.rules.editNamed", { name: ruleName(t, rule) })}>
            {t("common.edit")}
          </Button>
          <ConfirmButton
            size="xs"
            color="red"
            variant="light"
            aria-label={t("notif.rules.deleteNamed", { name: ruleName(t, rule) })}
            title={t("notif.rules.deleteNamed", { name: ruleName(t, rule) })}
            message={t("notif.rules.deleteConfirm", { name: ruleName(t, rule) })}
            confirmLabel={t("notif.rules.delete")}
            onConfirm={async () => {
              try {
                await remove.mutateAsync({ ruleId: rule.id });
              } catch (error) {
                feedback.error(error);
                throw error;
              }
              feedback.success(t("notif.rules.deleted", { name: ruleName(t, rule) }));
              await utils.notifications.rules.invalidate();
            }}
          >
            {t("notif.rules.delete")}
          </ConfirmButton>
        </Group>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t("notif.rules.title")} description={t("notif.rules.description")} actions={<Button onClick={() => setEditing("new")}>{t("notif.rules.new")}</Button>} />
      <DataTable
        columns={columns}
        rows={query.data?.items}
        rowKey={(rule) => rule.id}
        loading={query.isPending}
        error={query.error ? readServerError(query.error, t, "errors.unreachable").message : null}
        onRetry={() => void query.refetch()}
        emptyMessage={t("notif.rules.empty")}
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" || editing === null ? t("notif.rules.new") : t("notif.rules.editTitle", { name: ruleName(t, editing) })}
        size="xl"
        centered
      >
        {editing !== null && <RuleForm rule={editing === "new" ? null : editing} onDone={() => setEditing(null)} />}
      </Modal>
    </>
  );
}
