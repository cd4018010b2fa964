// A red alert carrying a message (usually the server's), with an optional retry button.
import { Alert, Button, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useUiLabels } from "./labels.js";

export interface ErrorAlertProps {
  message: ReactNode;
  title?: ReactNode;
  onRetry?: () => void;
}

export function ErrorAlert({ message, title, onRetry }: ErrorAlertProps) {
  const labels = useUiLabels();
  return (
    <Alert color="red" variant="light" title={title ?? labels.errorTitle} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{message}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {labels.retry}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
