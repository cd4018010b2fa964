// The platform's module catalog: every module with its status (filterable), name in the UI language,
// category and number of plans (a plan is a code and interval, whatever its versions).
import { Anchor, Button, Code, Group, Select } from "@mantine/core";
import { ModuleStatus } from "@tenancy/contracts";
import { DataTable, PageHeader, StatusBadge, TruncatedText, type Column } from "@tenancy/ui";
import { useState } from "react";
import { Link } from "react-router";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { readServerError } from "../../app/server-error.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { localized } from "./localized.js";
import { groupPlans } from "./plan-groups.js";

type Module = RouterOutputs["modules"]["list"]["items"][number];
type StatusFilter = (typeof ModuleStatus.options)[number];

export const MODULE_STATUS_COLORS: Record<StatusFilter, string> = { draft: "pending", published: "active", retired: "deactivated" };

export function ModulesPage() {
  const { t, fmt, locale } = useI18n();
  usePageTitle(t("platformModules.title"));
  const [status, setStatus] = useState<StatusFilter | null>(null);
  const query = trpc.modules.list.useQuery({ status: status ?? undefined, includeOldVersions: false }, { placeholderData: (previous) => previous });
  const rows = query.data?.items;

  const columns: Column<Module>[] = [
    {
      key: "name",
      header: t("platformModule.field.name"),
      mobile: "title",
      render: (module) => (
        <TruncatedText value={localized(module.name, locale)} maxWidth={260}>
          <Anchor component={Link} to={`/platform/modules/${module.key}`} fw={600} />
        </TruncatedText>
      ),
    },
    { key: "key", header: t("platformModule.field.key"), render: (module) => <Code>{module.key}</Code> },
    { key: "category", header: t("platformModule.field.category"), render: (module) => t(`platformCatalog.category.${module.category}`) },
    { key: "status", header: t("common.status"), render: (module) => <StatusBadge status={MODULE_STATUS_COLORS[module.status]} label={t(`platformCatalog.moduleStatus.${module.status}`)} /> },
    { key: "plans", header: t("platformModules.planCount"), nowrap: true, render: (module) => fmt.number(groupPlans(module.plans).length) },
    { key: "created", header: t("common.createdAt"), nowrap: true, mobile: "hidden", render: (module) => fmt.date(module.createdAt) },
  ];

  return (
    <>
      <PageHeader
        title={t("platformModules.title")}
        description={t("platformModules.description")}
        actions={
          <Button component={Link} to="/platform/modules/new">
            {t("platformModules.new")}
          </Button>
        }
      />
      <Group mb="md" align="flex-end">
        <Select
          label={t("common.status")}
          placeholder={t("common.all")}
          clearable
          data={ModuleStatus.options.map((value) => ({ value, label: t(`platformCatalog.moduleStatus.${value}`) }))}
          value={status}
          onChange={(value) => setStatus(value as StatusFilter | null)}
          w={{ base: "100%", xs: 220 }}
        />
      </Group>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(module) => module.key}
        loading={query.isPending}
        error={query.error ? readServerError(query.error, t, "errors.unreachable").message : null}
        onRetry={() => void query.refetch()}
        emptyMessage={status ? t("platformModules.emptyFiltered") : t("platformModules.empty")}
      />
    </>
  );
}
