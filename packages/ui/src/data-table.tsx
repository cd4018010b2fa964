// A list of rows with the states every list needs: a skeleton while loading, a message when empty,
// the error with a retry button, and a "Load more" button for cursor pagination.
// It holds its shape with real data: long values are cut by their column (TruncatedText), the row's action
// column stays pinned to the right edge when the table is wider than the page, and on a phone (below the
// `sm` breakpoint, where the navigation folds too) each row becomes a card: its title, its key fields with
// their labels, and its action.
import { Button, Center, Group, Paper, Skeleton, Stack, Table, Text, useMantineTheme } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { ReactNode } from "react";
import "./data-table.css";
import { ErrorAlert } from "./error-alert.js";
import { useUiLabels } from "./labels.js";
import { TruncateModeContext } from "./truncated-text.js";

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  width?: number | string;
  /** Keeps the cell on one line (dates, short codes). */
  nowrap?: boolean;
  /** The row's action(s): pinned to the right edge of the table, at the foot of a card on a phone. */
  action?: boolean;
  /**
   * On a phone: "title" heads the card (the first column does when none says so), "hidden" leaves a
   * secondary field out, "wide" gives a long value (an e-mail) the card's whole width; any other column is
   * shown with its header as label, two to a line.
   */
  mobile?: "title" | "hidden" | "wide";
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

/** Whether the screen is narrower than the `sm` breakpoint, read at once (no table flashing before the cards). */
export function useIsPhone(): boolean {
  const theme = useMantineTheme();
  return useMediaQuery(`(max-width: calc(${theme.breakpoints.sm} - 0.0625em))`, false, { getInitialValueInEffect: false });
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, rows, rowKey, loading, error, onRetry, emptyMessage, hasMore, loadingMore, onLoadMore, footer } = props;
  const labels = useUiLabels();
  const phone = useIsPhone();
  const hasRows = rows !== undefined && rows.length > 0;

  if (error && !hasRows) return <ErrorAlert message={error} onRetry={onRetry} />;

  const empty = !loading && !hasRows && (
    <Center p="xl">
      <Text c="dimmed">{emptyMessage}</Text>
    </Center>
  );

  return (
    <Stack gap="sm">
      {phone ? (
        <TruncateModeContext.Provider value="wrap">
          <RowCards columns={columns} rows={loading && !hasRows ? undefined : rows} rowKey={rowKey} />
          {empty && <Paper withBorder radius="md">{empty}</Paper>}
        </TruncateModeContext.Provider>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" highlightOnHover={hasRows} className="tenancy-data-table">
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column) => (
                    <Table.Th key={column.key} w={column.width} data-action={column.action || undefined}>
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
                          <Table.Td key={column.key} data-action={column.action || undefined} style={column.nowrap ? { whiteSpace: "nowrap" } : undefined}>
                            {column.render(row)}
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {empty}
        </Paper>
      )}
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

/** The phone layout: one card per row (a list, so its length is announced), skeleton cards while loading. */
function RowCards<T>({ columns, rows, rowKey }: { columns: Column<T>[]; rows: T[] | undefined; rowKey: (row: T) => string }) {
  const title = columns.find((column) => column.mobile === "title") ?? columns.find((column) => !column.action);
  const fields = columns.filter((column) => column !== title && !column.action && column.mobile !== "hidden");
  const actions = columns.filter((column) => column.action);

  if (rows === undefined) {
    return (
      <Stack gap="sm">
        {Array.from({ length: 3 }, (_, i) => (
          <Paper key={i} withBorder radius="md" p="md" data-testid="skeleton-row">
            <Skeleton height={16} width="60%" mb="sm" />
            <Skeleton height={12} mb={6} />
            <Skeleton height={12} width="80%" />
          </Paper>
        ))}
      </Stack>
    );
  }
  if (rows.length === 0) return null;

  return (
    <Stack component="ul" gap="sm" className="tenancy-row-cards" data-testid="row-cards">
      {rows.map((row) => {
        const actionCells = actions.map((column) => <div key={column.key}>{column.render(row)}</div>);
        return (
          <Paper component="li" key={rowKey(row)} withBorder radius="md" p="md" data-testid="row-card">
            <Stack gap="xs">
              {title && <div className="tenancy-row-card-title">{title.render(row)}</div>}
              {fields.length > 0 && (
                <dl className="tenancy-row-card-fields">
                  {fields.map((column) => (
                    <div key={column.key} data-wide={column.mobile === "wide" || undefined}>
                      <Text component="dt" size="xs" c="dimmed" fw={600}>
                        {column.header}
                      </Text>
                      <Text component="dd" size="sm">
                        {column.render(row)}
                      </Text>
                    </div>
                  ))}
                </dl>
              )}
              {actionCells.length > 0 && (
                <Group gap="xs" justify="flex-end">
                  {actionCells}
                </Group>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
