// A user's own language, as a select: "the workspace's language" (no language of their own, stored as
// null) or one of the languages the app speaks.
import { languageOptions, type Option } from "../../app/locale-options.js";
import type { I18n } from "../../app/i18n/i18n-provider.js";

/** The select's value for "no language of their own": Mantine selects need a non-empty value. */
export const WORKSPACE_LANGUAGE = "workspace";

export function userLanguageOptions({ t, fmt, locale }: I18n, workspaceLanguage: string | undefined): Option[] {
  const workspace = workspaceLanguage ? fmt.languageName(workspaceLanguage) : "";
  return [{ value: WORKSPACE_LANGUAGE, label: t("users.languageWorkspace", { language: workspace }) }, ...languageOptions(locale)];
}

export function languageValue(language: string | null): string {
  return language ?? WORKSPACE_LANGUAGE;
}

export function languageInput(value: string): string | null {
  return value === WORKSPACE_LANGUAGE ? null : value;
}
