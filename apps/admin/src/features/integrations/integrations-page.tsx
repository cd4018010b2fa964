// The Integrations module's page, behind its module gate (RequireModule). Its real content (partners, API
// keys, webhooks) comes with the integrations work; for now it says the module is open and asks the API
// (`integrations.ping`, a gated procedure), so the gate is exercised end to end.
import { Alert, Stack, Text } from "@mantine/core";
import { PageHeader, PageLoader } from "@tenancy/ui";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { ErrorState } from "../../app/states.js";
import { trpc } from "../../app/trpc.js";

export function IntegrationsPage() {
  const { t } = useI18n();
  usePageTitle(t("integrationsPage.title"));
  const ping = trpc.integrations.ping.useQuery(undefined, { retry: false });
  return (
    <>
      <PageHeader title={t("integrationsPage.title")} description={t("integrationsPage.description")} />
      {ping.isPending ? (
        <PageLoader />
      ) : ping.error ? (
        <ErrorState error={ping.error} onRetry={() => void ping.refetch()} />
      ) : (
        <Stack>
          <Alert color="green" variant="light" data-testid="integrations-open">
            <Text size="sm">{t("integrationsPage.open")}</Text>
            <Text size="sm">{t("integrationsPage.checked")}</Text>
          </Alert>
          <Text c="dimmed">{t("integrationsPage.comingSoon")}</Text>
        </Stack>
      )}
    </>
  );
}
