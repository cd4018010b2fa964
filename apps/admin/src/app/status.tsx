// A lifecycle status (tenant, admin, user) as a translated, coloured badge.
import { StatusBadge } from "@tenancy/ui";
import { useI18n } from "./i18n/i18n-provider.js";

export type StatusValue = "active" | "suspended" | "deactivated";

export function Status({ value }: { value: StatusValue }) {
  const { t } = useI18n();
  return <StatusBadge status={value} label={t(`status.${value}`)} />;
}
