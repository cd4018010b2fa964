// The platform's dunning grace periods: days after issue before an unpaid invoice makes its subscription
// past due, then days before it is canceled.
import { Button, Group, NumberInput, Paper, Stack, Text, Title } from "@mantine/core";
import { UpdateBillingSettingsInput } from "@tenancy/contracts";
import { ErrorAlert } from "@tenancy/ui";
import { useFeedback } from "../../app/feedback.js";
import { useForm } from "../../app/form.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { readServerError } from "../../app/server-error.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { zodResolver } from "../../app/zod-form.js";

type Settings = RouterOutputs["billing"]["admin"]["settings"]["get"];
interface Values {
  pastDueAfterDays: number | string;
  cancelAfterDays: number | string;
}

const toInput = (values: Values) => ({
  pastDueAfterDays: values.pastDueAfterDays === "" ? Number.NaN : Number(values.pastDueAfterDays),
  cancelAfterDays: values.cancelAfterDays === "" ? Number.NaN : Number(values.cancelAfterDays),
});

export function BillingSettingsSection() {
  const { t } = useI18n();
  const query = trpc.billing.admin.settings.get.useQuery();
  return (
    <Paper withBorder p="lg" mt="xl" maw={720}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("platformBilling.title")}
        </Title>
        <Text c="dimmed" size="sm">
          {t("platformBilling.hint")}
        </Text>
        {query.error ? (
          <ErrorAlert message={readServerError(query.error, t, "errors.unreachable").message} onRetry={() => void query.refetch()} />
        ) : (
          query.data && <SettingsForm settings={query.data} />
        )}
      </Stack>
    </Paper>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const update = trpc.billing.admin.settings.update.useMutation();
  const form = useForm<Values>({ initialValues: settings, validate: zodResolver(UpdateBillingSettingsInput, toInput) });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        update.mutate(toInput(values), {
          onSuccess: (saved) => {
            utils.billing.admin.settings.get.setData(undefined, saved);
            form.resetDirty(saved);
            feedback.success(t("platformBilling.saved"));
          },
          onError: (error) => feedback.error(error, form),
        }),
      )}
    >
      <Group align="flex-end">
        <NumberInput label={t("platformBilling.pastDueAfterDays")} min={1} max={365} allowDecimal={false} allowNegative={false} w={260} {...form.getInputProps("pastDueAfterDays")} />
        <NumberInput label={t("platformBilling.cancelAfterDays")} min={1} max={365} allowDecimal={false} allowNegative={false} w={260} {...form.getInputProps("cancelAfterDays")} />
        <Button type="submit" loading={update.isPending}>
          {t("common.save")}
        </Button>
      </Group>
    </form>
  );
}
