// One invoice as a printable document in the reader's language and the invoice's currency: number, dates in
// the workspace's time zone, the seller (a placeholder until the platform's legal details exist), the
// workspace billed, its lines (each module's periods, per-user quantities, prorations worded from their kind,
// plan and period), subtotal, tax (a 0 % placeholder line), total and status. Print (or the browser's "Save
// as PDF") shows the invoice alone: invoice-print.css hides the app around it.
import { Anchor, Button, Divider, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Id } from "@tenancy/contracts";
import { PageLoader } from "@tenancy/ui";
import { Link, useParams } from "react-router";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { ErrorState, isNotFound, MissingState } from "../../app/states.js";
import { trpc } from "../../app/trpc.js";
import { lineText } from "./billing-text.js";
import "./invoice-print.css";
import { localized, planLookup } from "./plans.js";
import { InvoiceStatusBadge } from "./status-badges.js";

export function InvoicePage() {
  const { invoiceId = "" } = useParams();
  const { t, fmt, locale } = useI18n();
  const validId = Id.safeParse(invoiceId).success;
  const query = trpc.billing.invoices.get.useQuery({ invoiceId }, { enabled: validId });
  const invoice = query.data;
  usePageTitle(invoice ? (invoice.number ? t("invoice.title", { number: invoice.number }) : t("invoice.draftTitle")) : null);

  if (!validId || (query.error && isNotFound(query.error))) {
    return <MissingState title={t("invoice.notFoundTitle")} message={t("invoice.notFoundMessage")} back={{ to: "/t/invoices", label: t("invoice.back") }} />;
  }
  if (query.isPending) return <PageLoader />;
  if (query.error || !invoice) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const money = (amount: number) => fmt.money(amount, invoice.currency);
  const planOf = planLookup(locale, invoice.plans);
  const moduleName = (key: string) => {
    const module = invoice.modules.find((m) => m.key === key);
    return module ? localized(module.name, locale) : key;
  };
  const rate = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(invoice.taxRateBasisPoints / 10_000);
  const b = invoice.billTo;
  const address = [b.addressLine, [b.postalCode, b.city].filter(Boolean).join(" "), fmt.regionName(b.country)].filter((part) => part);

  return (
    <Stack maw={860}>
      <Group justify="space-between" className="tenancy-no-print">
        <Anchor component={Link} to="/t/invoices" size="sm">
          ← {t("invoice.back")}
        </Anchor>
        <Button onClick={() => window.print()}>{t("invoice.print")}</Button>
      </Group>
      <Paper withBorder radius="md" p="xl" className="tenancy-invoice" data-testid="invoice">
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Title order={1} size="h2">
                {invoice.number ? t("invoice.title", { number: invoice.number }) : t("invoice.draftTitle")}
              </Title>
              <InvoiceStatusBadge status={invoice.status} />
            </Stack>
          </Group>
          <SimpleGrid cols={2}>
            <Stack gap={2}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t("invoice.seller")}
              </Text>
              <Text size="sm" fw={600}>
                {t("app.name")}
              </Text>
              <Text size="sm" c="dimmed">
                {t("invoice.sellerPlaceholder")}
              </Text>
            </Stack>
            <Stack gap={2} data-testid="bill-to">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t("invoice.billTo")}
              </Text>
              <Text size="sm" fw={600}>
                {b.legalName ?? b.name}
              </Text>
              {address.map((line) => (
                <Text size="sm" key={line}>
                  {line}
                </Text>
              ))}
              <Text size="sm">{b.contactEmail}</Text>
            </Stack>
          </SimpleGrid>
          <SimpleGrid cols={3}>
            <Dated label={t("invoice.issuedAt")} value={invoice.issuedAt ? fmt.date(invoice.issuedAt) : "—"} />
            <Dated label={t("invoice.dueAt")} value={invoice.dueAt ? fmt.date(invoice.dueAt) : "—"} />
            {invoice.paidAt && <Dated label={t("invoice.paidAt")} value={fmt.date(invoice.paidAt)} />}
          </SimpleGrid>
          <Table verticalSpacing="xs" fz="sm" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("invoice.item")}</Table.Th>
                <Table.Th ta="right">{t("preview.quantity")}</Table.Th>
                <Table.Th ta="right">{t("preview.unitPrice")}</Table.Th>
                <Table.Th ta="right">{t("preview.amount")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invoice.lines.map((line) => (
                <Table.Tr key={line.position} data-testid="invoice-line">
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {moduleName(line.moduleKey)}
                    </Text>
                    <Text size="sm" data-testid="invoice-line-text">
                      {lineText(t, fmt, line, planOf)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{fmt.number(line.quantity)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    {money(line.unitAmount)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }} data-testid="invoice-line-amount">
                    {money(line.amount)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Stack gap={4} align="flex-end">
            <Total label={t("invoice.subtotal")} value={money(invoice.subtotal)} />
            <Total label={t("invoice.tax", { rate })} value={money(invoice.tax)} />
            <Divider w={280} />
            <Total label={t("invoice.total")} value={money(invoice.total)} strong testId="invoice-grand-total" />
          </Stack>
        </Stack>
      </Paper>
    </Stack>
  );
}

function Dated({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </Stack>
  );
}

function Total({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <Group w={280} justify="space-between">
      <Text size="sm" fw={strong ? 700 : 400}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : 400} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}
