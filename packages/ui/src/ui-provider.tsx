// Root provider of the design system: Mantine's theme and styles, the notification host and the
// translated labels the components use. The theme holds the accessibility fixes that apply everywhere:
// text colours that meet WCAG 2.2 AA contrast (contrast.ts), borders of controls at 3:1, and close
// buttons of dialogs, drawers and toasts that say what they do.
import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./accessibility.css";
import { createTheme, Drawer, MantineProvider, Modal, Notification, type CSSVariablesResolver } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { useMemo, type ReactNode } from "react";
import { accessibleColorVariables } from "./contrast.js";
import { defaultLabels, UiLabelsContext, type UiLabels } from "./labels.js";

const cssVariablesResolver: CSSVariablesResolver = (theme) => ({ variables: {}, light: accessibleColorVariables(theme), dark: {} });

/** The app's theme; `closeLabel` names the close buttons of dialogs, drawers and toasts. */
export function createUiTheme(closeLabel: string) {
  const closeButtonProps = { "aria-label": closeLabel };
  return createTheme({
    primaryColor: "indigo",
    defaultRadius: "md",
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps } }),
      Notification: Notification.extend({ defaultProps: { closeButtonProps } }),
    },
  });
}

export function UiProvider({ labels, children }: { labels: UiLabels; children: ReactNode }) {
  const allLabels = useMemo<Required<UiLabels>>(() => ({ ...defaultLabels, ...labels }), [labels]);
  const theme = useMemo(() => createUiTheme(allLabels.close), [allLabels.close]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="bottom-right" />
      <UiLabelsContext.Provider value={allLabels}>{children}</UiLabelsContext.Provider>
    </MantineProvider>
  );
}
