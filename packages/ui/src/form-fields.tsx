// Layout helpers for forms: a titled section laying its fields out in a responsive grid (with an optional
// footer, e.g. the section's own Save button), and the row of actions at the bottom.
import { Fieldset, Group, SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";

export interface FormSectionProps {
  title: ReactNode;
  description?: ReactNode;
  columns?: number;
  children: ReactNode;
  footer?: ReactNode;
}

export function FormSection({ title, description, columns = 2, children, footer }: FormSectionProps) {
  return (
    <Fieldset legend={title}>
      {description && (
        <Text size="sm" c="dimmed" mb="sm">
          {description}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: columns }} spacing="md">
        {children}
      </SimpleGrid>
      {footer}
    </Fieldset>
  );
}

export function FormActions({ children }: { children: ReactNode }) {
  return (
    <Group justify="flex-end" mt="md">
      {children}
    </Group>
  );
}
