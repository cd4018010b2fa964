// The tenant's dashboard: its name, active users and this month's events; for users holding billing.read,
// its subscriptions, upcoming renewals with their amounts and usage against limits (analytics.tenant).
import { Card, SimpleGrid, Text, Title } from "@mantine/core";
import { PageHeader, StatCard } from "@tenancy/ui";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { useSignedInMe } from "../../app/session.js";
import { ErrorState } from "../../app/states.js";
import { trpc } from "../../app/trpc.js";
import { TenantBillingCards } from "../analytics/tenant-billing-cards.js";

export function DashboardPage() {
  const { t, fmt } = useI18n();
  usePageTitle(t("nav.dashboard"));
  const me = useSignedInMe();
  const query = trpc.tenant.dashboard.useQuery();
  const tenantName = query.data?.tenant.name ?? me.tenant?.name ?? "";
  const billing = me.permissions.includes("billing.read");

  return (
    <>
      <PageHeader title={tenantName} description={t("dashboard.welcome", { name: me.name })} />
      {query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
          <StatCard label={t("dashboard.activeUsers")} value={query.data && fmt.number(query.data.activeUsers)} loading={query.isPending} />
          <StatCard label={t("dashboard.eventsThisMonth")} value={query.data && fmt.number(query.data.eventsThisMonth)} loading={query.isPending} />
          {!billing && (
            <Card withBorder padding="lg" radius="md">
              <Title order={5}>{t("dashboard.moreComingTitle")}</Title>
              <Text size="sm" c="dimmed" mt="xs">
                {t("dashboard.moreComing")}
              </Text>
            </Card>
          )}
        </SimpleGrid>
      )}
      {billing && <TenantBillingCards />}
    </>
  );
}
