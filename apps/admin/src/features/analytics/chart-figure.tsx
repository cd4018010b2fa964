// Shared pieces of the analytics views: a chart with its figures as a table beside it (the table is the
// accessible alternative and what tests read), month and rate formatting, the empty state.
import "@mantine/charts/styles.css";
import { Card, Stack, Table, Text, Title } from "@mantine/core";
import { currencyDigits } from "@tenancy/contracts";
import type { ReactNode } from "react";
import { useI18n } from "../../app/i18n/i18n-provider.js";

export interface FigureColumn<T> {
  label: string;
  value: (row: T) => ReactNode;
  numeric?: boolean;
}

/** A titled card: the chart (hidden from assistive technology, which reads the table instead) and the table. */
export function ChartFigure<T>({ title, chart, rows, columns, rowKey, testId }: {
  title: string;
  chart?: ReactNode;
  rows: T[];
  columns: FigureColumn<T>[];
  rowKey: (row: T) => string;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-label={title} data-testid={testId}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {chart && <div aria-hidden="true">{chart}</div>}
        <Table.ScrollContainer minWidth={320}>
          <Table striped withTableBorder fz="sm">
            <caption style={{ captionSide: "top", textAlign: "start" }}>
              <Text component="span" size="xs" c="dimmed">
                {t("analytics.tableAlternative")}
              </Text>
            </caption>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c.label} ta={c.numeric ? "right" : undefined} scope="col">
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={rowKey(row)}>
                  {columns.map((c) => (
                    <Table.Td key={c.label} ta={c.numeric ? "right" : undefined}>
                      {c.value(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}

/** "2026-03" as the language names the month: "Mar 2026", "mars 2026". */
export function useMonthLabel() {
  const { locale } = useI18n();
  const format = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
  return (month: string) => format.format(new Date(`${month}-01T00:00:00Z`));
}

/** A rate in basis points as a percentage in the language ("33.3%", "33,3 %"); a dash when undefined. */
export function useRate() {
  const { locale, t } = useI18n();
  const format = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  return (basisPoints: number | null) => (basisPoints === null ? t("analytics.notApplicable") : format.format(basisPoints / 10_000));
}

/** Minor units to the currency's major units, for a chart's scale (its labels go through fmt.money). */
export function majorUnits(amount: number, currency: string) {
  return amount / 10 ** currencyDigits(currency);
}

export function EmptyFigures({ hint }: { hint: string }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="xl" radius="md" data-testid="analytics-empty">
      <Title order={2} size="h4">
        {t("analytics.empty")}
      </Title>
      <Text c="dimmed" size="sm" mt="xs">
        {hint}
      </Text>
    </Card>
  );
}
