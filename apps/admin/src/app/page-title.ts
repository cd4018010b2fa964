// The document title: what a browser tab, the history and a screen reader announce for the page. It names
// the page first (what tells tabs apart), then the workspace, then the app, in the user's language:
// "Utilisateurs · Bistro Lumière · Tenancy". Every page sets it with usePageTitle.
import { useEffect } from "react";
import { useI18n } from "./i18n/i18n-provider.js";
import { useMe } from "./session.js";

export const TITLE_SEPARATOR = " · ";

/** The parts that say something, each once, whitespace tidied, joined by the separator. */
export function documentTitle(parts: readonly (string | null | undefined)[]): string {
  const kept: string[] = [];
  for (const part of parts) {
    const text = part?.replace(/\s+/g, " ").trim();
    if (text && !kept.includes(text)) kept.push(text);
  }
  return kept.join(TITLE_SEPARATOR);
}

/** Sets the document title for the page shown; `page` may be unknown while its data loads. */
export function usePageTitle(page: string | null | undefined): void {
  const { t } = useI18n();
  const workspace = useMe().data?.tenant?.name;
  const title = documentTitle([page, workspace, t("app.name")]);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
