// The module form, for creating (key, texts in every UI language, category, icon, metrics) and editing (the
// same without the key; declared metrics keep their key, new ones can be added). Validation is the contracts
// schema the caller passes in, so its messages are the API's, in the user's language.
import { ActionIcon, Button, Group, Paper, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { MODULE_CATEGORIES, SUPPORTED_LANGUAGES, type ModuleDto } from "@tenancy/contracts";
import { FormActions, FormSection } from "@tenancy/ui";
import { useForm } from "../../app/form.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import type { FormErrors } from "../../app/zod-form.js";
import { emptyLocalized, type Localized } from "./localized.js";

export interface MetricValues {
  key: string;
  name: Localized;
  resets: "monthly" | "never";
  /** Declared already (editing): its key is fixed. */
  existing: boolean;
}

export interface ModuleFormValues {
  key: string;
  name: Localized;
  description: Localized;
  category: string;
  icon: string;
  metrics: MetricValues[];
}

export type ModuleForm = UseFormReturnType<ModuleFormValues>;

export function emptyModuleValues(): ModuleFormValues {
  return { key: "", name: emptyLocalized(), description: emptyLocalized(), category: "", icon: "", metrics: [] };
}

export function moduleValues(module: ModuleDto): ModuleFormValues {
  return {
    key: module.key,
    name: { ...module.name },
    description: { ...module.description },
    category: module.category,
    icon: module.icon,
    metrics: module.metrics.map((metric) => ({ ...metric, name: { ...metric.name }, existing: true })),
  };
}

/** The API's input: the form's values without what only the form needs. */
export function toModuleInput(values: ModuleFormValues) {
  return {
    key: values.key,
    name: values.name,
    description: values.description,
    category: values.category as (typeof MODULE_CATEGORIES)[number],
    icon: values.icon,
    metrics: values.metrics.map(({ key, name, resets }) => ({ key, name, resets })),
  };
}

export interface ModuleFormProps {
  mode: "create" | "edit";
  initialValues: ModuleFormValues;
  validate: (values: ModuleFormValues) => FormErrors;
  submitLabel: string;
  submitting: boolean;
  onSubmit: (values: ModuleFormValues, form: ModuleForm) => void;
  onCancel?: () => void;
}

export function ModuleFormFields({ mode, initialValues, validate, submitLabel, submitting, onSubmit, onCancel }: ModuleFormProps) {
  const { t } = useI18n();
  const form = useForm<ModuleFormValues>({ initialValues, validate });
  const inLanguage = (field: string, language: string) => t("platformCatalog.inLanguage", { field, language: t(`platformCatalog.language.${language as "en"}`) });

  return (
    <form onSubmit={form.onSubmit((values) => onSubmit(values, form))} noValidate>
      <Stack gap="lg">
        <FormSection title={t("platformModule.section.general")} columns={3}>
          <TextInput label={t("platformModule.field.key")} description={t("platformModule.field.keyHint")} required disabled={mode === "edit"} {...form.getInputProps("key")} />
          <Select
            label={t("platformModule.field.category")}
            required
            allowDeselect={false}
            data={MODULE_CATEGORIES.map((value) => ({ value, label: t(`platformCatalog.category.${value}`) }))}
            {...form.getInputProps("category")}
          />
          <TextInput label={t("platformModule.field.icon")} description={t("platformModule.field.iconHint")} required {...form.getInputProps("icon")} />
        </FormSection>

        <FormSection title={t("platformModule.section.texts")} description={t("platformModule.section.textsHint")}>
          {SUPPORTED_LANGUAGES.map((language) => (
            <TextInput key={`name-${language}`} label={inLanguage(t("platformModule.field.name"), language)} required {...form.getInputProps(`name.${language}`)} />
          ))}
          {SUPPORTED_LANGUAGES.map((language) => (
            <Textarea key={`description-${language}`} label={inLanguage(t("platformModule.field.description"), language)} required autosize minRows={2} {...form.getInputProps(`description.${language}`)} />
          ))}
        </FormSection>

        <FormSection title={t("platformModule.section.metrics")} description={t("platformModule.section.metricsHint")} columns={1}>
          {form.values.metrics.length === 0 && <Text c="dimmed" size="sm">{t("platformModule.metrics.none")}</Text>}
          {form.values.metrics.map((metric, index) => (
            <Paper key={index} withBorder p="sm" data-testid="metric">
              <Group justify="space-between" mb="xs">
                <Text fw={600} size="sm">{t("platformModule.metric.title", { number: index + 1 })}</Text>
                {!metric.existing && (
                  <ActionIcon variant="subtle" color="red" aria-label={t("platformModule.metric.remove", { number: index + 1 })} onClick={() => form.removeListItem("metrics", index)}>
                    ×
                  </ActionIcon>
                )}
              </Group>
              <Group grow align="flex-start" wrap="wrap">
                <TextInput label={t("platformModule.metric.key")} required disabled={metric.existing} {...form.getInputProps(`metrics.${index}.key`)} />
                {SUPPORTED_LANGUAGES.map((language) => (
                  <TextInput key={language} label={inLanguage(t("platformModule.metric.name"), language)} required {...form.getInputProps(`metrics.${index}.name.${language}`)} />
                ))}
                <Select
                  label={t("platformModule.metric.resets")}
                  allowDeselect={false}
                  data={(["monthly", "never"] as const).map((value) => ({ value, label: t(`platformCatalog.resets.${value}`) }))}
                  {...form.getInputProps(`metrics.${index}.resets`)}
                />
              </Group>
            </Paper>
          ))}
          <Group>
            <Button variant="light" onClick={() => form.insertListItem("metrics", { key: "", name: emptyLocalized(), resets: "monthly", existing: false } satisfies MetricValues)}>
              {t("platformModule.metric.add")}
            </Button>
          </Group>
        </FormSection>

        <FormActions>
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={submitting}>
              {t("common.cancel")}
            </Button>
          )}
          <Button type="submit" loading={submitting}>
            {submitLabel}
          </Button>
        </FormActions>
      </Stack>
    </form>
  );
}
