// Deleting a custom role. A role that users hold is deleted only with another role to give them; when the
// server says the role is in use (ROLE_IN_USE, e.g. assigned since the list was loaded), the choice appears.
import { Select } from "@mantine/core";
import { ConfirmButton } from "@tenancy/ui";
import { useState } from "react";
import { useFeedback } from "../../app/feedback.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { roleName } from "../../app/catalog-labels.js";
import { readServerError } from "../../app/server-error.js";
import { trpc } from "../../app/trpc.js";
import type { Role } from "./role-form.js";

export function DeleteRoleButton({ role, roles }: { role: Role; roles: readonly Role[] }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const [reassignTo, setReassignTo] = useState<string | null>(null);
  const [inUseCount, setInUseCount] = useState<number | null>(null);
  const holders = inUseCount ?? role.userCount;
  const remove = trpc.roles.delete.useMutation();

  const confirm = async () => {
    try {
      await remove.mutateAsync({ roleId: role.id, reassignToRoleId: holders > 0 ? (reassignTo ?? undefined) : undefined });
    } catch (error) {
      const problem = readServerError(error, t);
      if (problem.code === "ROLE_IN_USE") setInUseCount(typeof problem.details?.userCount === "number" ? problem.details.userCount : Math.max(1, role.userCount));
      feedback.error(error);
      throw error;
    }
    feedback.success(t("roles.deleted", { name: roleName(t, role) }));
    setReassignTo(null);
    setInUseCount(null);
    await Promise.all([utils.roles.list.invalidate(), utils.users.invalidate()]);
  };

  return (
    <ConfirmButton
      size="xs"
      color="red"
      variant="light"
      aria-label={t("roles.deleteNamed", { name: roleName(t, role) })}
      title={t("roles.deleteTitle", { name: roleName(t, role) })}
      message={holders > 0 ? t("roles.deleteInUse", { count: holders }) : t("roles.deleteMessage")}
      confirmLabel={t("roles.delete")}
      confirmDisabled={holders > 0 && reassignTo === null}
      body={
        holders > 0 && (
          <Select
            label={t("roles.reassignTo")}
            placeholder={t("roles.reassignPlaceholder")}
            required
            allowDeselect={false}
            data={roles.filter((other) => other.id !== role.id).map((other) => ({ value: other.id, label: roleName(t, other) }))}
            value={reassignTo}
            onChange={setReassignTo}
            comboboxProps={{ withinPortal: true }}
          />
        )
      }
      onConfirm={confirm}
    >
      {t("roles.delete")}
    </ConfirmButton>
  );
}
