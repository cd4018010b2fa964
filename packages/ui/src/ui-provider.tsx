// Root provider of the design system: Mantine's theme and styles, the notification host and the
// translated labels the components use.
import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import { createTheme, MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import type { ReactNode } from "react";
import { UiLabelsContext, type UiLabels } from "./labels.js";

const theme = createTheme({
  primaryColor: "indigo",
  defaultRadius: "md",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
});

export function UiProvider({ labels, children }: { labels: UiLabels; children: ReactNode }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" />
      <UiLabelsContext.Provider value={labels}>{children}</UiLabelsContext.Provider>
    </MantineProvider>
  );
}
