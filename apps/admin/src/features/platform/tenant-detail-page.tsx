// One tenant as the platform sees it: its information and localization, its admins (with a password reset
// whose temporary password is shown once), suspension with a reason (shown while suspended), reactivation,
// and editing (a new slug, the workspace's sign-in identifier, is confirmed first, naming old and new). An
// address whose id names no tenant (mistyped, unknown) is a not-found page leading back to the list.
import { Anchor, Badge, Button, Card, Code, Group, Modal, Stack, Text, Textarea, Title } from "@mantine/core";
import { Id, UpdateTenantInput } from "@tenancy/contracts";
import { ConfirmButton, DataTable, DetailList, OneTimeSecret, PageHeader, PageLoader, type Column } from "@tenancy/ui";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useFeedback } from "../../app/feedback.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { ErrorState, isNotFound, MissingState } from "../../app/states.js";
import { Status } from "../../app/status.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { zodResolver } from "../../app/zod-form.js";
import { TenantFormFields, tenantValues, toUpdateInput, type TenantForm, type TenantFormValues } from "./tenant-form.js";

type Tenant = RouterOutputs["platform"]["tenants"]["get"];
type TenantAdmin = Tenant["admins"][number];

export function TenantDetailPage() {
  const { tenantId = "" } = useParams();
  const { t } = useI18n();
  const validId = Id.safeParse(tenantId).success;
  const query = trpc.platform.tenants.get.useQuery({ tenantId }, { enabled: validId });
  usePageTitle(query.data?.name);
  const [editing, setEditing] = useState(false);

  if (!validId || (query.error && isNotFound(query.error))) {
    return <MissingState title={t("notFound.tenant.title")} message={t("notFound.tenant.message")} back={{ to: "/platform/tenants", label: t("notFound.tenant.back") }} />;
  }
  if (query.isPending) return <PageLoader />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const tenant = query.data;

  return (
    <>
      <Anchor component={Link} to="/platform/tenants" size="sm">
        ← {t("tenants.title")}
      </Anchor>
      <PageHeader
        title={tenant.name}
        badge={<Status value={tenant.status} />}
        description={<Code>{tenant.slug}</Code>}
        actions={!editing && <TenantActions tenant={tenant} onEdit={() => setEditing(true)} />}
      />
      {editing ? <EditTenant tenant={tenant} onDone={() => setEditing(false)} /> : <TenantOverview tenant={tenant} />}
    </>
  );
}

function TenantActions({ tenant, onEdit }: { tenant: Tenant; onEdit: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const [reason, setReason] = useState("");
  const refresh = () => Promise.all([utils.platform.tenants.get.invalidate({ tenantId: tenant.id }), utils.platform.tenants.list.invalidate()]);
  const suspend = trpc.platform.tenants.suspend.useMutation({
    onSuccess: () => {
      feedback.success(t("tenant.suspended", { name: tenant.name }));
      setReason("");
      return refresh();
    },
    onError: (error) => feedback.error(error),
  });
  const reactivate = trpc.platform.tenants.reactivate.useMutation({
    onSuccess: () => {
      feedback.success(t("tenant.reactivated", { name: tenant.name }));
      return refresh();
    },
    onError: (error) => feedback.error(error),
  });

  return (
    <>
      <Button variant="default" onClick={onEdit}>
        {t("common.edit")}
      </Button>
      {tenant.status === "active" ? (
        <ConfirmButton
          key="suspend"
          color="red"
          variant="light"
          title={t("tenant.suspendTitle", { name: tenant.name })}
          message={t("tenant.suspendMessage")}
          confirmLabel={t("tenant.suspend")}
          body={<Textarea label={t("tenant.suspendReason")} value={reason} onChange={(event) => setReason(event.currentTarget.value)} autosize minRows={2} />}
          onConfirm={() => suspend.mutateAsync({ tenantId: tenant.id, reason })}
        >
          {t("tenant.suspend")}
        </ConfirmButton>
      ) : (
        <ConfirmButton
          key="reactivate"
          color="green"
          variant="light"
          title={t("tenant.reactivateTitle", { name: tenant.name })}
          message={t("tenant.reactivateMessage")}
          confirmLabel={t("tenant.reactivate")}
          onConfirm={() => reactivate.mutateAsync({ tenantId: tenant.id })}
        >
          {t("tenant.reactivate")}
        </ConfirmButton>
      )}
    </>
  );
}

function TenantOverview({ tenant }: { tenant: Tenant }) {
  const { t, fmt } = useI18n();
  const signInLink = `${window.location.origin}/login?workspace=${encodeURIComponent(tenant.slug)}`;
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg">
        <Title order={4} mb="md">
          {t("tenant.section.general")}
        </Title>
        <DetailList
          items={[
            { label: t("tenant.field.legalName"), value: tenant.legalName },
            { label: t("tenant.field.contactEmail"), value: tenant.contactEmail },
            { label: t("tenant.field.phone"), value: tenant.phone },
            { label: t("tenant.field.addressLine"), value: tenant.addressLine },
            { label: t("tenant.field.city"), value: tenant.city },
            { label: t("tenant.field.postalCode"), value: tenant.postalCode },
            { label: t("tenant.field.country"), value: `${fmt.regionName(tenant.country)} (${tenant.country})` },
            { label: t("tenant.users"), value: fmt.number(tenant.userCount) },
            { label: t("common.createdAt"), value: fmt.dateTime(tenant.createdAt) },
            ...(tenant.suspendedAt ? [{ label: t("tenant.suspendedAt"), value: fmt.dateTime(tenant.suspendedAt) }] : []),
            ...(tenant.status === "suspended"
              ? [{ label: t("tenant.suspensionReason"), value: <Text size="sm" data-testid="suspension-reason">{tenant.suspensionReason ?? t("tenant.noSuspensionReason")}</Text> }]
              : []),
          ]}
        />
      </Card>
      <Card withBorder padding="lg">
        <Title order={4} mb="md">
          {t("tenant.section.localization")}
        </Title>
        <DetailList
          items={[
            { label: t("tenant.field.timeZone"), value: tenant.timeZone },
            { label: t("tenant.field.currency"), value: `${tenant.currency} — ${fmt.currencyName(tenant.currency)}` },
            { label: t("tenant.field.language"), value: `${fmt.languageName(tenant.language)} (${tenant.language})` },
          ]}
        />
        <Text size="sm" mt="lg">
          {t("tenant.signInLink")} <Code>{signInLink}</Code>
        </Text>
      </Card>
      <TenantAdmins tenant={tenant} />
    </Stack>
  );
}

function TenantAdmins({ tenant }: { tenant: Tenant }) {
  const { t, fmt } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const [reset, setReset] = useState<{ email: string; password: string } | null>(null);
  const resetPassword = trpc.platform.tenants.resetAdminPassword.useMutation({ onError: (error) => feedback.error(error) });

  const resetFor = async (admin: TenantAdmin) => {
    const result = await resetPassword.mutateAsync({ tenantId: tenant.id, userId: admin.id });
    feedback.success(t("admins.passwordReset", { email: admin.email }));
    if (result.generatedPassword) setReset({ email: admin.email, password: result.generatedPassword });
    await utils.platform.tenants.get.invalidate({ tenantId: tenant.id });
  };

  const columns: Column<TenantAdmin>[] = [
    { key: "name", header: t("common.name"), render: (admin) => admin.name },
    { key: "email", header: t("common.email"), render: (admin) => admin.email },
    {
      key: "status",
      header: t("common.status"),
      render: (admin) => (
        <Group gap={6}>
          <Status value={admin.status} />
          {admin.mustChangePassword && <Badge color="yellow" variant="light">{t("admins.temporaryPassword")}</Badge>}
        </Group>
      ),
    },
    { key: "lastLogin", header: t("common.lastLogin"), render: (admin) => (admin.lastLoginAt ? fmt.dateTime(admin.lastLoginAt) : t("common.never")) },
    {
      key: "actions",
      header: "",
      render: (admin) => (
        <ConfirmButton
          size="xs"
          variant="light"
          title={t("admins.resetTitle", { name: admin.name })}
          message={t("admins.resetMessage")}
          confirmLabel={t("admins.reset")}
          onConfirm={() => resetFor(admin)}
        >
          {t("admins.reset")}
        </ConfirmButton>
      ),
    },
  ];

  return (
    <Card withBorder padding="lg">
      <Title order={4} mb="md">
        {t("tenant.admins")}
      </Title>
      <Stack>
        {reset && (
          <OneTimeSecret title={t("secret.titleFor", { email: reset.email })} value={reset.password} warning={t("secret.warning")} />
        )}
        <DataTable columns={columns} rows={tenant.admins} rowKey={(admin) => admin.id} emptyMessage={t("tenant.noAdmins")} />
      </Stack>
    </Card>
  );
}

/** The slug a form value stands for, as the API will store it (trimmed, lowercase). */
export const normalizedSlug = (value: string) => value.trim().toLowerCase();

function EditTenant({ tenant, onDone }: { tenant: Tenant; onDone: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const update = trpc.platform.tenants.update.useMutation();
  const prepare = toUpdateInput(tenant.id);
  // A submit that changes the slug waits here until the admin confirms it.
  const [pending, setPending] = useState<{ values: TenantFormValues; form: TenantForm } | null>(null);

  const save = (values: TenantFormValues, form: TenantForm) =>
    update.mutate(prepare(values), {
      onSuccess: async (updated) => {
        setPending(null);
        feedback.success(t("tenant.saved", { name: updated.name }));
        await Promise.all([utils.platform.tenants.get.invalidate({ tenantId: tenant.id }), utils.platform.tenants.list.invalidate()]);
        onDone();
      },
      onError: (error) => {
        setPending(null);
        feedback.error(error, form);
      },
    });

  const newSlug = pending ? normalizedSlug(pending.values.slug) : "";
  return (
    <>
      <TenantFormFields
        mode="edit"
        initialValues={tenantValues(tenant)}
        validate={zodResolver(UpdateTenantInput, prepare)}
        submitLabel={t("common.save")}
        submitting={update.isPending}
        onCancel={onDone}
        onSubmit={(values, form) => (normalizedSlug(values.slug) === tenant.slug ? save(values, form) : setPending({ values, form }))}
      />
      <Modal opened={pending !== null} onClose={() => !update.isPending && setPending(null)} title={t("tenant.slugChangeTitle")} centered>
        <Stack>
          <Text size="sm">{t("tenant.slugChangeMessage", { name: tenant.name, oldSlug: tenant.slug, newSlug })}</Text>
          <DetailList
            columns={2}
            items={[
              { label: t("tenant.slugFrom"), value: <Code data-testid="slug-old">{tenant.slug}</Code> },
              { label: t("tenant.slugTo"), value: <Code data-testid="slug-new">{newSlug}</Code> },
            ]}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPending(null)} disabled={update.isPending}>
              {t("common.cancel")}
            </Button>
            <Button color="red" loading={update.isPending} onClick={() => pending && save(pending.values, pending.form)}>
              {t("tenant.slugChangeConfirm", { newSlug })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
