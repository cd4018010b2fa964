// A button that asks for confirmation in a modal before acting. `onConfirm` may return a promise: the
// modal closes when it resolves and stays open when it rejects (the caller shows the error).
import { Button, Group, Modal, Stack, Text, type ButtonProps } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState, type ReactNode } from "react";
import { useUiLabels } from "./labels.js";

export interface ConfirmButtonProps extends Omit<ButtonProps, "children"> {
  children: ReactNode;
  title: ReactNode;
  message?: ReactNode;
  confirmLabel?: ReactNode;
  confirmColor?: string;
  /** Extra content of the modal, e.g. an input for a reason. */
  body?: ReactNode;
  /** Keeps the confirm button disabled, e.g. until a required choice in `body` is made. */
  confirmDisabled?: boolean;
  onConfirm: () => unknown;
}

export function ConfirmButton(props: ConfirmButtonProps) {
  const { children, title, message, confirmLabel, confirmColor, body, confirmDisabled, onConfirm, ...buttonProps } = props;
  const [opened, { open, close }] = useDisclosure(false);
  const [busy, setBusy] = useState(false);
  const labels = useUiLabels();

  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      close();
    } catch {
      // The caller reports the failure; keeping the modal open lets the user try again or cancel.
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button {...buttonProps} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Stack>
          {message && <Text size="sm">{message}</Text>}
          {body}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy}>
              {labels.cancel}
            </Button>
            <Button color={confirmColor ?? buttonProps.color} onClick={confirm} loading={busy} disabled={confirmDisabled}>
              {confirmLabel ?? labels.confirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
