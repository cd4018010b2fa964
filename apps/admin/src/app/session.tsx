// The signed-in principal (`auth.me`) and the route guards built on it: signed in, password changed,
// the right kind of principal, and a permission.
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { Me, Permission } from "@tenancy/contracts";
import { clearNotifications, PageLoader } from "@tenancy/ui";
import { useCallback, type ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { createTranslator, preferredLocale, type Translate } from "./i18n/translate.js";
import { ErrorState, ForbiddenState } from "./states.js";
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
      queryClient.removeQueries({ predicate: (query) => !isMeQuery(query.queryKey) });
      clearNotifications();
      utils.auth.me.setData(undefined, me);
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

/** The principal inside a guarded route, where it is known to be signed in. */
export function useSignedInMe(): Me {
  const me = useMe().data;
  if (!me) throw new Error("useSignedInMe used outside RequireSession");
  return me;
}

/** Whether the signed-in principal holds a permission: to hide what they may not do (the API refuses it anyway). */
export function useCan(): (permission: Permission) => boolean {
  const permissions = useSignedInMe().permissions;
  return useCallback((permission: Permission) => permissions.includes(permission), [permissions]);
}

export function RequireSession() {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <PageLoader />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
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
