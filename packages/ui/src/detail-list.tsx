// A read-only grid of label/value pairs, for detail pages. Values may be badges or other blocks.
import { SimpleGrid, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";

export interface DetailItem {
  label: ReactNode;
  value: ReactNode;
}

export function DetailList({ items, columns = 3 }: { items: DetailItem[]; columns?: number }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: columns }} spacing="lg" verticalSpacing="md">
      {items.map((item, index) => (
        <Stack key={index} gap={2}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {item.label}
          </Text>
          <Text size="sm" component="div">
            {item.value ?? "—"}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
