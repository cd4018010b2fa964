// Which inbox the signed-in principal has: a tenant user's (`notifications.inbox`, `notifications.live`) or a
// platform admin's (`platform.notifications`). Both take and give the same contracts shapes, so the bell and
// the inbox page are one code over either; the principal's kind never changes while a page is mounted, so
// the hooks called stay the same from render to render.
import type { InboxItem } from "@tenancy/contracts";
import { useCallback } from "react";
import { useSignedInMe } from "../../app/session.js";
import { trpc } from "../../app/trpc.js";

export type Thread = InboxItem;

/** The inbox procedures of the signed-in principal (typed as the tenant's: the platform's have the same shapes). */
export function useInboxProcedures() {
  const me = useSignedInMe();
  return (me.kind === "platform_admin" ? trpc.platform.notifications.inbox : trpc.notifications.inbox) as typeof trpc.notifications.inbox;
}

export function useLiveProcedure() {
  const me = useSignedInMe();
  return (me.kind === "platform_admin" ? trpc.platform.notifications.live : trpc.notifications.live) as typeof trpc.notifications.live;
}

/** The preferences procedures of the signed-in principal (a platform admin's rules are named by key, not id). */
export function usePreferenceProcedures() {
  const me = useSignedInMe();
  return (me.kind === "platform_admin" ? trpc.platform.notifications.preferences : trpc.notifications.preferences) as typeof trpc.notifications.preferences;
}

/** Where the inbox page is for the signed-in principal. */
export function useInboxPath(): string {
  return useSignedInMe().kind === "platform_admin" ? "/platform/notifications" : "/t/notifications";
}

/** Refetches everything the inbox shows (lists, counts, threads), after a change made here or one the live stream told of. */
export function useRefreshInbox(): () => Promise<void> {
  const utils = trpc.useUtils();
  const me = useSignedInMe();
  return useCallback(async () => {
    if (me.kind === "platform_admin") await utils.platform.notifications.inbox.invalidate();
    else await utils.notifications.inbox.invalidate();
  }, [me.kind, utils]);
}
