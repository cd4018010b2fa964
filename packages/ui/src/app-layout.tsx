// The page frame: a skip link, a header (brand on the left, whatever the app puts on the right), an optional
// navigation column that folds behind a burger on small screens, and the main region the skip link leads to.
// The brand (a tenant's name, however long) takes what room is left and is cut with an ellipsis, never
// pushing the header's right side off a phone's screen.
import { AppShell, Box, Burger, Group, ScrollArea, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useUiLabels } from "./labels.js";
import { SkipLink, skipTargetProps } from "./skip-link.js";

export interface AppLayoutProps {
  brand: ReactNode;
  headerRight?: ReactNode;
  navbar?: ReactNode;
  children: ReactNode;
}

export function AppLayout({ brand, headerRight, navbar, children }: AppLayoutProps) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const labels = useUiLabels();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={navbar ? { width: 230, breakpoint: "sm", collapsed: { mobile: !opened } } : undefined}
      padding="lg"
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: 1 }}>
            {navbar && <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={labels.toggleNavigation} />}
            <Text fw={700} size="lg" truncate="end" miw={0} data-testid="app-brand" title={typeof brand === "string" ? brand : undefined}>
              {brand}
            </Text>
          </Group>
          <Box style={{ flexShrink: 0 }}>{headerRight}</Box>
        </Group>
      </AppShell.Header>
      {navbar && (
        <AppShell.Navbar p="sm" onClick={close}>
          <AppShell.Section grow component={ScrollArea}>
            {navbar}
          </AppShell.Section>
        </AppShell.Navbar>
      )}
      <AppShell.Main {...skipTargetProps}>{children}</AppShell.Main>
    </AppShell>
  );
}
