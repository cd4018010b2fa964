// Creating a tenant with its first admin. When the API generated the admin's password, it is shown here
// once; otherwise the new tenant's page opens.
import { Button, Group, Paper, Stack, Text } from "@mantine/core";
import { CreateTenantInput } from "@tenancy/contracts";
import { OneTimeSecret, PageHeader } from "@tenancy/ui";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useFeedback } from "../../app/feedback.js";
import { browserTimeZone } from "../../app/i18n/format.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { catalogLanguage } from "../../app/i18n/translate.js";
import { usePageTitle } from "../../app/page-title.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { zodResolver } from "../../app/zod-form.js";
import { emptyTenantValues, TenantFormFields, toCreateInput } from "./tenant-form.js";

type Created = RouterOutputs["platform"]["tenants"]["create"];

export function TenantCreatePage() {
  const { t, locale } = useI18n();
  usePageTitle(t("tenants.new"));
  const navigate = useNavigate();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const [created, setCreated] = useState<Created | null>(null);
  const create = trpc.platform.tenants.create.useMutation();

  if (created?.generatedPassword) {
    return (
      <>
        <PageHeader title={t("tenants.created", { name: created.tenant.name })} />
        <Paper withBorder p="lg" maw={640}>
          <Stack>
            <Text>{t("tenants.createdAdmin", { email: created.admin.email, slug: created.tenant.slug })}</Text>
            <OneTimeSecret title={t("secret.title")} value={created.generatedPassword} warning={t("secret.warning")} />
            <Group>
              <Button component={Link} to={`/platform/tenants/${created.tenant.id}`}>
                {t("tenants.open")}
              </Button>
              <Button variant="default" onClick={() => setCreated(null)}>
                {t("tenants.createAnother")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t("tenants.new")} description={t("tenants.newHint")} />
      <TenantFormFields
        mode="create"
        initialValues={emptyTenantValues({ timeZone: browserTimeZone(), language: catalogLanguage(locale) })}
        validate={zodResolver(CreateTenantInput, toCreateInput)}
        submitLabel={t("tenants.create")}
        submitting={create.isPending}
        onSubmit={(values, form) =>
          create.mutate(toCreateInput(values), {
            onSuccess: (result) => {
              void utils.platform.tenants.list.invalidate();
              feedback.success(t("tenants.created", { name: result.tenant.name }));
              if (result.generatedPassword) setCreated(result);
              else void navigate(`/platform/tenants/${result.tenant.id}`);
            },
            onError: (error) => feedback.error(error, form),
          })
        }
        onCancel={() => void navigate("/platform/tenants")}
      />
    </>
  );
}
