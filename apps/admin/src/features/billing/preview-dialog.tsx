// The confirm dialog of a billing action: what it will cost (`subscriptions.preview`, computed by the same
// code as the action), line by line in the reader's language, when it applies (now or at the period's end)
// and when it is invoiced; the action runs only on Confirm. Extra fields (a plan to choose) go in `children`.
import {
  Button,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import type { ReactNode } from "react";
import { useState } from "react";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { ErrorState } from "../../app/states.js";
import { trpc, type RouterInputs, type RouterOutputs } from "../../app/trpc.js";
import { lineText, type PlanFacts } from "./billing-text.js";

type Preview = RouterOutputs["subscriptions"]["preview"];

export function PreviewLines({
  preview,
  planOf,
}: {
  preview: Preview;
  planOf: (planId: string) => PlanFacts | null;
}) {
  const { t, fmt } = useI18n();
  const money = (amount: number) => fmt.money(amount, preview.currency);
  return (
    <Stack gap="xs" data-testid="preview">
      <Text size="sm" fw={600}>
        {preview.timing === "now"
          ? t("preview.appliesNow")
          : t("preview.appliesAt", { date: fmt.date(preview.effectiveAt) })}
      </Text>
      <Table
        withTableBorder
        verticalSpacing="xs"
        fz="sm"
        aria-label={t("preview.lines")}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("preview.description")}</Table.Th>
            <Table.Th ta="right">{t("preview.amount")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.lines.map((line, index) => (
            <Table.Tr key={index} data-testid="preview-line">
              <Table.Td>{lineText(t, fmt, line, planOf)}</Table.Td>
              <Table.Td
                ta="right"
                style={{ whiteSpace: "nowrap" }}
                data-testid="preview-line-amount"
              >
                {money(line.amount)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th>
              {t("preview.total")} ·{" "}
              {preview.timing === "now" &&
              preview.invoiceAt.getTime() <= preview.effectiveAt.getTime()
                ? t("preview.invoicedNow")
                : t("preview.invoicedAt", {
                    date: fmt.date(preview.invoiceAt),
                  })}
            </Table.Th>
            <Table.Th
              ta="right"
              style={{ whiteSpace: "nowrap" }}
              data-testid="preview-total"
            >
              {money(preview.total)}
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Stack>
  );
}

export interface PreviewDialogProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** What to preview; null while the dialog's own fields are incomplete (no preview yet). */
  preview: RouterInputs["subscriptions"]["preview"] | null;
  planOf: (planId: string) => PlanFacts | null;
  confirmLabel: string;
  /** Runs the action; the dialog closes when it resolves and stays open when it throws (the caller reports it). */
  onConfirm: () => Promise<unknown>;
  /** False keeps Confirm disabled (a required choice is not made yet). */
  ready?: boolean;
  children?: ReactNode;
}

export function PreviewDialog({
  opened,
  onClose,
  title,
  preview,
  planOf,
  confirmLabel,
  onConfirm,
  ready = true,
  children,
}: PreviewDialogProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const query = trpc.subscriptions.preview.useQuery(
    preview ?? { action: "switchInterval", moduleKey: "none" },
    {
      enabled: opened && preview !== null,
      // A preview is a quote of now: asked again on every opening, never from an older cache.
      gcTime: 0,
      staleTime: 0,
    },
  );
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      onClose();
    } catch {
      // Reported by the caller; the dialog stays open to try again or cancel.
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size="lg">
      <Stack>
        {children}
        {preview !== null &&
          (query.isPending ? (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm">{t("preview.loading")}</Text>
            </Group>
          ) : query.error ? (
            <ErrorState
              error={query.error}
              onRetry={() => void query.refetch()}
            />
          ) : (
            <PreviewLines preview={query.data} planOf={planOf} />
          ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t("common.cancel")}
          </Button>
          <Button
            onClick={() => void confirm()}
            loading={busy}
            disabled={!ready || (preview !== null && !query.data)}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
