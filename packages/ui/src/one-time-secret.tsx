// Shows a generated secret (a password) once, with a copy button and a warning that it will not be
// shown again.
import { ActionIcon, Alert, Code, CopyButton, Group, Stack, Text, Tooltip } from "@mantine/core";
import type { ReactNode } from "react";
import { useUiLabels } from "./labels.js";

function CopyIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <rect x="9" y="9" width="12" height="12" rx="2" />
      <path d="M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M5 12l5 5L20 7" />
    </svg>
  );
}

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
                  {copied ? <CheckIcon /> : <CopyIcon />}
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
