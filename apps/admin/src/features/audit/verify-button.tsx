// "Verify integrity": walks the tenant's audit hash chain on the server and reports whether it is intact,
// where it first breaks (with a way to open that entry), and how many recent entries are not sealed yet.
// The server walks a bounded page per call; this walks page after page with a progress bar.
import { Alert, Button, Group, Loader, Modal, Progress, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import type { Translate } from "../../app/i18n/translate.js";
import { ErrorState } from "../../app/states.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";

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

type Report = RouterOutputs["audit"]["verify"];
type Walk =
  | { status: "running"; checked: number; lastSeq: string | null }
  | { status: "done"; report: Report; finishedAt: Date }
  | { status: "error"; error: unknown };

/**
 * Walks the chain page by page (the server checks a bounded page per call), showing progress, and
 * starts over on `again()`. Always a fresh walk: a cached verdict says nothing about the chain as it is now.
 */
function useChainWalk() {
  const utils = trpc.useUtils();
  const [run, setRun] = useState(0);
  const [walk, setWalk] = useState<Walk>({ status: "running", checked: 0, lastSeq: null });
  useEffect(() => {
    let cancelled = false;
    setWalk({ status: "running", checked: 0, lastSeq: null });
    void (async () => {
      let checked = 0;
      let fromSeq: string | undefined;
      try {
        for (;;) {
          const page = await utils.audit.verify.fetch(fromSeq ? { fromSeq } : undefined, { staleTime: 0, gcTime: 0, retry: false });
          if (cancelled) return;
          checked += page.checked;
          if (!page.nextSeq) return setWalk({ status: "done", report: { ...page, checked }, finishedAt: new Date() });
          setWalk({ status: "running", checked, lastSeq: page.lastSeq });
          fromSeq = page.nextSeq;
        }
      } catch (error) {
        if (!cancelled) setWalk({ status: "error", error });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [run, utils]);
  return { walk, again: () => setRun((n) => n + 1) };
}

function VerifyReport({ onShowEntry }: { onShowEntry: (entryId: string) => void }) {
  const { t, fmt } = useI18n();
  const { walk, again } = useChainWalk();

  if (walk.status === "running") {
    const total = walk.lastSeq ? Number(walk.lastSeq) : 0;
    return (
      <Stack gap="xs" py="md">
        <Group gap="sm">
          <Loader size="sm" />
          <Text size="sm">{walk.checked > 0 ? t("audit.verifyProgress", { checked: fmt.number(walk.checked), total: fmt.number(total) }) : t("audit.verifying")}</Text>
        </Group>
        {total > 0 && <Progress value={Math.min(100, (walk.checked / total) * 100)} aria-label={t("audit.verifying")} />}
      </Stack>
    );
  }
  if (walk.status === "error") return <ErrorState error={walk.error} onRetry={again} />;
  const report = walk.report;
  const broken = report.firstBroken;

  return (
    <Stack data-testid="verify-report">
      {broken ? (
        <Alert color="red" variant="light" title={t("audit.verifyBroken")}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t("audit.verifyBrokenAt", { seq: broken.seq, reason: breakReason(t, broken) })}</Text>
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
          {t("audit.verifyHead", { seq: report.lastSeq, time: fmt.dateTime(walk.finishedAt) })}
        </Text>
        <Button size="xs" variant="default" onClick={again}>
          {t("audit.verifyAgain")}
        </Button>
      </Group>
    </Stack>
  );
}

type Break = NonNullable<RouterOutputs["audit"]["verify"]["firstBroken"]>;

/** Why the chain breaks, in the viewer's language (the server's `reason` is its English). */
export function breakReason(t: Translate, broken: Pick<Break, "kind" | "seq" | "throughSeq">): string {
  switch (broken.kind) {
    case "missing":
      return broken.throughSeq && broken.throughSeq !== broken.seq
        ? t("audit.break.missingRange", { seq: broken.seq, throughSeq: broken.throughSeq })
        : t("audit.break.missing", { seq: broken.seq });
    case "link_mismatch":
    case "content_changed":
    case "head_mismatch":
      return t(`audit.break.${broken.kind}`);
  }
}
