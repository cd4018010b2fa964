// The tenant's users: search (debounced), role and status filters, sorting and cursor pagination; adding a
// user (a generated password is shown once). A role filter can come in the address (`?roleId=`), from
// the roles page; one naming no role (mistyped, deleted since) is said so, and not used.
import { Alert, Anchor, Badge, Button, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { Id, USER_SORTS, UserStatus } from "@tenancy/contracts";
import { DataTable, OneTimeSecret, PageHeader, TruncatedText, type Column } from "@tenancy/ui";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { roleName } from "../../app/catalog-labels.js";
import { useFeedback } from "../../app/feedback.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { readServerError } from "../../app/server-error.js";
import { useCan } from "../../app/session.js";
import { Status } from "../../app/status.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { CreateUserForm } from "./user-form.js";

type User = RouterOutputs["users"]["list"]["items"][number];
type StatusFilter = (typeof UserStatus.options)[number];
type Sort = (typeof USER_SORTS)[number];

export function RoleBadges({ roles }: { roles: readonly { id: string; key: string | null; name: string }[] }) {
  const { t } = useI18n();
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role.id} variant="outline" size="sm" tt="none" miw="max-content">
          <TruncatedText value={roleName(t, role)} maxWidth={180} />
        </Badge>
      ))}
    </Group>
  );
}

export function UsersPage() {
  const { t, fmt } = useI18n();
  usePageTitle(t("users.title"));
  const can = useCan();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState("");
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const roles = trpc.roles.list.useQuery();
  const askedRoleId = params.get("roleId");
  const unknownRole =
    askedRoleId !== null && (!Id.safeParse(askedRoleId).success || (roles.data !== undefined && !roles.data.items.some((role) => role.id === askedRoleId)));
  const roleId = unknownRole ? null : askedRoleId;
  const [status, setStatus] = useState<StatusFilter | null>(null);
  const [sort, setSort] = useState<Sort>("createdAt");
  const [adding, setAdding] = useState(false);
  const [generated, setGenerated] = useState<{ id: string; email: string; password: string } | null>(null);

  const query = trpc.users.list.useInfiniteQuery(
    { search: debouncedSearch || undefined, roleId: roleId ?? undefined, status: status ?? undefined, sort, limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: (previous) => previous },
  );
  const filtered = Boolean(debouncedSearch || roleId || status);

  const setRoleId = (value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set("roleId", value);
        else next.delete("roleId");
        return next;
      },
      { replace: true },
    );

  const columns: Column<User>[] = [
    {
      key: "name",
      header: t("common.name"),
      mobile: "title",
      render: (user) => (
        <TruncatedText value={user.name} maxWidth={220}>
          <Anchor component={Link} to={`/t/users/${user.id}`} fw={600} size="sm" />
        </TruncatedText>
      ),
    },
    { key: "email", header: t("common.email"), mobile: "wide", render: (user) => <TruncatedText value={user.email} maxWidth={280} /> },
    { key: "roles", header: t("users.roles"), render: (user) => <RoleBadges roles={user.roles} /> },
    {
      key: "status",
      header: t("common.status"),
      render: (user) => (
        <Group gap={6}>
          <Status value={user.status} />
          {user.mustChangePassword && user.status === "active" && (
            <Badge color="yellow" variant="light" miw="max-content">
              {t("admins.temporaryPassword")}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: "lastLogin", header: t("common.lastLogin"), nowrap: true, render: (user) => (user.lastLoginAt ? fmt.dateTime(user.lastLoginAt) : t("common.never")) },
    { key: "created", header: t("common.createdAt"), nowrap: true, mobile: "hidden", render: (user) => fmt.date(user.createdAt) },
  ];

  return (
    <>
      <PageHeader
        title={t("users.title")}
        description={t("users.description")}
        actions={can("users.manage") && <Button onClick={() => setAdding(true)}>{t("users.new")}</Button>}
      />
      <Stack>
        {generated && (
          <OneTimeSecret
            title={t("secret.titleFor", { email: generated.email })}
            value={generated.password}
            warning={
              <>
                {t("secret.warning")}{" "}
                <Anchor component={Link} to={`/t/users/${generated.id}`} size="sm">
                  {t("users.openCreated")}
                </Anchor>
              </>
            }
          />
        )}
        {unknownRole && (
          <Alert color="yellow" variant="light" data-testid="unknown-role">
            <Group justify="space-between" gap="sm">
              <Text size="sm">{t("users.unknownRole")}</Text>
              <Button size="xs" variant="default" onClick={() => setRoleId(null)}>
                {t("users.showAll")}
              </Button>
            </Group>
          </Alert>
        )}
        <Group align="flex-end">
          <TextInput
            label={t("common.search")}
            placeholder={t("users.searchPlaceholder")}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={{ base: "100%", xs: 280 }}
          />
          <Select
            label={t("users.role")}
            placeholder={t("common.all")}
            clearable
            searchable
            data={(roles.data?.items ?? []).map((role) => ({ value: role.id, label: roleName(t, role) }))}
            nothingFoundMessage={t("common.nothingFound")}
            value={roleId}
            onChange={setRoleId}
            w={{ base: "100%", xs: 220 }}
          />
          <Select
            label={t("common.status")}
            placeholder={t("common.all")}
            clearable
            data={UserStatus.options.map((value) => ({ value, label: t(`status.${value}`) }))}
            value={status}
            onChange={(value) => setStatus(value as StatusFilter | null)}
            w={{ base: "100%", xs: 180 }}
          />
          <Select
            label={t("users.sort")}
            allowDeselect={false}
            data={USER_SORTS.map((value) => ({ value, label: t(`users.sort.${value}`) }))}
            value={sort}
            onChange={(value) => value && setSort(value as Sort)}
            w={{ base: "100%", xs: 200 }}
          />
        </Group>
        <DataTable
          columns={columns}
          rows={query.data?.pages.flatMap((page) => page.items)}
          rowKey={(user) => user.id}
          loading={query.isPending}
          error={query.error ? readServerError(query.error, t, "errors.unreachable").message : null}
          onRetry={() => void query.refetch()}
          emptyMessage={filtered ? t("users.emptyFiltered") : t("users.empty")}
          hasMore={query.hasNextPage}
          loadingMore={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
        />
      </Stack>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t("users.new")} centered>
        <CreateUserForm
          onCreated={({ user, generatedPassword }) => {
            setAdding(false);
            setGenerated(generatedPassword ? { id: user.id, email: user.email, password: generatedPassword } : null);
            feedback.success(t("users.created", { email: user.email }));
            void Promise.all([utils.users.list.invalidate(), utils.roles.list.invalidate()]);
          }}
          onCancel={() => setAdding(false)}
        />
      </Modal>
    </>
  );
}
