// Words for what an audit entry's changes hold: field names, and coded values by field (permissions,
// statuses, event types, modules, languages, countries, roles by id), in the viewer's language.
import { useMemo } from "react";
import { eventLabel, fieldLabel, isEventType, isPermission, moduleLabel, permissionLabel, roleName, targetTypeLabel } from "../../app/catalog-labels.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import type { Formatters } from "../../app/i18n/format.js";
import type { Translate } from "../../app/i18n/translate.js";
import { useCan } from "../../app/session.js";
import { trpc } from "../../app/trpc.js";
import type { ValueWords } from "./changes.js";

const STATUSES = ["active", "suspended", "deactivated"] as const;

/** The role names to show for role ids (roleIds, reassignedTo): id -> role. */
export type RolesById = ReadonlyMap<string, { key: string | null; name: string }>;

export function valueLabels(t: Translate, fmt: Pick<Formatters, "languageName" | "regionName">, roles: RolesById): Required<Pick<ValueWords, "field" | "value">> {
  return {
    field: (name) => fieldLabel(t, name),
    value: (field, value) => {
      switch (field) {
        case "permissions":
          return isPermission(value) ? permissionLabel(t, value) : null;
        case "status":
          return (STATUSES as readonly string[]).includes(value) ? t(`status.${value as (typeof STATUSES)[number]}`) : null;
        case "action":
          return isEventType(value) ? eventLabel(t, value) : null;
        case "module":
          return moduleLabel(t, value);
        case "targetType":
          return targetTypeLabel(t, value);
        case "language":
          return `${fmt.languageName(value)} (${value})`;
        case "country":
          return `${fmt.regionName(value)} (${value})`;
        case "roleIds":
        case "reassignedTo": {
          const role = roles.get(value);
          return role ? roleName(t, role) : null;
        }
        default:
          return null;
      }
    },
  };
}

export function useValueLabels(): Required<Pick<ValueWords, "field" | "value">> {
  const { t, fmt } = useI18n();
  const can = useCan();
  const roles = trpc.roles.list.useQuery(undefined, { enabled: can("users.read"), staleTime: 60_000 });
  return useMemo(() => {
    const byId = new Map((roles.data?.items ?? []).map((role) => [role.id, role]));
    return valueLabels(t, fmt, byId);
  }, [t, fmt, roles.data]);
}
