// The app router: one sub-router per domain.
import { analyticsRouter } from "./domains/analytics/router.js";
import { auditRouter } from "./domains/audit/router.js";
import { authRouter } from "./domains/auth/router.js";
import { billingRouter } from "./domains/billing/router.js";
import { eventsRouter } from "./domains/events/router.js";
import { integrationsRouter } from "./domains/integrations/router.js";
import { notificationsRouter } from "./domains/notifications/router.js";
import { modulesRouter } from "./domains/modules/router.js";
import { rolesRouter } from "./domains/roles/router.js";
import { settingsRouter } from "./domains/settings/router.js";
import { subscriptionsRouter } from "./domains/subscriptions/router.js";
import { platformRouter } from "./domains/platform/router.js";
import { tenantRouter } from "./domains/tenant/router.js";
import { usageRouter } from "./domains/usage/router.js";
import { usersRouter } from "./domains/users/router.js";
import { router } from "./trpc/init.js";

export const appRouter = router({
  auth: authRouter,
  platform: platformRouter,
  tenant: tenantRouter,
  users: usersRouter,
  roles: rolesRouter,
  settings: settingsRouter,
  audit: auditRouter,
  modules: modulesRouter,
  subscriptions: subscriptionsRouter,
  integrations: integrationsRouter,
  billing: billingRouter,
  usage: usageRouter,
  analytics: analyticsRouter,
  notifications: notificationsRouter,
  events: eventsRouter,
});

export type AppRouter = typeof appRouter;
