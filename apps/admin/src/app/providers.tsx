// The app's providers: tRPC over React Query (batched HTTP to /trpc with superjson and the session
// cookie), i18n, and the design system with its labels translated.
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { UiProvider, type UiLabels } from "@tenancy/ui";
import { httpBatchLink } from "@trpc/client";
import { useMemo, useState, type ReactNode } from "react";
import superjson from "superjson";
import { I18nProvider, useI18n } from "./i18n/i18n-provider.js";
import { isRetryable, readServerError, SESSION_ERROR_CODES } from "./server-error.js";
import { isMeQuery, ME_QUERY_KEY } from "./session.js";
import { trpc } from "./trpc.js";

function createQueryClient(): QueryClient {
  // When any call says the session ended or must change, re-read `auth.me`; the route guards follow it.
  const onError = (error: unknown) => {
    const { code } = readServerError(error, "");
    if (code && SESSION_ERROR_CODES.has(code)) void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
  };
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

function TranslatedUi({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const labels = useMemo<UiLabels>(
    () => ({
      retry: t("common.retry"),
      loadMore: t("common.loadMore"),
      cancel: t("common.cancel"),
      confirm: t("common.confirm"),
      copy: t("common.copy"),
      copied: t("common.copied"),
      errorTitle: t("errors.title"),
      toggleNavigation: t("nav.toggle"),
      close: t("common.close"),
      skipToContent: t("nav.skipToContent"),
    }),
    [t],
  );
  return <UiProvider labels={labels}>{children}</UiProvider>;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() =>
    trpc.createClient({
      links: [
        httpBatchLink({
          url: "/trpc",
          transformer: superjson,
          fetch: (input, init) => fetch(input, { ...init, credentials: "include" }),
        }),
      ],
    }),
  );
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <TranslatedUi>{children}</TranslatedUi>
        </I18nProvider>
      </QueryClientProvider>
    </trpc.Provider>
  );
}
