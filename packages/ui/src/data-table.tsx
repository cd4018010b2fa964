// A list of rows with the states every list needs: a skeleton while loading, a message when empty,
// the error with a retry button, and a "Load more" button for cursor pagination.
import { Button, Center, Paper, Skeleton, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { ErrorAlert } from "./error-alert.js";
import { useUiLabels } from "./labels.js";

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  width?: number | string;
}

export interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  loading?: boolean;
  error?: string | null;
  onRetry?: () => void;
  emptyMessage: ReactNode;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  footer?: ReactNode;
}

const SKELETON_ROWS = 5;

export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, rows, rowKey, loading, error, onRetry, emptyMessage, hasMore, loadingMore, onLoadMore, footer } = props;
  const labels = useUiLabels();
  const hasRows = rows !== undefined && rows.length > 0;

  if (error && !hasRows) return <ErrorAlert message={error} onRetry={onRetry} />;

  return (
    <Stack gap="sm">
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover={hasRows}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column.key} w={column.width}>
                    {column.header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {loading && !hasRows
                ? Array.from({ length: SKELETON_ROWS }, (_, i) => (
                    <Table.Tr key={i} data-testid="skeleton-row">
                      {columns.map((column) => (
                        <Table.Td key={column.key}>
                          <Skeleton height={14} radius="sm" />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))
                : rows?.map((row) => (
                    <Table.Tr key={rowKey(row)}>
                      {columns.map((column) => (
                        <Table.Td key={column.key}>{column.render(row)}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {!loading && !hasRows && (
          <Center p="xl">
            <Text c="dimmed">{emptyMessage}</Text>
          </Center>
        )}
      </Paper>
      {error && <ErrorAlert message={error} onRetry={onRetry} />}
      {(hasMore || footer) && (
        <Center>
          <Stack gap="xs" align="center">
            {hasMore && onLoadMore && (
              <Button variant="default" onClick={onLoadMore} loading={loadingMore}>
                {labels.loadMore}
              </Button>
            )}
            {footer}
          </Stack>
        </Center>
      )}
    </Stack>
  );
}
