// The app's providers: tRPC over React Query (the one client and cache of query-client.ts), i18n, and the
// design system with its labels translated.
import { QueryClientProvider } from "@tanstack/react-query";
import { UiProvider, type UiLabels } from "@tenancy/ui";
import { useMemo, type ReactNode } from "react";
import { I18nProvider, useI18n } from "./i18n/i18n-provider.js";
import { queryClient, trpcClient } from "./query-client.js";
import { trpc } from "./trpc.js";

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
