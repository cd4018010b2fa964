// Toasts for the outcome of a mutation: success in green, the server's message in red. A toast never covers
// the control just pressed: it shows at the top of the screen when that control is in the lower half (a
// form's Save button), at the bottom otherwise (a page's action at the top). The control is the one last
// clicked or activated by keyboard; when it has gone (a dialog closed), where it was.
import { notifications, type NotificationData } from "@mantine/notifications";

type NotificationPosition = NonNullable<NotificationData["position"]>;

interface Pressed {
  element: Element;
  rect: { top: number; bottom: number };
}

let lastPressed: Pressed | null = null;

function remember(event: Event): void {
  const target = event.target instanceof Element ? event.target.closest("button, a, [role='button'], input[type='submit']") : null;
  if (!target) return;
  const { top, bottom } = target.getBoundingClientRect();
  lastPressed = { element: target, rect: { top, bottom } };
}

if (typeof document !== "undefined") {
  document.addEventListener("pointerdown", remember, { capture: true });
  document.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Enter" || event.key === " ") remember(event);
    },
    { capture: true },
  );
}

/** Where a toast goes so it does not cover a control whose box spans `top`..`bottom` in a viewport `height` high. */
export function toastPosition(control: { top: number; bottom: number } | null, height: number): NotificationPosition {
  if (!control) return "bottom-right";
  const middle = (control.top + control.bottom) / 2;
  return middle > height / 2 ? "top-right" : "bottom-right";
}

function position(): NotificationPosition {
  if (typeof window === "undefined") return "bottom-right";
  const pressed = lastPressed;
  const rect = pressed?.element.isConnected ? pressed.element.getBoundingClientRect() : (pressed?.rect ?? null);
  return toastPosition(rect, window.innerHeight);
}

export function notifySuccess(message: string): void {
  notifications.show({ color: "green", message, autoClose: 4000, position: position() });
}

export function notifyError(message: string, title?: string): void {
  notifications.show({ color: "red", title, message, autoClose: 8000, position: position() });
}

/** Drops every toast, e.g. when the signed-in principal changes. */
export function clearNotifications(): void {
  notifications.clean();
}
