// The user forms: creating a user (e-mail, name, roles, an optional initial password, language) and
// editing one (name, roles, language). Validated by the contracts' user schemas; the edit sends only
// what changed.
import { Button, Group, MultiSelect, PasswordInput, Select, Stack, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { CreateUserInput, UpdateUserInput } from "@tenancy/contracts";
import { FormActions } from "@tenancy/ui";
import { useMemo } from "react";
import { roleName } from "../../app/catalog-labels.js";
import { useFeedback } from "../../app/feedback.js";
import { useForm } from "../../app/form.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { useSignedInMe } from "../../app/session.js";
import { trpc, type RouterInputs, type RouterOutputs } from "../../app/trpc.js";
import { zodResolver } from "../../app/zod-form.js";
import { languageInput, languageValue, userLanguageOptions, WORKSPACE_LANGUAGE } from "./user-language.js";

export type User = RouterOutputs["users"]["get"];
export type CreatedUser = RouterOutputs["users"]["create"];

export interface NewUserValues {
  email: string;
  name: string;
  roleIds: string[];
  password: string;
  language: string;
}

export interface EditUserValues {
  name: string;
  roleIds: string[];
  language: string;
}

export const toCreateUserInput = (values: NewUserValues): RouterInputs["users"]["create"] => ({
  email: values.email,
  name: values.name,
  roleIds: values.roleIds,
  password: values.password === "" ? undefined : values.password,
  language: languageInput(values.language) ?? undefined,
});

export const editUserValues = (user: User): EditUserValues => ({
  name: user.name,
  roleIds: user.roles.map((role) => role.id),
  language: languageValue(user.language),
});

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** The update input with only the fields that differ from `user` (the API refuses an update that changes nothing). */
export const toUpdateUserInput =
  (user: User) =>
  (values: EditUserValues): RouterInputs["users"]["update"] => {
    const before = editUserValues(user);
    return {
      userId: user.id,
      ...(values.name.trim() !== before.name ? { name: values.name } : {}),
      ...(sameSet(values.roleIds, before.roleIds) ? {} : { roleIds: values.roleIds }),
      ...(values.language !== before.language ? { language: languageInput(values.language) } : {}),
    };
  };

/** The roles and language pickers, shared by both forms. */
function RoleAndLanguageFields<V extends { roleIds: string[]; language: string }>({ form }: { form: UseFormReturnType<V> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const workspaceLanguage = useSignedInMe().tenant?.language;
  const roles = trpc.roles.list.useQuery();
  const languages = useMemo(() => userLanguageOptions(i18n, workspaceLanguage), [i18n, workspaceLanguage]);
  return (
    <>
      <MultiSelect
        label={t("users.roles")}
        placeholder={roles.isPending ? t("common.loading") : undefined}
        required
        searchable
        data={(roles.data?.items ?? []).map((role) => ({ value: role.id, label: roleName(t, role) }))}
        nothingFoundMessage={t("common.nothingFound")}
        error={roles.error ? t("users.rolesUnavailable") : undefined}
        {...form.getInputProps("roleIds")}
      />
      <Select label={t("users.language")} allowDeselect={false} data={languages} {...form.getInputProps("language")} />
    </>
  );
}

export function CreateUserForm({ onCreated, onCancel }: { onCreated: (created: CreatedUser) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const form = useForm<NewUserValues>({
    initialValues: { email: "", name: "", roleIds: [], password: "", language: WORKSPACE_LANGUAGE },
    validate: zodResolver(CreateUserInput, toCreateUserInput),
  });
  const create = trpc.users.create.useMutation({
    onSuccess: onCreated,
    onError: (error) => feedback.error(error, form),
  });
  return (
    <form onSubmit={form.onSubmit((values) => create.mutate(toCreateUserInput(values)))} noValidate>
      <Stack>
        <TextInput label={t("common.email")} type="email" required data-autofocus {...form.getInputProps("email")} />
        <TextInput label={t("common.name")} required {...form.getInputProps("name")} />
        <RoleAndLanguageFields form={form} />
        <PasswordInput
          label={t("users.initialPassword")}
          description={t("tenant.field.adminPasswordHint")}
          autoComplete="new-password"
          {...form.getInputProps("password")}
        />
        <FormActions>
          <Group>
            <Button variant="default" onClick={onCancel} disabled={create.isPending}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t("users.create")}
            </Button>
          </Group>
        </FormActions>
      </Stack>
    </form>
  );
}

export function EditUserForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const prepare = toUpdateUserInput(user);
  const form = useForm<EditUserValues>({ initialValues: editUserValues(user), validate: zodResolver(UpdateUserInput, prepare) });
  const update = trpc.users.update.useMutation({
    onSuccess: async (updated) => {
      feedback.success(t("users.saved", { name: updated.name }));
      utils.users.get.setData({ userId: user.id }, updated);
      await Promise.all([utils.users.list.invalidate(), utils.roles.list.invalidate()]);
      onDone();
    },
    onError: (error) => feedback.error(error, form),
  });
  return (
    <form onSubmit={form.onSubmit((values) => update.mutate(prepare(values)))} noValidate>
      <Stack maw={560}>
        <TextInput label={t("common.name")} required {...form.getInputProps("name")} />
        <RoleAndLanguageFields form={form} />
        <FormActions>
          <Button variant="default" onClick={onDone} disabled={update.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            {t("common.save")}
          </Button>
        </FormActions>
      </Stack>
    </form>
  );
}
