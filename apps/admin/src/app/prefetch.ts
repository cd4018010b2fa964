// Route loaders that start a page's first queries as soon as the router knows where the user is going,
// so they travel with `auth.me` (one batched request on a first load) instead of after it: the session
// guard renders the page only once `auth.me` is known, and the page's own query would start only then.
// A loader never waits: it returns at once and the page shows its own loading state; the page's hook finds
// the query already running or done (same key: same procedure and input). The inputs mirror what each
// page asks for first (no search, default sort and page size); a mismatch costs one extra request,
// and the browser test of delivery counts the requests of the tenants list.
import { Id, ModuleKey, type Me } from "@tenancy/contracts";
import type { LoaderFunction, LoaderFunctionArgs } from "react-router";
import { readFilters } from "../features/audit/audit-filters.js";
import { INVOICE_PAGE_SIZE, TENANT_CHOICES } from "../features/catalog/invoice-query.js";
import { defaultRange } from "../features/analytics/range.js";
import { platformAuditInput, readPlatformAuditFilters } from "../features/platform/audit-filters.js";
import { browserTimeZone } from "./i18n/format.js";
import { trpcUtils } from "./query-client.js";
import { ME_STALE_TIME } from "./session.js";

/** `auth.me` on every navigation: a no-op while it is fresh, else it starts beside the page's queries. */
export const sessionLoader: LoaderFunction = () => {
  void trpcUtils.auth.me.prefetch(undefined, { staleTime: ME_STALE_TIME });
  return null;
};

/**
 * A loader that starts a page's queries, unless the visitor is known to be signed out or of the other kind
 * (their guard will not show the page). While `auth.me` is still unknown (a first load) it starts them: a
 * signed-out visitor's request fails with UNAUTHENTICATED and the guard sends them to sign in.
 */
function prefetchFor(kind: Me["kind"], start: (args: LoaderFunctionArgs) => Promise<unknown>[]): LoaderFunction {
  return (args) => {
    const me = trpcUtils.auth.me.getData();
    if (me === null || (me && me.kind !== kind)) return null;
    void Promise.all(start(args)).catch(() => undefined);
    return null;
  };
}

const searchParams = ({ request }: LoaderFunctionArgs) => new URL(request.url).searchParams;
/** A malformed id is not asked for: its page says "not found" by itself. */
const isId = (value: string | undefined): value is string => Id.safeParse(value).success;

export const prefetch = {
  tenants: prefetchFor("platform_admin", () => [trpcUtils.platform.tenants.list.prefetchInfinite({ sort: "createdAt", limit: 25 })]),
  tenant: prefetchFor("platform_admin", ({ params }) => (isId(params.tenantId) ? [trpcUtils.platform.tenants.get.prefetch({ tenantId: params.tenantId })] : [])),
  admins: prefetchFor("platform_admin", () => [trpcUtils.platform.admins.list.prefetch()]),
  modules: prefetchFor("platform_admin", () => [trpcUtils.modules.list.prefetch({ status: undefined, includeOldVersions: false })]),
  module: prefetchFor("platform_admin", ({ params }) => (ModuleKey.safeParse(params.key).success ? [trpcUtils.modules.get.prefetch({ key: params.key! })] : [])),
  platformInvoices: prefetchFor("platform_admin", () => [
    trpcUtils.billing.admin.invoices.list.prefetchInfinite({ status: undefined, tenantId: undefined, limit: INVOICE_PAGE_SIZE }),
    trpcUtils.platform.tenants.list.prefetch(TENANT_CHOICES),
    trpcUtils.billing.admin.settings.get.prefetch(),
  ]),
  platformAudit: prefetchFor("platform_admin", (args) => [
    trpcUtils.platform.audit.list.prefetchInfinite(platformAuditInput(readPlatformAuditFilters(searchParams(args)), browserTimeZone())),
    trpcUtils.platform.admins.list.prefetch(),
  ]),
  platformAnalytics: prefetchFor("platform_admin", () => [trpcUtils.analytics.platform.prefetch(defaultRange())]),
  platformProfile: prefetchFor("platform_admin", () => [trpcUtils.platform.profile.get.prefetch()]),
  dashboard: prefetchFor("user", () => [
    trpcUtils.tenant.dashboard.prefetch(),
    ...(trpcUtils.auth.me.getData()?.permissions.includes("billing.read") ? [trpcUtils.analytics.tenant.prefetch()] : []),
  ]),
  users: prefetchFor("user", () => [trpcUtils.users.list.prefetchInfinite({ sort: "createdAt", limit: 25 }), trpcUtils.roles.list.prefetch()]),
  user: prefetchFor("user", ({ params }) => (isId(params.userId) ? [trpcUtils.users.get.prefetch({ userId: params.userId })] : [])),
  roles: prefetchFor("user", () => [trpcUtils.roles.list.prefetch()]),
  audit: prefetchFor("user", (args) => [trpcUtils.audit.list.prefetchInfinite({ ...readFilters(searchParams(args)), limit: 50 })]),
  settings: prefetchFor("user", () => [trpcUtils.settings.get.prefetch()]),
  marketplace: prefetchFor("user", () => [trpcUtils.modules.marketplace.prefetch(), trpcUtils.subscriptions.list.prefetch()]),
  subscriptions: prefetchFor("user", () => [trpcUtils.subscriptions.list.prefetch(), trpcUtils.modules.marketplace.prefetch()]),
  invoices: prefetchFor("user", () => [trpcUtils.billing.invoices.list.prefetchInfinite({ limit: 25 })]),
  invoice: prefetchFor("user", ({ params }) => (isId(params.invoiceId) ? [trpcUtils.billing.invoices.get.prefetch({ invoiceId: params.invoiceId })] : [])),
};
