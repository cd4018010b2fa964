// Shows a generated secret (a password) once, with a copy button and a warning that it will not be
// shown again.
import { ActionIcon, Alert, Code, CopyButton, Group, Stack, Text, Tooltip } from "@mantine/core";
import type { ReactNode } from "react";
import { useUiLabels } from "./labels.js";

export interface OneTimeSecretProps {
  title: ReactNode;
  value: string;
  warning: ReactNode;
}

export function OneTimeSecret({ title, value, warning }: OneTimeSecretProps) {
  const labels = useUiLabels();
  return (
    <Alert color="yellow" variant="light" title={title}>
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <Code fz="md" px="sm" py={6} data-testid="one-time-secret">
            {value}
          </Code>
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? labels.copied : labels.copy} withArrow>
                <ActionIcon variant="light" color={copied ? "teal" : "gray"} onClick={copy} aria-label={labels.copy}>
                  <Text size="xs" fw={700}>
                    {copied ? "✓" : "⧉"}
                  </Text>
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
        <Text size="sm">{warning}</Text>
      </Stack>
    </Alert>
  );
}
