// One module as the platform sees it: its information (edited in place), publishing and retiring (both
// confirmed; retiring says existing subscriptions run to their end), and its plans. An unknown key is a
// not-found page leading back to the list.
import { Anchor, Button, Code, Group, Stack, Text } from "@mantine/core";
import { ModuleKey, UpdateModuleInput } from "@tenancy/contracts";
import { ConfirmButton, DetailList, PageHeader, PageLoader, StatusBadge } from "@tenancy/ui";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useFeedback } from "../../app/feedback.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { ErrorState, isNotFound, MissingState } from "../../app/states.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { zodResolver } from "../../app/zod-form.js";
import { localized } from "./localized.js";
import { ModuleFormFields, moduleValues, toModuleInput } from "./module-form.js";
import { MODULE_STATUS_COLORS } from "./modules-page.js";
import { PlansSection } from "./plans-section.js";

type Module = RouterOutputs["modules"]["get"];

export function ModulePage() {
  const { key = "" } = useParams();
  const { t, locale } = useI18n();
  const validKey = ModuleKey.safeParse(key).success;
  const query = trpc.modules.get.useQuery({ key }, { enabled: validKey });
  usePageTitle(query.data ? localized(query.data.name, locale) : undefined);
  const [editing, setEditing] = useState(false);

  if (!validKey || (query.error && isNotFound(query.error))) {
    return <MissingState title={t("platformModule.notFound.title")} message={t("platformModule.notFound.message")} back={{ to: "/platform/modules", label: t("platformModule.back") }} />;
  }
  if (query.isPending) return <PageLoader />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const module = query.data;

  return (
    <>
      <Anchor component={Link} to="/platform/modules" size="sm">
        ← {t("platformModule.back")}
      </Anchor>
      <PageHeader
        title={localized(module.name, locale)}
        badge={<StatusBadge status={MODULE_STATUS_COLORS[module.status]} label={t(`platformCatalog.moduleStatus.${module.status}`)} />}
        description={localized(module.description, locale)}
        actions={!editing && <ModuleActions module={module} onEdit={() => setEditing(true)} />}
      />
      {editing ? <EditModule module={module} onDone={() => setEditing(false)} /> : <ModuleOverview module={module} />}
      <PlansSection module={module} />
    </>
  );
}

function ModuleActions({ module, onEdit }: { module: Module; onEdit: () => void }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const name = localized(module.name, locale);
  const refresh = () => utils.modules.invalidate();
  const publish = trpc.modules.publish.useMutation();
  const retire = trpc.modules.retire.useMutation();
  if (module.status === "retired") return null;

  return (
    <Group gap="xs">
      <Button variant="default" onClick={onEdit}>
        {t("platformModule.edit")}
      </Button>
      {module.status === "draft" && (
        <ConfirmButton
          title={t("platformModule.publishTitle", { name })}
          message={t("platformModule.publishMessage")}
          confirmLabel={t("platformModule.publish")}
          onConfirm={() =>
            publish.mutateAsync(
              { key: module.key },
              { onSuccess: () => void refresh().then(() => feedback.success(t("platformModule.published", { name }))), onError: (error) => feedback.error(error) },
            )
          }
        >
          {t("platformModule.publish")}
        </ConfirmButton>
      )}
      <ConfirmButton
        variant="default"
        color="red"
        title={t("platformModule.retireTitle", { name })}
        message={t("platformModule.retireMessage")}
        confirmLabel={t("platformModule.retire")}
        onConfirm={() =>
          retire.mutateAsync(
            { key: module.key },
            { onSuccess: () => void refresh().then(() => feedback.success(t("platformModule.retired", { name }))), onError: (error) => feedback.error(error) },
          )
        }
      >
        {t("platformModule.retire")}
      </ConfirmButton>
    </Group>
  );
}

function ModuleOverview({ module }: { module: Module }) {
  const { t, fmt, locale } = useI18n();
  return (
    <DetailList
      items={[
        { label: t("platformModule.field.key"), value: <Code>{module.key}</Code> },
        { label: t("platformModule.field.category"), value: t(`platformCatalog.category.${module.category}`) },
        { label: t("platformModule.field.icon"), value: <Code>{module.icon}</Code> },
        {
          label: t("platformModule.section.metrics"),
          value:
            module.metrics.length === 0 ? (
              t("platformModule.metrics.none")
            ) : (
              <Stack gap={0}>
                {module.metrics.map((metric) => (
                  <Text key={metric.key} size="sm">
                    {localized(metric.name, locale)} (<Code>{metric.key}</Code>), {t(`platformCatalog.resets.${metric.resets}`).toLowerCase()}
                  </Text>
                ))}
              </Stack>
            ),
        },
        { label: t("common.createdAt"), value: fmt.date(module.createdAt) },
        ...(module.publishedAt ? [{ label: t("platformModule.publishedAt"), value: fmt.date(module.publishedAt) }] : []),
        ...(module.retiredAt ? [{ label: t("platformModule.retiredAt"), value: fmt.date(module.retiredAt) }] : []),
      ]}
    />
  );
}

function EditModule({ module, onDone }: { module: Module; onDone: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const update = trpc.modules.update.useMutation();
  return (
    <ModuleFormFields
      mode="edit"
      initialValues={moduleValues(module)}
      validate={zodResolver(UpdateModuleInput, toModuleInput)}
      submitLabel={t("common.save")}
      submitting={update.isPending}
      onCancel={onDone}
      onSubmit={(values, form) =>
        update.mutate(toModuleInput(values), {
          onSuccess: () => {
            void utils.modules.invalidate();
            feedback.success(t("platformModule.saved"));
            onDone();
          },
          onError: (error) => feedback.error(error, form),
        })
      }
    />
  );
}
