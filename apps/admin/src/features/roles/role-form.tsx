// Creating or editing a custom role: its name, description and permissions, shown as checkboxes grouped
// by module with what each permission allows. Validated by the contracts' role schemas.
import { Button, Checkbox, Fieldset, Group, Skeleton, Stack, Textarea, TextInput } from "@mantine/core";
import { CreateRoleInput, UpdateRoleInput } from "@tenancy/contracts";
import { FormActions } from "@tenancy/ui";
import { moduleLabel, permissionDescription, permissionLabel } from "../../app/catalog-labels.js";
import { useFeedback } from "../../app/feedback.js";
import { useForm } from "../../app/form.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { ErrorState } from "../../app/states.js";
import { trpc, type RouterInputs, type RouterOutputs } from "../../app/trpc.js";
import { zodResolver } from "../../app/zod-form.js";

export type Role = RouterOutputs["roles"]["list"]["items"][number];
type CatalogPermission = RouterOutputs["roles"]["permissions"]["items"][number];

export interface RoleFormValues {
  name: string;
  description: string;
  permissions: string[];
}

export const toCreateRoleInput = (values: RoleFormValues): RouterInputs["roles"]["create"] => ({
  name: values.name,
  description: values.description,
  permissions: values.permissions,
});

export const toUpdateRoleInput =
  (roleId: string) =>
  (values: RoleFormValues): RouterInputs["roles"]["update"] => ({ roleId, ...toCreateRoleInput(values) });

/** The catalog's permissions by module, in the catalog's order. */
export function groupByModule(permissions: readonly CatalogPermission[]): [string, CatalogPermission[]][] {
  const groups = new Map<string, CatalogPermission[]>();
  for (const permission of permissions) groups.set(permission.module, [...(groups.get(permission.module) ?? []), permission]);
  return [...groups.entries()];
}

export function RoleForm({ role, onDone }: { role: Role | null; onDone: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const catalog = trpc.roles.permissions.useQuery(undefined, { staleTime: Infinity });
  const form = useForm<RoleFormValues>({
    initialValues: { name: role?.name ?? "", description: role?.description ?? "", permissions: role?.permissions ?? [] },
    validate: role ? zodResolver(UpdateRoleInput, toUpdateRoleInput(role.id)) : zodResolver(CreateRoleInput, toCreateRoleInput),
  });
  const onSaved = async (message: string) => {
    feedback.success(message);
    await utils.roles.list.invalidate();
    onDone();
  };
  const create = trpc.roles.create.useMutation({
    onSuccess: (saved) => onSaved(t("roles.created", { name: saved.name })),
    onError: (error) => feedback.error(error, form),
  });
  const update = trpc.roles.update.useMutation({
    onSuccess: (saved) => {
      // The signed-in user may hold this role: their menu and pages follow its new permissions at once.
      void utils.auth.me.invalidate();
      return onSaved(t("roles.saved", { name: saved.name }));
    },
    onError: (error) => feedback.error(error, form),
  });
  const pending = create.isPending || update.isPending;

  const submit = (values: RoleFormValues) => {
    if (role) update.mutate(toUpdateRoleInput(role.id)(values));
    else create.mutate(toCreateRoleInput(values));
  };

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <TextInput label={t("roles.field.name")} required data-autofocus {...form.getInputProps("name")} />
        <Textarea label={t("roles.field.description")} autosize minRows={2} {...form.getInputProps("description")} />
        {catalog.error ? (
          <ErrorState error={catalog.error} onRetry={() => void catalog.refetch()} />
        ) : catalog.isPending ? (
          <Skeleton height={160} />
        ) : (
          <Checkbox.Group label={t("roles.permissions")} description={t("roles.permissionsHint")} {...form.getInputProps("permissions")}>
            <Stack gap="sm" mt="xs">
              {groupByModule(catalog.data.items).map(([module, permissions]) => (
                <Fieldset key={module} legend={moduleLabel(t, module)} variant="filled" p="sm">
                  <Stack gap="sm">
                    {permissions.map((permission) => (
                      <Checkbox
                        key={permission.name}
                        value={permission.name}
                        label={permissionLabel(t, permission.name)}
                        description={permissionDescription(t, permission.name, permission.description)}
                      />
                    ))}
                  </Stack>
                </Fieldset>
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <FormActions>
          <Group>
            <Button variant="default" onClick={onDone} disabled={pending}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={pending} disabled={role !== null && !form.isDirty()}>
              {role ? t("common.save") : t("roles.create")}
            </Button>
          </Group>
        </FormActions>
      </Stack>
    </form>
  );
}
