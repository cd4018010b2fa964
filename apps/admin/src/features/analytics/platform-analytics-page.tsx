// The platform's analytics: MRR and ARR by module in one currency at a time (never summed across
// currencies), trials running and their conversion, churn, revenue per month, tenants by status, over a
// range of months chosen with the audit log's date inputs. Each chart has its figures as a table.
// Definitions: docs/decisions/0042-analytics-metrics.md.
import { BarChart, LineChart } from "@mantine/charts";
import { Group, Loader, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { PageHeader, StatCard } from "@tenancy/ui";
import { useMemo, useState } from "react";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { ErrorState } from "../../app/states.js";
import { trpc } from "../../app/trpc.js";
import { DateRangeFilter } from "../audit/date-range-filter.js";
import type { DayRange } from "../audit/audit-filters.js";
import { defaultRange } from "./range.js";
import { ChartFigure, EmptyFigures, majorUnits, useMonthLabel, useRate } from "./chart-figure.js";


/** The charts are hidden from assistive technology (each has its table): recharts' keyboard layer off too,
 *  so nothing hidden takes the focus. */
const NOT_FOCUSABLE = { accessibilityLayer: false } as const;

export function PlatformAnalyticsPage() {
  const { t, fmt, locale } = useI18n();
  usePageTitle(t("analytics.title"));
  const [range, setRange] = useState(defaultRange);
  const query = trpc.analytics.platform.useQuery(range, { placeholderData: (previous) => previous });
  const data = query.data;
  const monthLabel = useMonthLabel();
  const rate = useRate();

  const currencies = useMemo(
    () => [...new Set([...(data?.mrrByCurrency.map((c) => c.currency) ?? []), ...(data?.revenue.map((r) => r.currency) ?? [])])].sort(),
    [data],
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const currency = chosen && currencies.includes(chosen) ? chosen : currencies.includes(fmt.currency) ? fmt.currency : (currencies[0] ?? null);
  const name = (n: Record<string, string>, key: string) => n[locale.slice(0, 2)] ?? n.en ?? key;

  const onRange = (next: DayRange) => {
    if (next.from && next.to) setRange({ from: next.from, to: next.to });
  };

  const header = (
    <PageHeader
      title={t("analytics.title")}
      description={t("analytics.description")}
      actions={
        <Group align="flex-end" gap="sm" wrap="wrap">
          <DateRangeFilter from={range.from} to={range.to} fromLabel={t("analytics.from")} toLabel={t("analytics.to")} onChange={onRange} w={160} />
          <Select
            label={t("analytics.currency")}
            data={currencies.map((c) => ({ value: c, label: `${c} · ${fmt.currencyName(c)}` }))}
            value={currency}
            onChange={setChosen}
            allowDeselect={false}
            disabled={currencies.length === 0}
            w={200}
          />
          {query.isFetching && <Loader size="sm" aria-label={t("common.loading")} />}
        </Group>
      }
    />
  );

  if (query.error && !data) return (<>{header}<ErrorState error={query.error} onRetry={() => void query.refetch()} /></>);
  if (!data) return (<>{header}<Group justify="center" mt="xl"><Loader aria-label={t("common.loading")} /></Group></>);

  const empty = data.mrr.length === 0 && data.activeTrials.length === 0 && data.revenue.every((r) => r.billed === 0 && r.paid === 0 && r.voided === 0) && data.churn.every((c) => c.liveAtStart === 0);
  const totals = data.mrrByCurrency.find((c) => c.currency === currency);
  const mrrRows = data.mrr.filter((r) => r.currency === currency);
  const revenueRows = data.revenue.filter((r) => r.currency === currency);
  const money = (amount: number) => (currency ? fmt.money(amount, currency) : fmt.number(amount));
  const chartMoney = (value: number) => (currency ? new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact" }).format(value) : String(value));

  return (
    <>
      {header}
      {query.error && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      <Text size="sm" c="dimmed" mb="md">
        {t("analytics.asOf", { date: fmt.dateTime(data.asOf) })}
      </Text>
      {empty ? (
        <EmptyFigures hint={t("analytics.emptyHint")} />
      ) : (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="lg">
            <StatCard label={t("analytics.mrr")} value={totals ? money(totals.mrr) : t("analytics.notApplicable")} />
            <StatCard label={t("analytics.arr")} value={totals ? money(totals.arr) : t("analytics.notApplicable")} />
            <StatCard label={t("analytics.paying")} value={fmt.number(totals?.subscriptions ?? 0)} />
            <StatCard label={t("analytics.activeTrials")} value={fmt.number(data.activeTrials.reduce((s, a) => s + a.count, 0))} />
          </SimpleGrid>

          <ChartFigure
            title={t("analytics.mrrByModule")}
            testId="analytics-mrr"
            chart={mrrRows.length > 0 && currency ? (
              <BarChart
                barChartProps={NOT_FOCUSABLE}
                h={220}
                data={mrrRows.map((r) => ({ module: name(r.moduleName, r.moduleKey), mrr: majorUnits(r.mrr, currency) }))}
                dataKey="module"
                series={[{ name: "mrr", label: t("analytics.mrr"), color: "blue.7" }]}
                valueFormatter={chartMoney}
              />
            ) : undefined}
            rows={mrrRows}
            rowKey={(r) => `${r.moduleKey}/${r.currency}`}
            columns={[
              { label: t("analytics.module"), value: (r) => name(r.moduleName, r.moduleKey) },
              { label: t("analytics.subscriptions"), value: (r) => fmt.number(r.subscriptions), numeric: true },
              { label: t("analytics.mrr"), value: (r) => fmt.money(r.mrr, r.currency), numeric: true },
              { label: t("analytics.arr"), value: (r) => fmt.money(r.arr, r.currency), numeric: true },
            ]}
          />
          {mrrRows.length === 0 && <Text c="dimmed" size="sm">{t("analytics.noCurrency")}</Text>}

          <ChartFigure
            title={t("analytics.revenue")}
            testId="analytics-revenue"
            chart={currency ? (
              <BarChart
                barChartProps={NOT_FOCUSABLE}
                h={240}
                data={revenueRows.map((r) => ({ month: monthLabel(r.month), billed: majorUnits(r.billed, r.currency), paid: majorUnits(r.paid, r.currency), voided: majorUnits(r.voided, r.currency) }))}
                dataKey="month"
                series={[
                  { name: "billed", label: t("analytics.billed"), color: "blue.7" },
                  { name: "paid", label: t("analytics.paid"), color: "teal.8" },
                  { name: "voided", label: t("analytics.voided"), color: "gray.6" },
                ]}
                valueFormatter={chartMoney}
                withLegend
              />
            ) : undefined}
            rows={revenueRows}
            rowKey={(r) => `${r.month}/${r.currency}`}
            columns={[
              { label: t("analytics.month"), value: (r) => monthLabel(r.month) },
              { label: t("analytics.billed"), value: (r) => fmt.money(r.billed, r.currency), numeric: true },
              { label: t("analytics.voided"), value: (r) => fmt.money(r.voided, r.currency), numeric: true },
              { label: t("analytics.paid"), value: (r) => fmt.money(r.paid, r.currency), numeric: true },
            ]}
          />

          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <ChartFigure
              title={t("analytics.trials")}
              testId="analytics-trials"
              chart={
                <BarChart
                barChartProps={NOT_FOCUSABLE}
                  h={220}
                  data={data.trials.map((m) => ({ month: monthLabel(m.month), ended: m.ended, converted: m.converted }))}
                  dataKey="month"
                  series={[
                    { name: "ended", label: t("analytics.trialsEnded"), color: "gray.6" },
                    { name: "converted", label: t("analytics.trialsConverted"), color: "teal.8" },
                  ]}
                  withLegend
                />
              }
              rows={data.trials}
              rowKey={(m) => m.month}
              columns={[
                { label: t("analytics.month"), value: (m) => monthLabel(m.month) },
                { label: t("analytics.trialsEnded"), value: (m) => fmt.number(m.ended), numeric: true },
                { label: t("analytics.trialsConverted"), value: (m) => fmt.number(m.converted), numeric: true },
                { label: t("analytics.rate"), value: (m) => rate(m.rateBasisPoints), numeric: true },
              ]}
            />
            <ChartFigure
              title={t("analytics.churn")}
              testId="analytics-churn"
              chart={
                <LineChart
                lineChartProps={NOT_FOCUSABLE}
                  h={220}
                  data={data.churn.map((m) => ({ month: monthLabel(m.month), rate: (m.rateBasisPoints ?? 0) / 100 }))}
                  dataKey="month"
                  series={[{ name: "rate", label: t("analytics.churn"), color: "red.8" }]}
                  valueFormatter={(v) => rate(Math.round(v * 100))}
                />
              }
              rows={data.churn}
              rowKey={(m) => m.month}
              columns={[
                { label: t("analytics.month"), value: (m) => monthLabel(m.month) },
                { label: t("analytics.liveAtStart"), value: (m) => fmt.number(m.liveAtStart), numeric: true },
                { label: t("analytics.ended"), value: (m) => fmt.number(m.ended), numeric: true },
                { label: t("analytics.rate"), value: (m) => rate(m.rateBasisPoints), numeric: true },
              ]}
            />
          </SimpleGrid>

          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <ChartFigure
              title={t("analytics.activeTrials")}
              rows={data.activeTrials}
              rowKey={(a) => a.moduleKey}
              columns={[
                { label: t("analytics.module"), value: (a) => name(a.moduleName, a.moduleKey) },
                { label: t("analytics.count"), value: (a) => fmt.number(a.count), numeric: true },
              ]}
            />
            <ChartFigure
              title={t("analytics.tenants")}
              testId="analytics-tenants"
              chart={
                <BarChart
                barChartProps={NOT_FOCUSABLE}
                  h={180}
                  data={data.tenants.byBilling.map((b) => ({ state: t(`analytics.billing.${b.state}`), count: b.count }))}
                  dataKey="state"
                  series={[{ name: "count", label: t("analytics.count"), color: "blue.7" }]}
                />
              }
              rows={[...data.tenants.byStatus.map((s) => ({ key: `s/${s.status}`, label: t(`status.${s.status}`), count: s.count })), ...data.tenants.byBilling.map((b) => ({ key: `b/${b.state}`, label: t(`analytics.billing.${b.state}`), count: b.count }))]}
              rowKey={(r) => r.key}
              columns={[
                { label: t("common.status"), value: (r) => r.label },
                { label: t("analytics.count"), value: (r) => fmt.number(r.count), numeric: true },
              ]}
            />
          </SimpleGrid>
        </Stack>
      )}
    </>
  );
}
