// A module's plans, grouped by code and interval with their versions newest first: create a plan, make a new
// version (a change of terms; running subscriptions keep theirs until renewal), retire a plan (all versions).
import { Badge, Button, Code, Group, Modal, Paper, Stack, Text, Title } from "@mantine/core";
import { NewPlanVersionInput, type ModuleMetric, type PlanDto } from "@tenancy/contracts";
import { ConfirmButton, DataTable, StatusBadge, type Column } from "@tenancy/ui";
import { useState } from "react";
import { useFeedback } from "../../app/feedback.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { issuesToErrors } from "../../app/zod-form.js";
import { localized } from "./localized.js";
import { groupPlans, type PlanGroup } from "./plan-groups.js";
import { emptyPlanValues, planValues, PlanFormFields, toPlanTerms, validatePlan } from "./plan-form.js";

type Module = RouterOutputs["modules"]["get"];

export function PlansSection({ module }: { module: Module }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const [creating, setCreating] = useState(false);
  const create = trpc.modules.plans.create.useMutation();
  const groups = groupPlans(module.plans);
  const open = module.status !== "retired";

  return (
    <Stack gap="md" mt="xl">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            {t("platformPlans.title")}
          </Title>
          <Text c="dimmed" size="sm">
            {t("platformPlans.hint")}
          </Text>
        </div>
        {open && <Button onClick={() => setCreating(true)}>{t("platformPlans.new")}</Button>}
      </Group>
      {groups.length === 0 && <Text c="dimmed">{t("platformPlans.empty")}</Text>}
      {groups.map((group) => (
        <PlanGroupCard key={`${group.code}-${group.interval}`} group={group} metrics={module.metrics} moduleOpen={open} />
      ))}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t("platformPlans.new")} size="xl" centered>
        <PlanFormFields
          mode="create"
          metrics={module.metrics}
          initialValues={emptyPlanValues(module.metrics)}
          validate={validatePlan(t, locale, module.key)}
          submitLabel={t("platformPlan.create")}
          submitting={create.isPending}
          onCancel={() => setCreating(false)}
          onSubmit={(values, form) =>
            create.mutate(
              { moduleKey: module.key, code: values.code, interval: values.interval, ...toPlanTerms(values) },
              {
                onSuccess: (plan) => {
                  void utils.modules.invalidate();
                  feedback.success(t("platformPlans.created", { code: plan.code }));
                  setCreating(false);
                },
                onError: (error) => feedback.error(error, form),
              },
            )
          }
        />
      </Modal>
    </Stack>
  );
}

function PlanGroupCard({ group, metrics, moduleOpen }: { group: PlanGroup; metrics: readonly ModuleMetric[]; moduleOpen: boolean }) {
  const { t, fmt, locale } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const [versioning, setVersioning] = useState(false);
  const newVersion = trpc.modules.plans.newVersion.useMutation();
  const retire = trpc.modules.plans.retire.useMutation();
  const interval = t(`platformCatalog.interval.${group.interval}`);
  const metricName = (key: string) => {
    const metric = metrics.find((m) => m.key === key);
    return metric ? localized(metric.name, locale) : key;
  };

  const columns: Column<PlanDto>[] = [
    {
      key: "version",
      header: t("platformPlans.versionColumn"),
      mobile: "title",
      nowrap: true,
      render: (plan) => (
        <Group gap="xs" wrap="nowrap">
          {t("platformPlans.version", { version: plan.version })}
          {plan.latest && plan.status === "active" && <Badge variant="outline" size="sm">{t("platformPlans.newest")}</Badge>}
        </Group>
      ),
    },
    { key: "prices", header: t("platformPlan.field.prices"), render: (plan) => <Stack gap={0}>{Object.entries(plan.prices).map(([currency, minor]) => <span key={currency}>{fmt.money(minor, currency)}</span>)}</Stack> },
    { key: "trial", header: t("platformPlan.field.trialDays"), nowrap: true, render: (plan) => (plan.trialDays === 0 ? t("platformPlans.noTrial") : t("platformPlans.trialDaysValue", { count: plan.trialDays })) },
    { key: "model", header: t("platformPlan.field.pricingModel"), render: (plan) => t(`platformCatalog.pricingModel.${plan.pricingModel}`) },
    { key: "policy", header: t("platformPlan.field.changePolicy"), render: (plan) => t(`platformCatalog.changePolicyShort.${plan.changePolicy}`) },
    {
      key: "limits",
      header: t("platformPlan.field.limits"),
      render: (plan) =>
        metrics.length === 0 ? "—" : (
          <Stack gap={0}>
            {metrics.map((metric) => (
              <span key={metric.key}>
                {t("platformPlans.limitValue", { metric: metricName(metric.key), limit: plan.limits[metric.key] === undefined ? t("platformPlans.noLimit") : fmt.number(plan.limits[metric.key]!) })}
              </span>
            ))}
          </Stack>
        ),
    },
    { key: "status", header: t("common.status"), render: (plan) => <StatusBadge status={plan.status === "active" ? "active" : "deactivated"} label={t(`platformCatalog.planStatus.${plan.status}`)} /> },
    { key: "created", header: t("common.createdAt"), nowrap: true, render: (plan) => fmt.date(plan.createdAt) },
  ];

  return (
    <Paper withBorder p="md" data-testid="plan-group" data-plan={`${group.code}-${group.interval}`}>
      <Group justify="space-between" mb="sm">
        <Group gap="sm">
          <Title order={3} size="h4">
            {localized(group.newest.name, locale)}
          </Title>
          <Code>{group.code}</Code>
          <Badge variant="light">{interval}</Badge>
          {group.retired && <StatusBadge status="deactivated" label={t("platformCatalog.planStatus.retired")} />}
        </Group>
        {moduleOpen && !group.retired && (
          <Group gap="xs">
            <Button variant="light" onClick={() => setVersioning(true)}>
              {t("platformPlans.newVersion")}
            </Button>
            <ConfirmButton
              variant="default"
              color="red"
              title={t("platformPlans.retireTitle", { code: group.code, interval })}
              message={t("platformPlans.retireMessage")}
              confirmLabel={t("platformPlans.retire")}
              onConfirm={() =>
                retire.mutateAsync(
                  { planId: group.newest.id },
                  {
                    onSuccess: () => {
                      void utils.modules.invalidate();
                      feedback.success(t("platformPlans.retired", { code: group.code }));
                    },
                    onError: (error) => feedback.error(error),
                  },
                )
              }
            >
              {t("platformPlans.retire")}
            </ConfirmButton>
          </Group>
        )}
      </Group>
      <DataTable columns={columns} rows={group.versions} rowKey={(plan) => plan.id} emptyMessage="—" />
      <Modal opened={versioning} onClose={() => setVersioning(false)} title={t("platformPlans.newVersionTitle", { code: group.code, interval })} size="xl" centered>
        <Stack>
          <Text size="sm">{t("platformPlans.newVersionHint")}</Text>
          <PlanFormFields
            mode="version"
            metrics={metrics}
            initialValues={planValues(group.newest, metrics)}
            validate={(values) => {
              const errors = validatePlan(t, locale, group.newest.moduleKey)(values);
              const result = NewPlanVersionInput.safeParse({ planId: group.newest.id, ...toPlanTerms(values) });
              return result.success ? errors : { ...issuesToErrors(result.error.issues, t), ...errors };
            }}
            submitLabel={t("platformPlan.createVersion")}
            submitting={newVersion.isPending}
            onCancel={() => setVersioning(false)}
            onSubmit={(values, form) =>
              newVersion.mutate(
                { planId: group.newest.id, ...toPlanTerms(values) },
                {
                  onSuccess: (plan) => {
                    void utils.modules.invalidate();
                    feedback.success(t("platformPlans.versionCreated", { version: plan.version, code: plan.code }));
                    setVersioning(false);
                  },
                  onError: (error) => feedback.error(error, form),
                },
              )
            }
          />
        </Stack>
      </Modal>
    </Paper>
  );
}
