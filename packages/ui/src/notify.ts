// Toasts for the outcome of a mutation: success in green, the server's message in red.
import { notifications } from "@mantine/notifications";

export function notifySuccess(message: string): void {
  notifications.show({ color: "green", message, autoClose: 4000 });
}

export function notifyError(message: string, title?: string): void {
  notifications.show({ color: "red", title, message, autoClose: 8000 });
}

/** Drops every toast, e.g. when the signed-in principal changes. */
export function clearNotifications(): void {
  notifications.clean();
}
