// The tenant dashboard's billing cards, for users holding billing.read: the subscriptions with what a period
// costs, the renewals of the next 30 and 90 days with their amounts, and usage against the plans' limits
// as progress bars (each with its figures in words).
import { Badge, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { StatCard } from "@tenancy/ui";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { ErrorState } from "../../app/states.js";
import { trpc } from "../../app/trpc.js";

export function TenantBillingCards() {
  const { t, fmt, locale } = useI18n();
  const query = trpc.analytics.tenant.useQuery();
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  const name = (n: Record<string, string>, key: string) => n[locale.slice(0, 2)] ?? n.en ?? key;
  const sums = (pick: "next30Days" | "next90Days") =>
    data && data.renewalTotals.length > 0 ? data.renewalTotals.map((r) => fmt.money(r[pick], r.currency)).join(" · ") : fmt.money(0);

  return (
    <Stack gap="lg" mt="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
        <StatCard label={t("dashboard.renewals.next30")} value={data && sums("next30Days")} loading={query.isPending} />
        <StatCard label={t("dashboard.renewals.next90")} value={data && sums("next90Days")} loading={query.isPending} />
        <StatCard
          label={t("dashboard.invoices.open")}
          value={data && (data.invoices.open.length > 0 ? data.invoices.open.map((o) => fmt.money(o.amount, o.currency)).join(" · ") : fmt.money(0))}
          loading={query.isPending}
        />
      </SimpleGrid>

      <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="dashboard-subscriptions" data-testid="dashboard-subscriptions">
        <Title order={2} size="h4" id="dashboard-subscriptions">
          {t("dashboard.billing.title")}
        </Title>
        {data && data.subscriptions.length === 0 ? (
          <Text c="dimmed" size="sm" mt="xs">{t("dashboard.billing.empty")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={480} mt="sm">
            <Table striped fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("analytics.module")}</Table.Th>
                  <Table.Th scope="col">{t("dashboard.billing.status")}</Table.Th>
                  <Table.Th scope="col">{t("dashboard.billing.plan")}</Table.Th>
                  <Table.Th scope="col" ta="right">{t("dashboard.billing.amount")}</Table.Th>
                  <Table.Th scope="col">{t("dashboard.billing.periodEnd")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(data?.subscriptions ?? []).map((s) => (
                  <Table.Tr key={s.moduleKey}>
                    <Table.Td>{name(s.moduleName, s.moduleKey)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={s.status === "active" ? "teal" : s.status === "trialing" ? "blue" : s.status === "past_due" ? "orange" : "gray"}>
                        {t(`analytics.subscriptionStatus.${s.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {name(s.planName, "")} ({t(`dashboard.billing.interval.${s.interval}`)}
                      {s.pricingModel === "per_user" ? `, ${t("dashboard.billing.seats", { count: fmt.number(s.quantity) })}` : ""})
                    </Table.Td>
                    <Table.Td ta="right">{fmt.money(s.periodAmount, s.currency)}</Table.Td>
                    <Table.Td>
                      {fmt.date(s.currentPeriodEnd)}
                      {s.cancelAtPeriodEnd && <Text size="xs" c="dimmed">{t("dashboard.billing.cancels")}</Text>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="dashboard-renewals" data-testid="dashboard-renewals">
          <Title order={2} size="h4" id="dashboard-renewals">
            {t("dashboard.renewals.title")}
          </Title>
          {data && data.renewals.length === 0 ? (
            <Text c="dimmed" size="sm" mt="xs">{t("dashboard.renewals.empty")}</Text>
          ) : (
            <Table fz="sm" mt="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("dashboard.renewals.date")}</Table.Th>
                  <Table.Th scope="col">{t("analytics.module")}</Table.Th>
                  <Table.Th scope="col" ta="right">{t("dashboard.billing.amount")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(data?.renewals ?? []).map((r) => (
                  <Table.Tr key={`${r.moduleKey}/${r.at.toISOString()}`}>
                    <Table.Td>{fmt.date(r.at)}</Table.Td>
                    <Table.Td>
                      {name(r.moduleName, r.moduleKey)} <Text span size="xs" c="dimmed">({t(`dashboard.renewals.kind.${r.kind}`)})</Text>
                    </Table.Td>
                    <Table.Td ta="right">{fmt.money(r.amount, r.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>

        <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="dashboard-usage" data-testid="dashboard-usage">
          <Title order={2} size="h4" id="dashboard-usage">
            {t("dashboard.usage.title")}
          </Title>
          {data && data.usage.length === 0 ? (
            <Text c="dimmed" size="sm" mt="xs">{t("dashboard.usage.empty")}</Text>
          ) : (
            <Stack gap="md" mt="sm">
              {(data?.usage ?? []).map((u) => {
                const label = `${name(u.name, u.metric)}`;
                const words = u.limit === null ? `${fmt.number(u.value)} · ${t("dashboard.usage.unlimited")}` : t("dashboard.usage.of", { value: fmt.number(u.value), limit: fmt.number(u.limit) });
                return (
                  <div key={`${u.moduleKey}/${u.metric}`}>
                    <Group justify="space-between" gap="xs">
                      <Text size="sm" fw={500}>{label}</Text>
                      <Text size="sm">{words}</Text>
                    </Group>
                    <Progress
                      value={u.percent ?? 0}
                      color={(u.percent ?? 0) >= 100 ? "red.8" : (u.percent ?? 0) >= 80 ? "orange.8" : "blue.7"}
                      aria-label={`${label}: ${words}`}
                      mt={4}
                    />
                    {!u.counting && <Text size="xs" c="dimmed">{t("dashboard.usage.notCounting")}</Text>}
                  </div>
                );
              })}
            </Stack>
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
