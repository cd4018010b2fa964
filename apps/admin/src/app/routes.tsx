// The route table: public sign-in, the password change, the platform area (/platform) and the tenant
// area (/t), each behind its guard; a tenant page also behind the permission it needs (the profile needs none).
// The loaders only start queries (`auth.me` for every page, and a page's first data) so both travel
// together rather than one after the other (prefetch.ts); they never delay a page.
import { PageLoader } from "@tenancy/ui";
import type { ComponentType } from "react";
import { createBrowserRouter, Navigate } from "react-router";
import { ChangePasswordPage } from "../features/auth/change-password-page.js";
import { LoginPage } from "../features/auth/login-page.js";
import { AdminsPage } from "../features/platform/admins-page.js";
import { PlatformProfilePage } from "../features/platform/profile-page.js";
import { TenantCreatePage } from "../features/platform/tenant-create-page.js";
import { TenantDetailPage } from "../features/platform/tenant-detail-page.js";
import { TenantsPage } from "../features/platform/tenants-page.js";
import { DashboardPage } from "../features/tenant/dashboard-page.js";
import { IntegrationsPage } from "../features/integrations/integrations-page.js";
import { RolesPage } from "../features/roles/roles-page.js";
import { ProfilePage } from "../features/users/profile-page.js";
import { UserDetailPage } from "../features/users/user-detail-page.js";
import { UsersPage } from "../features/users/users-page.js";
import { PlatformLayout, TenantLayout } from "./layouts.js";
import { homePath } from "./navigation.js";
import { prefetch, sessionLoader } from "./prefetch.js";
import { RequireKind, RequireModule, RequirePermission, RequireSession, useSignedInMe } from "./session.js";
import { NotFoundPage } from "./states.js";

/**
 * A billing page, loaded when first opened (its code is not part of the sign-in load), behind billing.read;
 * its route's loader starts its data at the same time.
 */
function billingPage(load: () => Promise<ComponentType>) {
  return {
    lazy: async () => {
      const Page = await load();
      return {
        Component: () => (
          <RequirePermission permission="billing.read">
            <Page />
          </RequirePermission>
        ),
      };
    },
  };
}

function Home() {
  return <Navigate to={homePath(useSignedInMe())} replace />;
}

export const router = createBrowserRouter([
  {
    // Runs before the first render too (the loaders below are not awaited, so this shows for a moment at most).
    loader: sessionLoader,
    hydrateFallbackElement: <PageLoader />,
    children: [
      { path: "/login", element: <LoginPage /> },
      {
        element: <RequireSession />,
        children: [
          { index: true, element: <Home /> },
          { path: "change-password", element: <ChangePasswordPage /> },
          {
            path: "platform",
            element: (
              <RequireKind kind="platform_admin">
                <PlatformLayout />
              </RequireKind>
            ),
            children: [
              { index: true, element: <Navigate to="tenants" replace /> },
              { path: "tenants", loader: prefetch.tenants, element: <TenantsPage /> },
              { path: "tenants/new", element: <TenantCreatePage /> },
              { path: "tenants/:tenantId", loader: prefetch.tenant, element: <TenantDetailPage /> },
              // The catalog's pages are loaded when first opened (their code is not part of the sign-in load);
              // the loader starts their data at the same time.
              { path: "modules", loader: prefetch.modules, lazy: async () => ({ Component: (await import("../features/catalog/modules-page.js")).ModulesPage }) },
              { path: "modules/new", lazy: async () => ({ Component: (await import("../features/catalog/module-create-page.js")).ModuleCreatePage }) },
              { path: "modules/:key", loader: prefetch.module, lazy: async () => ({ Component: (await import("../features/catalog/module-page.js")).ModulePage }) },
              { path: "invoices", loader: prefetch.platformInvoices, lazy: async () => ({ Component: (await import("../features/catalog/invoices-page.js")).InvoicesPage }) },
              { path: "admins", loader: prefetch.admins, element: <AdminsPage /> },
              // The audit logs too load when first opened, keeping their code out of the budgeted sign-in load.
              { path: "audit", loader: prefetch.platformAudit, lazy: async () => ({ Component: (await import("../features/platform/audit-page.js")).PlatformAuditPage }) },
              { path: "analytics", loader: prefetch.platformAnalytics, lazy: async () => ({ Component: (await import("../features/analytics/platform-analytics-page.js")).PlatformAnalyticsPage }) },
              { path: "notifications", lazy: async () => ({ Component: (await import("../features/notifications/inbox-page.js")).InboxPage }) },
              { path: "notifications/preferences", lazy: async () => ({ Component: (await import("../features/notifications/preferences-page.js")).PreferencesPage }) },
              { path: "events", lazy: async () => ({ Component: (await import("../features/events/catalog-page.js")).EventCatalogPage }) },
              { path: "profile", loader: prefetch.platformProfile, element: <PlatformProfilePage /> },
              { path: "*", element: <NotFoundPage /> },
            ],
          },
          {
            path: "t",
            element: (
              <RequireKind kind="user">
                <TenantLayout />
              </RequireKind>
            ),
            children: [
              { index: true, loader: prefetch.dashboard, element: <RequirePermission permission="tenant.read"><DashboardPage /></RequirePermission> },
              { path: "users", loader: prefetch.users, element: <RequirePermission permission="users.read"><UsersPage /></RequirePermission> },
              { path: "users/:userId", loader: prefetch.user, element: <RequirePermission permission="users.read"><UserDetailPage /></RequirePermission> },
              { path: "roles", loader: prefetch.roles, element: <RequirePermission permission="roles.manage"><RolesPage /></RequirePermission> },
              {
                path: "audit",
                loader: prefetch.audit,
                lazy: async () => {
                  const { AuditPage } = await import("../features/audit/audit-page.js");
                  return {
                    Component: () => (
                      <RequirePermission permission="audit.read">
                        <AuditPage />
                      </RequirePermission>
                    ),
                  };
                },
              },
              {
                path: "settings",
                loader: prefetch.settings,
                // Loaded when first opened, like the audit log: the sign-in load stays within its budget.
                lazy: async () => {
                  const { SettingsPage } = await import("../features/settings/settings-page.js");
                  return {
                    Component: () => (
                      <RequirePermission permission="settings.manage">
                        <SettingsPage />
                      </RequirePermission>
                    ),
                  };
                },
              },
              { path: "marketplace", loader: prefetch.marketplace, ...billingPage(async () => (await import("../features/billing/marketplace-page.js")).MarketplacePage) },
              { path: "subscriptions", loader: prefetch.subscriptions, ...billingPage(async () => (await import("../features/billing/subscriptions-page.js")).SubscriptionsPage) },
              { path: "invoices", loader: prefetch.invoices, ...billingPage(async () => (await import("../features/billing/invoices-page.js")).InvoicesPage) },
              { path: "invoices/:invoiceId", loader: prefetch.invoice, ...billingPage(async () => (await import("../features/billing/invoice-page.js")).InvoicePage) },
              {
                path: "integrations",
                element: (
                  <RequirePermission permission="integrations.manage">
                    <RequireModule module="integrations">
                      <IntegrationsPage />
                    </RequireModule>
                  </RequirePermission>
                ),
              },
              // Notifications: every user's inbox and preferences; the rules behind notifications.manage.
              { path: "notifications", lazy: async () => ({ Component: (await import("../features/notifications/inbox-page.js")).InboxPage }) },
              { path: "notifications/preferences", lazy: async () => ({ Component: (await import("../features/notifications/preferences-page.js")).PreferencesPage }) },
              {
                path: "notification-rules",
                lazy: async () => {
                  const { RulesPage } = await import("../features/notifications/rules-page.js");
                  return {
                    Component: () => (
                      <RequirePermission permission="notifications.manage">
                        <RulesPage />
                      </RequirePermission>
                    ),
                  };
                },
              },
              // The events pages are loaded when first opened; the catalog is for every signed-in user.
              {
                path: "events/live",
                lazy: async () => {
                  const { LiveEventsPage } = await import("../features/events/live-page.js");
                  return {
                    Component: () => (
                      <RequirePermission permission="audit.read">
                        <LiveEventsPage />
                      </RequirePermission>
                    ),
                  };
                },
              },
              { path: "events/catalog", lazy: async () => ({ Component: (await import("../features/events/catalog-page.js")).EventCatalogPage }) },
              { path: "profile", element: <ProfilePage /> },
              { path: "*", element: <NotFoundPage /> },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
