// The tenant's settings as they stand (name, workspace, localization), read-only on this page for now.
import { Alert, Card, Stack } from "@mantine/core";
import { DetailList, PageHeader } from "@tenancy/ui";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { useSignedInMe } from "../../app/session.js";

export function SettingsPage() {
  const { t, fmt } = useI18n();
  const tenant = useSignedInMe().tenant;
  return (
    <>
      <PageHeader title={t("settings.title")} description={t("settings.description")} />
      <Stack maw={900}>
        {tenant && (
          <Card withBorder padding="lg">
            <DetailList
              items={[
                { label: t("tenant.field.name"), value: tenant.name },
                { label: t("tenant.field.slug"), value: tenant.slug },
                { label: t("tenant.field.timeZone"), value: tenant.timeZone },
                { label: t("tenant.field.currency"), value: `${tenant.currency} — ${fmt.currencyName(tenant.currency)}` },
                { label: t("tenant.field.language"), value: fmt.languageName(tenant.language) },
                { label: t("settings.moneyExample"), value: fmt.money(123456) },
              ]}
            />
          </Card>
        )}
        <Alert variant="light" color="blue">
          {t("settings.comingSoon")}
        </Alert>
      </Stack>
    </>
  );
}
