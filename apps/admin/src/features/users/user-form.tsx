// The user forms: creating a user (e-mail, name, roles, an optional initial password, language) and
// editing one (name, roles, language). Validated by the contracts' user schemas; the edit sends only
// what changed. Editing one's own roles so that rights are lost asks first, naming them, and the app follows
// the new rights as soon as they are saved. The edit's unsaved changes survive the end of the session.
import { Button, Group, List, Modal, MultiSelect, PasswordInput, Select, Stack, Text, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { CreateUserInput, PERMISSION_NAMES, TENANT_ADMIN_ROLE_KEY, UpdateUserInput } from "@tenancy/contracts";
import { FormActions, notifySuccess } from "@tenancy/ui";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { permissionDescription, roleName } from "../../app/catalog-labels.js";
import { useKeepDraft } from "../../app/drafts.js";
import { useFeedback } from "../../app/feedback.js";
import { useForm } from "../../app/form.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { homePath } from "../../app/navigation.js";
import { useRefreshMe, useSignedInMe } from "../../app/session.js";
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

type RoleGrants = Pick<RouterOutputs["roles"]["list"]["items"][number], "id" | "key" | "permissions">;

/**
 * The permissions in `held` that the roles `roleIds` would not give (the built-in Tenant Admin role gives
 * every one): what someone loses by saving these roles for themselves. A role not in `roles` gives nothing.
 */
export function permissionsLost(held: readonly string[], roleIds: readonly string[], roles: readonly RoleGrants[]): string[] {
  const chosen = roles.filter((role) => roleIds.includes(role.id));
  const given = new Set<string>(chosen.some((role) => role.key === TENANT_ADMIN_ROLE_KEY) ? PERMISSION_NAMES : chosen.flatMap((role) => role.permissions));
  return held.filter((permission) => !given.has(permission));
}

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
  const me = useSignedInMe();
  const refreshMe = useRefreshMe();
  const navigate = useNavigate();
  const roles = trpc.roles.list.useQuery();
  const [losing, setLosing] = useState<{ input: RouterInputs["users"]["update"]; permissions: string[] } | null>(null);
  const prepare = toUpdateUserInput(user);
  const form = useForm<EditUserValues>({ initialValues: editUserValues(user), validate: zodResolver(UpdateUserInput, prepare) });
  useKeepDraft(form, `user:${user.id}`, me.id, () => notifySuccess(t("drafts.restored")));
  const update = trpc.users.update.useMutation({
    onSuccess: async (updated) => {
      setLosing(null);
      feedback.success(t("users.saved", { name: updated.name }));
      utils.users.get.setData({ userId: user.id }, updated);
      if (updated.id === me.id) {
        // One's own rights changed: the menu, the pages and their actions follow at once.
        await refreshMe();
        const now = utils.auth.me.getData();
        if (now && !now.permissions.includes("users.read")) {
          await navigate(homePath(now), { replace: true });
          return;
        }
      }
      await Promise.all([utils.users.list.invalidate(), utils.roles.list.invalidate()]);
      onDone();
    },
    onError: (error) => {
      setLosing(null);
      feedback.error(error, form);
    },
  });
  const submit = (values: EditUserValues) => {
    const input = prepare(values);
    const lost = user.id === me.id && input.roleIds ? permissionsLost(me.permissions, input.roleIds, roles.data?.items ?? []) : [];
    if (lost.length > 0) setLosing({ input, permissions: lost });
    else update.mutate(input);
  };
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
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
      <Modal opened={losing !== null} onClose={() => setLosing(null)} title={t("selfRoles.title")} centered>
        <Stack>
          <Text size="sm">{t("selfRoles.message")}</Text>
          <List size="sm" spacing={4} data-testid="rights-lost">
            {losing?.permissions.map((permission) => (
              <List.Item key={permission}>{permissionDescription(t, permission)}</List.Item>
            ))}
          </List>
          <Text size="sm">{t("selfRoles.after")}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setLosing(null)} disabled={update.isPending}>
              {t("common.cancel")}
            </Button>
            <Button color="red" loading={update.isPending} onClick={() => losing && update.mutate(losing.input)}>
              {t("selfRoles.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
