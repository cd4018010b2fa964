// Creating or editing a notification rule: event types picked from the catalog (grouped by module), conditions
// built from rows (a field the chosen types all have, an operator that fits it, a value typed by it: no free
// code), recipients (roles and users), severity, a template per language with chips that insert `{field}`,
// expiry and whether it is on. Checked in the browser by the same schema as the API (its `ruleProblems`
// refinement), so a bad field or placeholder is named on its field before the server is asked; the server's
// own refusals land on their fields the same way.
import { ActionIcon, Badge, Button, Fieldset, Group, MultiSelect, NumberInput, Select, Stack, Switch, Tabs, TagsInput, Text, Textarea, TextInput } from "@mantine/core";
import { CreateRuleInput, SEVERITIES, SUPPORTED_LANGUAGES, UpdateRuleInput, type ConditionOperator, type RuleOutput, type Severity } from "@tenancy/contracts";
import { FormActions } from "@tenancy/ui";
import { useMemo, useRef, useState } from "react";
import { eventLabel, moduleLabel, roleName } from "../../app/catalog-labels.js";
import { useFeedback } from "../../app/feedback.js";
import { useForm } from "../../app/form.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { trpc } from "../../app/trpc.js";
import { zodResolver } from "../../app/zod-form.js";
import { commonFieldKind, commonFields, eventTypesByModule, insertPlaceholder, operatorsFor, toFormValues, toRuleInput, type FieldKind, type Language, type RuleFormValues } from "./rule-values.js";

const toUpdate = (rule: RuleOutput) => (values: RuleFormValues) => ({ ...toRuleInput(values), ruleId: rule.id, lockVersion: rule.lockVersion });

export function RuleForm({ rule, onDone }: { rule: RuleOutput | null; onDone: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const form = useForm<RuleFormValues>({
    initialValues: toFormValues(rule),
    validate: rule ? zodResolver(UpdateRuleInput, toUpdate(rule)) : zodResolver(CreateRuleInput, toRuleInput),
  });
  const onSaved = async (message: string) => {
    feedback.success(message);
    await utils.notifications.rules.invalidate();
    onDone();
  };
  const create = trpc.notifications.rules.create.useMutation({
    onSuccess: (saved) => onSaved(t("notif.rules.created", { name: saved.name })),
    onError: (error) => feedback.error(error, form),
  });
  const update = trpc.notifications.rules.update.useMutation({
    onSuccess: (saved) => onSaved(t("notif.rules.saved", { name: saved.name })),
    onError: (error) => feedback.error(error, form),
  });
  const pending = create.isPending || update.isPending;
  const submit = (values: RuleFormValues) => {
    if (rule) update.mutate(toUpdate(rule)(values));
    else create.mutate(toRuleInput(values));
  };

  const eventTypes = form.values.eventTypes;
  const fields = useMemo(() => commonFields(eventTypes), [eventTypes]);
  const eventOptions = useMemo(
    () => eventTypesByModule().map(([module, types]) => ({ group: moduleLabel(t, module), items: types.map((type) => ({ value: type, label: eventLabel(t, type) })) })),
    [t],
  );

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <TextInput label={t("notif.form.name")} required data-autofocus {...form.getInputProps("name")} />
        <MultiSelect
          label={t("notif.form.eventTypes")}
          description={t("notif.form.eventTypesHint")}
          required
          searchable
          data={eventOptions}
          nothingFoundMessage={t("common.nothingFound")}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("eventTypes")}
        />
        <ConditionsEditor form={form} fields={fields} />
        <Recipients form={form} />
        <Select
          label={t("notif.form.severity")}
          description={form.values.severity === "critical" ? t("notif.form.criticalHint") : undefined}
          allowDeselect={false}
          data={SEVERITIES.map((severity) => ({ value: severity, label: t(`notif.severity.${severity}`) }))}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("severity")}
          onChange={(value) => form.setFieldValue("severity", (value ?? "info") as Severity)}
        />
        <TemplatesEditor form={form} fields={fields} />
        <NumberInput
          label={t("notif.form.expiresAfterDays")}
          description={t("notif.form.expiresHint")}
          min={1}
          max={365}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps("expiresAfterDays")}
          onChange={(value) => form.setFieldValue("expiresAfterDays", value === "" ? "" : String(value))}
          w={280}
        />
        <Switch label={t("notif.form.enabled")} {...form.getInputProps("enabled", { type: "checkbox" })} />
        <FormActions>
          <Group>
            <Button variant="default" onClick={onDone} disabled={pending}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={pending} disabled={rule !== null && !form.isDirty()}>
              {rule ? t("common.save") : t("notif.form.create")}
            </Button>
          </Group>
        </FormActions>
      </Stack>
    </form>
  );
}

type RuleFormApi = ReturnType<typeof useForm<RuleFormValues>>;

function ConditionsEditor({ form, fields }: { form: RuleFormApi; fields: string[] }) {
  const { t } = useI18n();
  const conditions = form.values.conditions;
  return (
    <Fieldset legend={t("notif.form.conditions")} variant="filled" p="sm">
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {fields.length === 0 ? t("notif.form.noFields") : t("notif.form.conditionsHint")}
        </Text>
        {conditions.map((condition, index) => {
          const kind = commonFieldKind(form.values.eventTypes, condition.field);
          const operators = operatorsFor(kind);
          return (
            <Group key={index} align="flex-start" gap="xs" wrap="wrap" data-testid="notif-condition">
              <Select
                label={t("notif.form.field")}
                data={[...new Set([...fields, condition.field].filter(Boolean))]}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                w={180}
                {...form.getInputProps(`conditions.${index}.field`)}
                onChange={(value) => {
                  const next = commonFieldKind(form.values.eventTypes, value ?? "");
                  form.setFieldValue(`conditions.${index}`, { field: value ?? "", op: operatorsFor(next).includes(condition.op) ? condition.op : "eq", value: "", list: [] });
                }}
              />
              <Select
                label={t("notif.form.operator")}
                data={operators.map((op) => ({ value: op, label: t(`notif.op.${op}`) }))}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                w={160}
                {...form.getInputProps(`conditions.${index}.op`)}
                onChange={(value) => form.setFieldValue(`conditions.${index}.op`, (value ?? "eq") as ConditionOperator)}
              />
              <ConditionValue form={form} index={index} kind={kind} />
              <ActionIcon variant="subtle" color="red" mt={26} onClick={() => form.removeListItem("conditions", index)} aria-label={t("notif.form.removeCondition", { number: index + 1 })}>
                ×
              </ActionIcon>
            </Group>
          );
        })}
        <Group>
          <Button
            size="xs"
            variant="default"
            disabled={fields.length === 0 || conditions.length >= 10}
            onClick={() => form.insertListItem("conditions", { field: fields[0] ?? "", op: "eq", value: "", list: [] })}
          >
            {t("notif.form.addCondition")}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** The value input a condition's operator and field call for: none, a list, a choice, a number or text. */
function ConditionValue({ form, index, kind }: { form: RuleFormApi; index: number; kind: FieldKind }) {
  const { t } = useI18n();
  const condition = form.values.conditions[index]!;
  const path = `conditions.${index}.value`;
  const error = form.errors[path];
  if (condition.op === "exists") return null;
  const options = kind.kind === "enum" || (kind.kind === "number" && kind.options) ? (kind.options ?? []) : null;
  if (condition.op === "in")
    return (
      <TagsInput
        label={t("notif.form.values")}
        description={options ? undefined : t("notif.form.valuesHint")}
        data={options ?? []}
        w={240}
        value={condition.list}
        onChange={(list) => form.setFieldValue(`conditions.${index}.list`, list)}
        error={error}
        data-path={path}
      />
    );
  if (kind.kind === "boolean")
    return (
      <Select
        label={t("notif.form.value")}
        data={[
          { value: "true", label: t("common.yes") },
          { value: "false", label: t("common.no") },
        ]}
        w={140}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps(path)}
        value={condition.value || null}
        onChange={(value) => form.setFieldValue(path, value ?? "")}
      />
    );
  if (options)
    return (
      <Select
        label={t("notif.form.value")}
        data={options}
        w={160}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps(path)}
        value={condition.value || null}
        onChange={(value) => form.setFieldValue(path, value ?? "")}
      />
    );
  if (kind.kind === "number")
    return (
      <NumberInput
        label={t("notif.form.value")}
        w={140}
        {...form.getInputProps(path)}
        onChange={(value) => form.setFieldValue(path, value === "" ? "" : String(value))}
      />
    );
  return <TextInput label={t("notif.form.value")} w={200} {...form.getInputProps(path)} />;
}

function Recipients({ form }: { form: RuleFormApi }) {
  const { t } = useI18n();
  const [search, setSearch] = useState("");
  const roles = trpc.roles.list.useQuery();
  const users = trpc.users.list.useQuery({ search: search.trim() || undefined, status: "active", limit: 50 }, { placeholderData: (previous) => previous });
  // The users already chosen stay named even when the search no longer lists them.
  const known = useRef(new Map<string, string>());
  for (const user of users.data?.items ?? []) known.current.set(user.id, `${user.name} (${user.email})`);
  const userOptions = [...new Set([...form.values.recipientUserIds, ...(users.data?.items ?? []).map((user) => user.id)])].map((id) => ({ value: id, label: known.current.get(id) ?? id }));
  return (
    <Fieldset legend={t("notif.form.recipients")} variant="filled" p="sm">
      <Stack gap="sm">
        <MultiSelect
          label={t("notif.form.roles")}
          data={(roles.data?.items ?? []).map((role) => ({ value: role.id, label: roleName(t, role) }))}
          searchable
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("recipientRoleIds")}
          error={form.errors.recipientRoleIds ?? (roles.error ? roles.error.message : undefined)}
        />
        <MultiSelect
          label={t("notif.form.users")}
          placeholder={t("notif.form.usersSearch")}
          data={userOptions}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          nothingFoundMessage={t("common.nothingFound")}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("recipientUserIds")}
        />
      </Stack>
    </Fieldset>
  );
}

function TemplatesEditor({ form, fields }: { form: RuleFormApi; fields: string[] }) {
  const { t } = useI18n();
  const [language, setLanguage] = useState<Language>("en");
  // The template input last focused: where a chip puts its placeholder.
  const last = useRef<{ language: Language; part: "title" | "body"; element: HTMLInputElement | HTMLTextAreaElement } | null>(null);
  const placeholders = [...fields, "event.type", "event.module"];
  const insert = (field: string) => {
    const target = last.current?.language === language ? last.current : null;
    const part = target?.part ?? "title";
    const current = form.values.templates[language][part];
    const next = insertPlaceholder(current, field, target?.element.selectionStart ?? null, target?.element.selectionEnd ?? null);
    form.setFieldValue(`templates.${language}.${part}`, next.text);
    requestAnimationFrame(() => {
      target?.element.focus();
      target?.element.setSelectionRange(next.caret, next.caret);
    });
  };
  const hasError = (l: Language) => Object.keys(form.errors).some((path) => path.startsWith(`templates.${l}`));
  return (
    <Fieldset legend={t("notif.form.templates")} variant="filled" p="sm">
      <Text size="xs" c="dimmed" mb="xs">
        {t("notif.form.templatesHint")}
      </Text>
      <Tabs value={language} onChange={(value) => setLanguage((value ?? "en") as Language)} keepMounted>
        <Tabs.List>
          {SUPPORTED_LANGUAGES.map((l) => (
            <Tabs.Tab key={l} value={l} color={hasError(l) ? "red" : undefined}>
              {t(`notif.form.language.${l}`)}
              {hasError(l) && (
                <Badge size="xs" color="red" ml={6} variant="filled">
                  !
                </Badge>
              )}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {SUPPORTED_LANGUAGES.map((l) => (
          <Tabs.Panel key={l} value={l} pt="sm">
            <Stack gap="sm">
              <TextInput
                label={t("notif.form.title")}
                required={l === "en"}
                {...form.getInputProps(`templates.${l}.title`)}
                onFocus={(event) => (last.current = { language: l, part: "title", element: event.currentTarget })}
              />
              <Textarea
                label={t("notif.form.body")}
                autosize
                minRows={2}
                {...form.getInputProps(`templates.${l}.body`)}
                onFocus={(event) => (last.current = { language: l, part: "body", element: event.currentTarget })}
              />
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
      <Stack gap={4} mt="sm">
        <Text size="xs" fw={600}>
          {t("notif.form.placeholders")}
        </Text>
        <Group gap={4}>
          {placeholders.map((field) => (
            <Button
              key={field}
              size="compact-xs"
              variant="light"
              radius="xl"
              tt="none"
              // Keeps the caret in the template while the chip is clicked.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => insert(field)}
              aria-label={t("notif.form.insertPlaceholder", { placeholder: `{${field}}` })}
              data-testid="notif-placeholder-chip"
            >
              {`{${field}}`}
            </Button>
          ))}
        </Group>
      </Stack>
    </Fieldset>
  );
}
