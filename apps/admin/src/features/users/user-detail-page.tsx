// One user of the tenant: their details and roles; editing (name, roles, language), deactivating and
// reactivating (with confirmation), and resetting the password (the temporary one is shown once). What the
// server refuses (LAST_ADMIN, SELF_DEACTIVATION, ...) is told in its own words. An address whose id names no
// user of the workspace (mistyped, unknown) is a not-found page leading back to the list. The edit opens by
// itself when it holds unsaved changes kept across the end of a session.
import { Anchor, Badge, Button, Card, Group, Stack, Title } from "@mantine/core";
import { Id } from "@tenancy/contracts";
import { ConfirmButton, DetailList, OneTimeSecret, PageHeader, PageLoader } from "@tenancy/ui";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { hasDraft } from "../../app/drafts.js";
import { useFeedback } from "../../app/feedback.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { useCan, useSignedInMe } from "../../app/session.js";
import { ErrorState, isNotFound, MissingState } from "../../app/states.js";
import { Status } from "../../app/status.js";
import { trpc } from "../../app/trpc.js";
import { EditUserForm, type User } from "./user-form.js";
import { RoleBadges } from "./users-page.js";

export function UserDetailPage() {
  const { userId = "" } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const me = useSignedInMe();
  const validId = Id.safeParse(userId).success;
  const query = trpc.users.get.useQuery({ userId }, { enabled: validId });
  usePageTitle(query.data?.name);
  const [editing, setEditing] = useState(() => hasDraft(me.id, `user:${userId}`));
  const [reset, setReset] = useState<{ email: string; password: string } | null>(null);

  if (!validId || (query.error && isNotFound(query.error))) {
    return <MissingState title={t("notFound.user.title")} message={t("notFound.user.message")} back={{ to: "/t/users", label: t("notFound.user.back") }} />;
  }
  if (query.isPending) return <PageLoader />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const user = query.data;

  return (
    <>
      <Anchor component={Link} to="/t/users" size="sm">
        ← {t("users.title")}
      </Anchor>
      <PageHeader
        title={user.name}
        badge={<Status value={user.status} />}
        description={user.email}
        actions={can("users.manage") && !editing && <UserActions user={user} onEdit={() => setEditing(true)} onReset={setReset} />}
      />
      <Stack gap="lg">
        {reset && <OneTimeSecret title={t("secret.titleFor", { email: reset.email })} value={reset.password} warning={t("secret.warning")} />}
        {editing ? (
          <Card withBorder padding="lg">
            <Title order={4} mb="md">
              {t("users.editTitle")}
            </Title>
            <EditUserForm user={user} onDone={() => setEditing(false)} />
          </Card>
        ) : (
          <UserOverview user={user} />
        )}
      </Stack>
    </>
  );
}

function UserActions({ user, onEdit, onReset }: { user: User; onEdit: () => void; onReset: (secret: { email: string; password: string }) => void }) {
  const { t } = useI18n();
  const me = useSignedInMe();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const refresh = () => Promise.all([utils.users.get.invalidate({ userId: user.id }), utils.users.list.invalidate(), utils.roles.list.invalidate()]);
  const deactivate = trpc.users.deactivate.useMutation({
    onSuccess: () => {
      feedback.success(t("users.deactivated", { email: user.email }));
      return refresh();
    },
    onError: (error) => feedback.error(error),
  });
  const reactivate = trpc.users.reactivate.useMutation({
    onSuccess: () => {
      feedback.success(t("users.reactivated", { email: user.email }));
      return refresh();
    },
    onError: (error) => feedback.error(error),
  });
  const resetPassword = trpc.users.resetPassword.useMutation({
    onSuccess: ({ generatedPassword }) => {
      feedback.success(t("admins.passwordReset", { email: user.email }));
      if (generatedPassword) onReset({ email: user.email, password: generatedPassword });
      return refresh();
    },
    onError: (error) => feedback.error(error),
  });

  return (
    <>
      <Button variant="default" onClick={onEdit}>
        {t("common.edit")}
      </Button>
      <ConfirmButton
        variant="light"
        title={t("admins.resetTitle", { name: user.name })}
        message={t("admins.resetMessage")}
        confirmLabel={t("admins.reset")}
        onConfirm={() => resetPassword.mutateAsync({ userId: user.id })}
      >
        {t("admins.reset")}
      </ConfirmButton>
      {user.status === "active" ? (
        user.id !== me.id && (
          <ConfirmButton
            key="deactivate"
            color="red"
            variant="light"
            title={t("admins.deactivateTitle", { email: user.email })}
            message={t("users.deactivateMessage")}
            confirmLabel={t("admins.deactivate")}
            onConfirm={() => deactivate.mutateAsync({ userId: user.id })}
          >
            {t("admins.deactivate")}
          </ConfirmButton>
        )
      ) : (
        <ConfirmButton
          key="reactivate"
          color="green"
          variant="light"
          title={t("admins.reactivateTitle", { email: user.email })}
          message={t("users.reactivateMessage")}
          confirmLabel={t("admins.reactivate")}
          onConfirm={() => reactivate.mutateAsync({ userId: user.id })}
        >
          {t("admins.reactivate")}
        </ConfirmButton>
      )}
    </>
  );
}

function UserOverview({ user }: { user: User }) {
  const { t, fmt } = useI18n();
  const can = useCan();
  return (
    <Card withBorder padding="lg">
      <DetailList
        items={[
          { label: t("common.email"), value: user.email },
          { label: t("users.roles"), value: <RoleBadges roles={user.roles} /> },
          {
            label: t("users.language"),
            value: user.language ? `${fmt.languageName(user.language)} (${user.language})` : t("users.languageWorkspaceShort"),
          },
          {
            label: t("common.status"),
            value: (
              <Group gap={6}>
                <Status value={user.status} />
                {user.mustChangePassword && user.status === "active" && (
                  <Badge color="yellow" variant="light">
                    {t("admins.temporaryPassword")}
                  </Badge>
                )}
              </Group>
            ),
          },
          { label: t("common.lastLogin"), value: user.lastLoginAt ? fmt.dateTime(user.lastLoginAt) : t("common.never") },
          { label: t("common.createdAt"), value: fmt.dateTime(user.createdAt) },
        ]}
      />
      {can("audit.read") && (
        <Anchor component={Link} to={`/t/audit?targetId=${user.id}`} size="sm" mt="lg" display="inline-block">
          {t("users.activity")}
        </Anchor>
      )}
    </Card>
  );
}
