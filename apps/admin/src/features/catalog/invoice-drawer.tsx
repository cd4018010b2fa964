// One invoice in a drawer: its amounts in its own currency, its lines, and the settlements its status allows
// (each confirmed; a refusal of the server is shown in the user's language).
import { Code, Drawer, Group, Stack, Table, Text, Title } from "@mantine/core";
import { ConfirmButton, DetailList, ErrorAlert, PageLoader } from "@tenancy/ui";
import { useFeedback } from "../../app/feedback.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { readServerError } from "../../app/server-error.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { invoiceActions, type InvoiceAction } from "./invoice-actions.js";
import { InvoiceStatusBadge } from "./invoice-status.js";

type Invoice = RouterOutputs["billing"]["admin"]["invoices"]["get"];

export function InvoiceDrawer({ invoiceId, tenantName, onClose }: { invoiceId: string | null; tenantName: (id: string) => string; onClose: () => void }) {
  const { t } = useI18n();
  const query = trpc.billing.admin.invoices.get.useQuery({ invoiceId: invoiceId ?? "" }, { enabled: invoiceId !== null });
  const invoice = query.data;
  return (
    <Drawer opened={invoiceId !== null} onClose={onClose} position="right" size="xl" title={invoice ? t("platformInvoices.detailTitle", { number: invoice.number ?? t("platformInvoices.draftNumber") }) : t("platformInvoices.details")}>
      {query.isPending ? (
        <PageLoader />
      ) : query.error ? (
        <ErrorAlert message={readServerError(query.error, t, "errors.unreachable").message} onRetry={() => void query.refetch()} />
      ) : (
        invoice && <InvoiceDetail invoice={invoice} tenantName={tenantName(invoice.tenantId)} />
      )}
    </Drawer>
  );
}

function InvoiceDetail({ invoice, tenantName }: { invoice: Invoice; tenantName: string }) {
  const { t, fmt } = useI18n();
  const money = (amount: number) => fmt.money(amount, invoice.currency);
  const date = (value: Date | null) => (value ? fmt.dateTime(value) : null);
  return (
    <Stack gap="lg" data-testid="invoice-detail">
      <DetailList
        columns={2}
        items={[
          { label: t("common.status"), value: <InvoiceStatusBadge status={invoice.status} /> },
          { label: t("platformInvoices.tenant"), value: tenantName },
          { label: t("platformInvoices.subtotal"), value: money(invoice.subtotal) },
          { label: t("platformInvoices.tax"), value: money(invoice.tax) },
          { label: t("platformInvoices.total"), value: <Text fw={700} size="sm">{money(invoice.total)}</Text> },
          { label: t("platformInvoices.issuedAt"), value: date(invoice.issuedAt) },
          { label: t("platformInvoices.dueAt"), value: date(invoice.dueAt) },
          ...(invoice.paidAt ? [{ label: t("platformInvoices.paidAt"), value: date(invoice.paidAt) }] : []),
          ...(invoice.voidedAt ? [{ label: t("platformInvoices.voidedAt"), value: date(invoice.voidedAt) }] : []),
          ...(invoice.uncollectibleAt ? [{ label: t("platformInvoices.uncollectibleAt"), value: date(invoice.uncollectibleAt) }] : []),
        ]}
      />
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t("platformInvoices.lines")}
        </Title>
        <Table.ScrollContainer minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("platformInvoices.line.what")}</Table.Th>
                <Table.Th>{t("platformInvoices.line.period")}</Table.Th>
                <Table.Th ta="right">{t("platformInvoices.line.quantity")}</Table.Th>
                <Table.Th ta="right">{t("platformInvoices.line.unitAmount")}</Table.Th>
                <Table.Th ta="right">{t("platformInvoices.line.amount")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invoice.lines.map((line) => (
                <Table.Tr key={line.position}>
                  <Table.Td>
                    {t(`platformInvoices.kind.${line.kind}`)} <Code>{line.moduleKey}</Code>
                  </Table.Td>
                  <Table.Td>{line.periodStart && line.periodEnd ? t("platformInvoices.line.periodValue", { start: fmt.date(line.periodStart), end: fmt.date(line.periodEnd) }) : "—"}</Table.Td>
                  <Table.Td ta="right">{fmt.number(line.quantity)}</Table.Td>
                  <Table.Td ta="right">{money(line.unitAmount)}</Table.Td>
                  <Table.Td ta="right">{money(line.amount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      <InvoiceActions invoice={invoice} />
    </Stack>
  );
}

function InvoiceActions({ invoice }: { invoice: Invoice }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const markPaid = trpc.billing.admin.invoices.markPaid.useMutation();
  const markVoid = trpc.billing.admin.invoices.markVoid.useMutation();
  const markUncollectible = trpc.billing.admin.invoices.markUncollectible.useMutation();
  const mutations: Record<InvoiceAction, typeof markPaid> = { pay: markPaid, void: markVoid, mark_uncollectible: markUncollectible };
  const actions = invoiceActions(invoice.status);
  if (actions.length === 0) return null;
  const number = invoice.number ?? t("platformInvoices.draftNumber");

  return (
    <Group>
      {actions.map((action) => (
        <ConfirmButton
          key={action}
          variant={action === "pay" ? "filled" : "default"}
          color={action === "pay" ? undefined : "red"}
          title={t(`platformInvoices.confirm.${action}`, { number })}
          message={t(`platformInvoices.confirmMessage.${action}`)}
          confirmLabel={t(`platformInvoices.action.${action}`)}
          onConfirm={() =>
            mutations[action].mutateAsync(
              { invoiceId: invoice.id },
              {
                onSuccess: (updated) => {
                  utils.billing.admin.invoices.get.setData({ invoiceId: invoice.id }, updated);
                  void utils.billing.admin.invoices.list.invalidate();
                  feedback.success(t(`platformInvoices.done.${action}`, { number }));
                },
                onError: (error) => {
                  feedback.error(error);
                  void utils.billing.admin.invoices.get.invalidate({ invoiceId: invoice.id });
                },
              },
            )
          }
        >
          {t(`platformInvoices.action.${action}`)}
        </ConfirmButton>
      ))}
    </Group>
  );
}
