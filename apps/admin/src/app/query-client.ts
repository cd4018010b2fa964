// The app's one query cache and tRPC client (batched HTTP to /trpc with superjson and the session cookie,
// subscriptions over SSE),
// made once at start-up: the providers hand them to React, and the router's loaders use them to start a
// page's first query alongside `auth.me` instead of after it (prefetch.ts).
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import type { Me } from "@tenancy/contracts";
import { httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCQueryUtils } from "@trpc/react-query";
import superjson from "superjson";
import { errorCodeOf, isRetryable, SESSION_ERROR_CODES } from "./server-error.js";
import { noteSessionEnd, onAnnouncement, sessionEndReasonOf } from "./session-end.js";
import { isMeQuery, ME_QUERY_KEY } from "./session.js";
import { trpc } from "./trpc.js";

function createQueryClient(): QueryClient {
  // When any call says the session ended or must change, re-read `auth.me`; the route guards follow it.
  // An end is noted first, with the server's reason, while the page and its forms are still there.
  // Only while someone is signed in: a page's query started beside a first `auth.me` (prefetch.ts) fails
  // for a signed-out visitor too, and `auth.me` is then on its way already.
  const onError = (error: unknown) => {
    const code = errorCodeOf(error);
    if (!code || !SESSION_ERROR_CODES.has(code) || !signedIn()) return;
    const ended = sessionEndReasonOf(error);
    if (ended) noteSessionEnd(ended);
    void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
  };
  const signedIn = () => queryClient.getQueriesData({ queryKey: ME_QUERY_KEY }).some(([, me]) => me != null);
  const forgetPages = () => queryClient.removeQueries({ predicate: (query) => !isMeQuery(query.queryKey) });
  // Another tab of the app signed out (this tab's session is gone with it: they share the cookie) or signed
  // someone in (this tab now acts as them): follow at once rather than on the next failed call.
  onAnnouncement((message) => {
    if (message.kind === "signed-out") {
      if (!signedIn()) return;
      noteSessionEnd("signed_out");
      forgetPages();
      queryClient.setQueriesData({ queryKey: ME_QUERY_KEY }, null);
    } else if (!queryClient.getQueriesData<Me | null>({ queryKey: ME_QUERY_KEY }).some(([, me]) => me?.id === message.principalId)) {
      forgetPages();
      void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    }
  });
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => !isMeQuery(query.queryKey) && onError(error) }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 2 && isRetryable(error),
        refetchOnWindowFocus: false,
        staleTime: 15_000,
      },
    },
  });
  return queryClient;
}

export const queryClient = createQueryClient();

export const trpcClient = trpc.createClient({
  links: [
    // Subscriptions (the bell, the inbox, live events) over Server-Sent Events: the browser's EventSource
    // reconnects by itself and sends the last event id, from which the server resumes.
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({ url: "/trpc", transformer: superjson, eventSourceOptions: () => ({ withCredentials: true }) }),
      false: httpBatchLink({
        url: "/trpc",
        transformer: superjson,
        fetch: (input, init) => fetch(input, { ...init, credentials: "include" }),
      }),
    }),
  ],
});

/** tRPC's query helpers outside React (`prefetch`, `getData`), over the same cache and client. */
export const trpcUtils = createTRPCQueryUtils({ queryClient, client: trpcClient });
