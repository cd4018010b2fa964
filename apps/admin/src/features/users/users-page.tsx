// The tenant's users, read-only for now: name, e-mail, roles, status and last login, with search.
import { Badge, Group, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { DataTable, PageHeader, type Column } from "@tenancy/ui";
import { useState } from "react";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { readServerError } from "../../app/server-error.js";
import { Status } from "../../app/status.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";

type User = RouterOutputs["users"]["list"]["items"][number];

export function UsersPage() {
  const { t, fmt } = useI18n();
  const [search, setSearch] = useState("");
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const query = trpc.users.list.useInfiniteQuery(
    { search: debouncedSearch || undefined, limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: (previous) => previous },
  );

  const columns: Column<User>[] = [
    { key: "name", header: t("common.name"), render: (user) => user.name },
    { key: "email", header: t("common.email"), render: (user) => user.email },
    {
      key: "roles",
      header: t("users.roles"),
      render: (user) => (
        <Group gap={4}>
          {user.roles.map((role) => (
            <Badge key={role.id} variant="outline" size="sm">
              {role.name}
            </Badge>
          ))}
        </Group>
      ),
    },
    { key: "status", header: t("common.status"), render: (user) => <Status value={user.status} /> },
    { key: "lastLogin", header: t("common.lastLogin"), render: (user) => (user.lastLoginAt ? fmt.dateTime(user.lastLoginAt) : t("common.never")) },
  ];

  return (
    <>
      <PageHeader title={t("users.title")} />
      <TextInput
        label={t("common.search")}
        placeholder={t("users.searchPlaceholder")}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        w={320}
        mb="md"
      />
      <DataTable
        columns={columns}
        rows={query.data?.pages.flatMap((page) => page.items)}
        rowKey={(user) => user.id}
        loading={query.isPending}
        error={query.error ? readServerError(query.error, t("errors.unreachable")).message : null}
        onRetry={() => void query.refetch()}
        emptyMessage={debouncedSearch ? t("users.emptyFiltered") : t("users.empty")}
        hasMore={query.hasNextPage}
        loadingMore={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
    </>
  );
}
