// Platform admins: the list, adding one (a generated password is shown once), deactivating and reactivating,
// and resetting another admin's password (after a confirmation; the one-time password is shown once, to copy).
// One's own row links to the profile, where one changes one's own password.
import { Anchor, Badge, Button, Group, Modal, PasswordInput, Stack, TextInput, VisuallyHidden } from "@mantine/core";
import { CreatePlatformAdminInput } from "@tenancy/contracts";
import { ConfirmButton, DataTable, FormActions, OneTimeSecret, PageHeader, TruncatedText, type Column } from "@tenancy/ui";
import { useState } from "react";
import { Link } from "react-router";
import { useFeedback } from "../../app/feedback.js";
import { useForm } from "../../app/form.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { PLATFORM_PROFILE_PATH } from "../../app/navigation.js";
import { usePageTitle } from "../../app/page-title.js";
import { readServerError } from "../../app/server-error.js";
import { useSignedInMe } from "../../app/session.js";
import { Status } from "../../app/status.js";
import { trpc, type RouterInputs, type RouterOutputs } from "../../app/trpc.js";
import { zodResolver } from "../../app/zod-form.js";

type Admin = RouterOutputs["platform"]["admins"]["list"]["items"][number];
interface NewAdminValues {
  email: string;
  name: string;
  password: string;
}

const toCreateInput = ({ email, name, password }: NewAdminValues): RouterInputs["platform"]["admins"]["create"] => ({
  email,
  name,
  password: password === "" ? undefined : password,
});

export function AdminsPage() {
  const { t, fmt } = useI18n();
  usePageTitle(t("admins.title"));
  const me = useSignedInMe();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const query = trpc.platform.admins.list.useQuery();
  const [adding, setAdding] = useState(false);
  const [generated, setGenerated] = useState<{ email: string; password: string } | null>(null);

  const onChanged = (message: string) => {
    feedback.success(message);
    return utils.platform.admins.list.invalidate();
  };
  const deactivate = trpc.platform.admins.deactivate.useMutation({
    onSuccess: (admin) => onChanged(t("admins.deactivated", { email: admin.email })),
    onError: (error) => feedback.error(error),
  });
  const reactivate = trpc.platform.admins.reactivate.useMutation({
    onSuccess: (admin) => onChanged(t("admins.reactivated", { email: admin.email })),
    onError: (error) => feedback.error(error),
  });
  const resetPassword = trpc.platform.admins.resetPassword.useMutation({
    onSuccess: ({ admin, generatedPassword }) => {
      setGenerated({ email: admin.email, password: generatedPassword });
      return onChanged(t("platformAdmins.resetDone", { email: admin.email }));
    },
    onError: (error) => feedback.error(error),
  });

  const columns: Column<Admin>[] = [
    { key: "name", header: t("common.name"), mobile: "title", render: (admin) => <TruncatedText value={admin.name} maxWidth={220} /> },
    { key: "email", header: t("common.email"), mobile: "wide", render: (admin) => <TruncatedText value={admin.email} maxWidth={280} /> },
    {
      key: "status",
      header: t("common.status"),
      render: (admin) => (
        <Group gap={6}>
          <Status value={admin.status} />
          {admin.mustChangePassword && (
            <Badge color="yellow" variant="light">
              {t("admins.temporaryPassword")}
            </Badge>
          )}
          {admin.id === me.id && <Badge variant="outline">{t("platformAdmins.you")}</Badge>}
        </Group>
      ),
    },
    { key: "lastLogin", header: t("common.lastLogin"), nowrap: true, render: (admin) => (admin.lastLoginAt ? fmt.dateTime(admin.lastLoginAt) : t("common.never")) },
    { key: "created", header: t("common.createdAt"), nowrap: true, mobile: "hidden", render: (admin) => fmt.date(admin.createdAt) },
    {
      key: "actions",
      header: <VisuallyHidden>{t("platformAdmins.actions")}</VisuallyHidden>,
      action: true,
      render: (admin) =>
        admin.id === me.id ? (
          <Anchor component={Link} to={PLATFORM_PROFILE_PATH} size="sm" title={t("platformAdmins.resetSelfHint")}>
            {t("platformProfile.open")}
          </Anchor>
        ) : admin.status === "active" ? (
          <Group gap="xs" wrap="nowrap">
            <ConfirmButton
              key="reset"
              size="xs"
              variant="light"
              title={t("platformAdmins.resetTitle", { name: admin.name })}
              message={t("platformAdmins.resetMessage", { email: admin.email })}
              confirmLabel={t("platformAdmins.reset")}
              onConfirm={() => resetPassword.mutateAsync({ adminId: admin.id })}
            >
              {t("platformAdmins.reset")}
            </ConfirmButton>
            <ConfirmButton
              key="deactivate"
              size="xs"
              color="red"
              variant="light"
              title={t("admins.deactivateTitle", { email: admin.email })}
              message={t("admins.deactivateMessage")}
              confirmLabel={t("admins.deactivate")}
              onConfirm={() => deactivate.mutateAsync({ adminId: admin.id })}
            >
              {t("admins.deactivate")}
            </ConfirmButton>
          </Group>
        ) : (
          <ConfirmButton
            key="reactivate"
            size="xs"
            color="green"
            variant="light"
            title={t("admins.reactivateTitle", { email: admin.email })}
            confirmLabel={t("admins.reactivate")}
            onConfirm={() => reactivate.mutateAsync({ adminId: admin.id })}
          >
            {t("admins.reactivate")}
          </ConfirmButton>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t("admins.title")} description={t("admins.description")} actions={<Button onClick={() => setAdding(true)}>{t("admins.add")}</Button>} />
      <Stack>
        {generated && <OneTimeSecret title={t("secret.titleFor", { email: generated.email })} value={generated.password} warning={t("secret.warning")} />}
        <DataTable
          columns={columns}
          rows={query.data?.items}
          rowKey={(admin) => admin.id}
          loading={query.isPending}
          error={query.error ? readServerError(query.error, t, "errors.unreachable").message : null}
          onRetry={() => void query.refetch()}
          emptyMessage={t("admins.empty")}
        />
      </Stack>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t("admins.add")} centered>
        <AddAdminForm
          onCreated={(email, password) => {
            setAdding(false);
            setGenerated(password ? { email, password } : null);
            void onChanged(t("admins.added", { email }));
          }}
          onCancel={() => setAdding(false)}
        />
      </Modal>
    </>
  );
}

function AddAdminForm({ onCreated, onCancel }: { onCreated: (email: string, password: string | null) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const form = useForm<NewAdminValues>({
    initialValues: { email: "", name: "", password: "" },
    validate: zodResolver(CreatePlatformAdminInput, toCreateInput),
  });
  const create = trpc.platform.admins.create.useMutation({
    onSuccess: (result) => onCreated(result.admin.email, result.generatedPassword),
    onError: (error) => feedback.error(error, form),
  });
  return (
    <form onSubmit={form.onSubmit((values) => create.mutate(toCreateInput(values)))} noValidate>
      <Stack>
        <TextInput label={t("common.email")} type="email" required {...form.getInputProps("email")} />
        <TextInput label={t("common.name")} required {...form.getInputProps("name")} />
        <PasswordInput
          label={t("login.password")}
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
              {t("admins.add")}
            </Button>
          </Group>
        </FormActions>
      </Stack>
    </form>
  );
}
