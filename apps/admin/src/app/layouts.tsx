// Page frames: the centred card of the sign-in pages, and the shells of the platform and tenant areas
// (header with the user's name, linking a tenant user to their profile, and Logout; navigation filtered by
// permission, and for a tenant user their profile, which is how a phone reaches it: the header has no room
// for the name there). Each starts with a skip link to its main region; the sign-in card's title is the page's h1
// and names it in the document title.
import { Anchor, Badge, Box, Button, Center, Divider, Group, NavLink, Paper, Stack, Text, Title } from "@mantine/core";
import { AppLayout, SkipLink, skipTargetProps, TruncatedText } from "@tenancy/ui";
import { lazy, Suspense, type ReactNode } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { useLogout } from "../features/auth/use-logout.js";
import { useI18n } from "./i18n/i18n-provider.js";
import { INBOX_PATH, PLATFORM_NAV, PLATFORM_PROFILE_PATH, PROFILE_PATH, tenantNav, type NavEntry } from "./navigation.js";
import { usePageTitle } from "./page-title.js";
import { openModuleKeys } from "./module-gate.js";
import { useModuleAccess, useSignedInMe } from "./session.js";

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  usePageTitle(title);
  return (
    <>
      <SkipLink />
      <Center mih="100vh" p="md" bg="gray.0">
        <Stack w="100%" maw={440} gap="lg">
          <Text ta="center" fw={800} size="xl" c="indigo">
            {t("app.name")}
          </Text>
          <Paper component="main" {...skipTargetProps} withBorder shadow="sm" p="xl" radius="md">
            <Title order={1} size="h2" mb="lg">
              {title}
            </Title>
            {children}
          </Paper>
        </Stack>
      </Center>
    </>
  );
}

// The bell's code (and its live subscription) loads after the page, keeping it out of the sign-in load.
const NotificationBell = lazy(async () => ({ default: (await import("../features/notifications/bell.js")).NotificationBell }));

function HeaderUser() {
  const me = useSignedInMe();
  const { t } = useI18n();
  const logout = useLogout();
  return (
    <Group gap="md" wrap="nowrap">
      <Suspense fallback={null}>
        <NotificationBell />
      </Suspense>
      <Box ta="right" visibleFrom="xs" maw={260}>
        <TruncatedText value={me.name} maxWidth={260}>
          <Anchor
            component={Link}
            to={me.kind === "user" ? PROFILE_PATH : PLATFORM_PROFILE_PATH}
            size="sm"
            fw={600}
            c="inherit"
            aria-label={`${me.name} · ${me.kind === "user" ? t("profile.open") : t("platformProfile.open")}`}
            data-testid="header-user-name"
          />
        </TruncatedText>
        <Text size="xs" c="dimmed" component="div">
          <TruncatedText value={me.email} maxWidth={260} />
        </Text>
      </Box>
      <Button variant="default" size="xs" onClick={() => logout.mutate()} loading={logout.isPending}>
        {t("nav.logout")}
      </Button>
    </Group>
  );
}

function Navigation({ entries }: { entries: readonly Pick<NavEntry, "path" | "label">[] }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const isActive = (path: string) => pathname === path || (path !== "/t" && pathname.startsWith(`${path}/`));
  return (
    <Stack gap={4}>
      {entries.map((entry) => (
        <NavLink key={entry.path} component={Link} to={entry.path} label={t(entry.label)} active={isActive(entry.path)} />
      ))}
    </Stack>
  );
}

export function PlatformLayout() {
  const { t } = useI18n();
  return (
    <AppLayout
      brand={
        <Group gap="xs">
          {t("app.name")}
          <Badge variant="light">{t("platform.badge")}</Badge>
        </Group>
      }
      headerRight={<HeaderUser />}
      navbar={<Navigation entries={PLATFORM_NAV} />}
    >
      <Outlet />
    </AppLayout>
  );
}

export function TenantLayout() {
  const me = useSignedInMe();
  const { t } = useI18n();
  const { pathname } = useLocation();
  const modules = useModuleAccess();
  const navbar = (
    <Stack gap={4}>
      <Navigation entries={tenantNav(me.permissions, openModuleKeys(modules.data))} />
      <Divider my="xs" />
      <NavLink component={Link} to={INBOX_PATH} label={t("notif.nav.inbox")} active={pathname.startsWith(INBOX_PATH)} data-testid="nav-notifications" />
      <NavLink component={Link} to={PROFILE_PATH} label={t("nav.profile")} active={pathname === PROFILE_PATH} data-testid="nav-profile" />
    </Stack>
  );
  return (
    <AppLayout brand={me.tenant?.name ?? t("app.name")} headerRight={<HeaderUser />} navbar={navbar}>
      <Outlet />
    </AppLayout>
  );
}
