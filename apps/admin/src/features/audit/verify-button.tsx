// "Verify integrity": walks the tenant's audit hash chain on the server and reports whether it is intact,
// where it first breaks (with a way to open that entry), and how many recent entries are not sealed yet.
import { Alert, Button, Group, Loader, Modal, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { ErrorState } from "../../app/states.js";
import { trpc } from "../../app/trpc.js";

export function VerifyButton({ onShowEntry }: { onShowEntry: (entryId: string) => void }) {
  const { t } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="default" onClick={open}>
        {t("audit.verify")}
      </Button>
      <Modal opened={opened} onClose={close} title={t("audit.verifyTitle")} centered size="lg">
        {opened && (
          <VerifyReport
            onShowEntry={(entryId) => {
              close();
              onShowEntry(entryId);
            }}
          />
        )}
      </Modal>
    </>
  );
}

function VerifyReport({ onShowEntry }: { onShowEntry: (entryId: string) => void }) {
  const { t, fmt } = useI18n();
  // Always a fresh walk: a cached verdict would say nothing about the chain as it is now.
  const query = trpc.audit.verify.useQuery(undefined, { staleTime: 0, gcTime: 0, retry: false });

  if (query.isPending) {
    return (
      <Group gap="sm" py="md">
        <Loader size="sm" />
        <Text size="sm">{t("audit.verifying")}</Text>
      </Group>
    );
  }
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const report = query.data;
  const broken = report.firstBroken;

  return (
    <Stack data-testid="verify-report">
      {broken ? (
        <Alert color="red" variant="light" title={t("audit.verifyBroken")}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t("audit.verifyBrokenAt", { seq: broken.seq, reason: broken.reason })}</Text>
            {broken.entryId && (
              <Button size="xs" variant="white" color="red" onClick={() => onShowEntry(broken.entryId!)}>
                {t("audit.showEntry")}
              </Button>
            )}
          </Stack>
        </Alert>
      ) : (
        <Alert color="green" variant="light" title={t("audit.verifyOk")}>
          <Text size="sm">{t("audit.verifyChecked", { count: report.checked })}</Text>
        </Alert>
      )}
      {report.unsealed > 0 && (
        <Alert color="yellow" variant="light">
          <Text size="sm">{t("audit.verifyUnsealed", { count: report.unsealed })}</Text>
        </Alert>
      )}
      {report.purgedThroughSeq !== "0" && <Text size="sm" c="dimmed">{t("audit.verifyPurged", { seq: report.purgedThroughSeq })}</Text>}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {t("audit.verifyHead", { seq: report.lastSeq, time: fmt.dateTime(new Date(query.dataUpdatedAt)) })}
        </Text>
        <Button size="xs" variant="default" onClick={() => void query.refetch()} loading={query.isFetching}>
          {t("audit.verifyAgain")}
        </Button>
      </Group>
    </Stack>
  );
}
