// A card with one figure and its label, for dashboards.
import { Paper, Skeleton, Text } from "@mantine/core";
import type { ReactNode } from "react";

export function StatCard({ label, value, loading }: { label: ReactNode; value: ReactNode; loading?: boolean }) {
  return (
    <Paper withBorder p="lg" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {loading ? <Skeleton height={30} mt="xs" width="50%" /> : <Text fz={30} fw={700} mt={4}>{value}</Text>}
    </Paper>
  );
}
