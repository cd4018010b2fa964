// The tenant's roles: the built-in Tenant Admin and custom roles with their permissions and how many users
// hold them; creating and editing a role (permissions grouped by module), and deleting one, reassigning
// its users to another role when it is in use.
import { Anchor, Badge, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { DataTable, PageHeader, TruncatedText, type Column } from "@tenancy/ui";
import { useState } from "react";
import { Link } from "react-router";
import { permissionDescription, permissionLabel, roleDescription, roleName } from "../../app/catalog-labels.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { readServerError } from "../../app/server-error.js";
import { trpc } from "../../app/trpc.js";
import { DeleteRoleButton } from "./delete-role-button.js";
import { RoleForm, type Role } from "./role-form.js";

export function RolesPage() {
  const { t, fmt } = useI18n();
  usePageTitle(t("roles.title"));
  const query = trpc.roles.list.useQuery();
  const [editing, setEditing] = useState<Role | "new" | null>(null);
  const roles = query.data?.items;

  const columns: Column<Role>[] = [
    {
      key: "name",
      header: t("common.name"),
      mobile: "title",
      render: (role) => (
        <Stack gap={2} maw={320}>
          <Group gap="xs" wrap="nowrap">
            <Text fw={600} size="sm" miw={0} component="div">
              <TruncatedText value={roleName(t, role)} maxWidth={240} />
            </Text>
            {role.builtIn && (
              <Badge variant="light" color="grape" size="sm">
                {t("roles.builtIn")}
              </Badge>
            )}
          </Group>
          {roleDescription(t, role) && (
            <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {roleDescription(t, role)}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: "permissions",
      header: t("roles.permissions"),
      render: (role) =>
        role.builtIn ? (
          <Text size="sm">{t("roles.allPermissions")}</Text>
        ) : role.permissions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("roles.noPermissions")}
          </Text>
        ) : (
          <Group gap={4}>
            {role.permissions.map((permission) => (
              <Badge key={permission} variant="outline" size="sm" tt="none" title={permissionDescription(t, permission)}>
                {permissionLabel(t, permission)}
              </Badge>
            ))}
          </Group>
        ),
    },
    {
      key: "users",
      header: t("roles.users"),
      render: (role) =>
        role.userCount === 0 ? (
          fmt.number(0)
        ) : (
          <Anchor component={Link} to={`/t/users?roleId=${role.id}`} size="sm">
            {t("roles.userCount", { count: role.userCount })}
          </Anchor>
        ),
    },
    {
      key: "actions",
      header: "",
      action: true,
      render: (role) =>
        role.builtIn ? null : (
          <Group gap="xs" justify="flex-end" wrap="nowrap">
            <Button size="xs" variant="default" onClick={() => setEditing(role)} aria-label={t("roles.editNamed", { name: roleName(t, role) })}>
              {t("common.edit")}
            </Button>
            <DeleteRoleButton role={role} roles={roles ?? []} />
          </Group>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t("roles.title")} description={t("roles.description")} actions={<Button onClick={() => setEditing("new")}>{t("roles.new")}</Button>} />
      <DataTable
        columns={columns}
        rows={roles}
        rowKey={(role) => role.id}
        loading={query.isPending}
        error={query.error ? readServerError(query.error, t, "errors.unreachable").message : null}
        onRetry={() => void query.refetch()}
        emptyMessage={t("roles.empty")}
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" || editing === null ? t("roles.new") : t("roles.editTitle", { name: roleName(t, editing) })}
        size="lg"
        centered
      >
        {editing !== null && <RoleForm role={editing === "new" ? null : editing} onDone={() => setEditing(null)} />}
      </Modal>
    </>
  );
}
