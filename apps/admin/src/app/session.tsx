// The signed-in principal (`auth.me`) and the route guards built on it: signed in, password changed,
// the right kind of principal, and a permission. A session found gone without a sign-out here is noted as
// ended (session-end.ts), so the sign-in page can say why.
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { Me, Permission, ProductModuleKey } from "@tenancy/contracts";
import { clearNotifications, PageLoader } from "@tenancy/ui";
import { useCallback, useRef, type ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { dropDraftsNotOf } from "./drafts.js";
import { createTranslator, preferredLocale, type Translate } from "./i18n/translate.js";
import { announce, forgetSessionEnd, noteSessionEnd, sessionGoesOn, signedInUntilNow } from "./session-end.js";
import { useI18n } from "./i18n/i18n-provider.js";
import { gateDecision } from "./module-gate.js";
import { ErrorState, ForbiddenState, ModuleClosedState } from "./states.js";
import { trpc } from "./trpc.js";

/** tRPC keys a query by its path first, so this prefix matches `auth.me` whatever its input. */
export const ME_QUERY_KEY = [["auth", "me"]];

export function isMeQuery(key: QueryKey): boolean {
  const path = key[0];
  return Array.isArray(path) && path[0] === "auth" && path[1] === "me";
}

/** How long a known `auth.me` is used as is; the route loaders ask with the same (prefetch.ts). */
export const ME_STALE_TIME = 60_000;

export function useMe() {
  return trpc.auth.me.useQuery(undefined, { staleTime: ME_STALE_TIME });
}

/** After login or logout: forget everything cached for the previous principal and set the new one. */
export function useReplaceSession(): (me: Me | null) => void {
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  return useCallback(
    (me: Me | null) => {
      forgetSessionEnd();
      dropDraftsNotOf(me?.id ?? null);
      queryClient.removeQueries({ predicate: (query) => !isMeQuery(query.queryKey) });
      clearNotifications();
      utils.auth.me.setData(undefined, me);
      announce(me ? { kind: "signed-in", principalId: me.id } : { kind: "signed-out" });
    },
    [queryClient, utils],
  );
}

/**
 * After a change to the principal or their tenant (name, language, time zone, formats): re-reads `auth.me`,
 * so the whole app follows at once, and gives a translator in the language now in force, for the message
 * that confirms the change.
 */
export function useRefreshMe(): () => Promise<Translate> {
  const utils = trpc.useUtils();
  return useCallback(async () => {
    await utils.auth.me.invalidate();
    return createTranslator(utils.auth.me.getData()?.language ?? preferredLocale(navigator.languages));
  }, [utils]);
}

/**
 * The principal inside a guarded route, where it is known to be signed in. When the session ends, a page may
 * render once more before its guard takes it away (a context above it, the language, changed first): it
 * then gets the principal it was showing.
 */
export function useSignedInMe(): Me {
  const me = useMe().data;
  const shown = useRef(me);
  if (me) shown.current = me;
  if (!shown.current) throw new Error("useSignedInMe used outside RequireSession");
  return shown.current;
}

/** Whether the signed-in principal holds a permission: to hide what they may not do (the API refuses it anyway). */
export function useCan(): (permission: Permission) => boolean {
  const permissions = useSignedInMe().permissions;
  return useCallback((permission: Permission) => permissions.includes(permission), [permissions]);
}

export function RequireSession() {
  const { data: me, isPending, error, refetch, dataUpdatedAt } = useMe();
  const location = useLocation();
  if (isPending) return <PageLoader />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!me) {
    // Still rendering the page that is about to go: its forms' changes can be kept as drafts.
    if (signedInUntilNow()) noteSessionEnd(null);
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  sessionGoesOn(me, dataUpdatedAt);
  if (me.mustChangePassword && location.pathname !== "/change-password") return <Navigate to="/change-password" replace />;
  return <Outlet />;
}

export function RequireKind({ kind, children }: { kind: Me["kind"]; children: ReactNode }) {
  const me = useSignedInMe();
  if (me.kind !== kind) return <Navigate to="/" replace />;
  return children;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useSignedInMe();
  if (!me.permissions.includes(permission)) return <ForbiddenState />;
  return children;
}

/** How long the known open modules are used as is; a change made here (activate, subscribe) refreshes them at once. */
const MODULES_STALE_TIME = 60_000;

/** Which product modules are open to the workspace: one small query, for the navigation and the module guards. */
export function useModuleAccess() {
  return trpc.subscriptions.modules.useQuery(undefined, { staleTime: MODULES_STALE_TIME });
}

/**
 * A product module's page: shown while the module is open to the workspace; otherwise why it is closed (not
 * subscribed, ended, trial over, deactivated) and, for those who can act on it, a link to where it opens.
 */
export function RequireModule({ module, children }: { module: ProductModuleKey; children: ReactNode }) {
  const me = useSignedInMe();
  const { t } = useI18n();
  const access = useModuleAccess();
  if (access.error && !access.data) return <ErrorState error={access.error} onRetry={() => void access.refetch()} />;
  const decision = gateDecision(access.data, module, me.permissions);
  if (decision.state === "loading") return <PageLoader />;
  if (decision.state === "open") return children;
  const name = t(`productModule.${module}`);
  return (
    <ModuleClosedState
      title={t("moduleGate.title", { module: name })}
      message={t(`moduleGate.${decision.reason}`, { module: name })}
      link={decision.link && { to: decision.link.to, label: t(decision.link.label) }}
      hint={decision.link ? undefined : t("moduleGate.askAdmin")}
    />
  );
}
