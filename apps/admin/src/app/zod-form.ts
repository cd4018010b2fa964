// Validates a @mantine/form form with a contracts Zod schema, so the browser checks input exactly as the
// API will, and words every problem in the user's language: the contracts' own messages are keys
// (`validation.<key>` in the catalog), Zod's built-in checks speak through Zod's locale for that language.
// `prepare` turns the form's values (all strings) into the schema's input shape first.
//
// Like Zod's own `z.config`, the validation language is global: the I18nProvider sets it with
// `setValidationLanguage` whenever the UI language changes, so every resolver made anywhere follows it.
import { isMessageKey, issueParams, type MessageKey } from "@tenancy/contracts";
import { z } from "zod";
import { en as zodEn, fr as zodFr } from "zod/locales";
import { catalogLanguage, createTranslator, type CatalogLanguage, type MessageKey as CatalogKey, type Translate } from "./i18n/translate.js";

export type FormErrors = Record<string, string>;

const ZOD_LOCALES: Record<CatalogLanguage, () => { localeError: z.core.$ZodErrorMap }> = { en: zodEn, fr: zodFr };

let translate: Translate = createTranslator("en");

/** Switches the words of validation (Zod's locale and the contracts' messages) to the UI's language. */
export function setValidationLanguage(locale: string): void {
  z.config(ZOD_LOCALES[catalogLanguage(locale)]());
  translate = createTranslator(locale);
}

/** A contracts message in the user's language. */
export function validationMessage(t: Translate, key: MessageKey, params: Record<string, string | number>): string {
  return (t as (key: CatalogKey, vars: Record<string, string | number>) => string)(`validation.${key}`, params);
}

/** A problem the server reported (see contracts' ErrorIssue), in the language validation speaks now. */
export interface IssueData {
  code?: unknown;
  message?: unknown;
  key?: unknown;
  params?: unknown;
}

export function serverIssueMessage(t: Translate, issue: IssueData): string | null {
  const params = typeof issue.params === "object" && issue.params !== null ? (issue.params as Record<string, unknown>) : {};
  if (isMessageKey(issue.key)) {
    const vars: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(params)) if (typeof value === "string" || typeof value === "number") vars[name] = value;
    return validationMessage(t, issue.key, vars);
  }
  if (typeof issue.code !== "string") return null;
  // Zod's locales name the received type from the input, which the server does not send back.
  if (issue.code === "invalid_type") return t("validation.invalidType");
  const worded = z.config().localeError?.({ ...params, code: issue.code, path: [], input: undefined } as never);
  const text = typeof worded === "string" ? worded : worded?.message;
  return text ?? null;
}

/** Zod issues as `{ "admin.password": "message" }`, the first message per field, paths as @mantine/form names them. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[], t: Translate = translate): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    if (!(path in errors)) errors[path] = isMessageKey(issue.message) ? validationMessage(t, issue.message, issueParams(issue)) : issue.message;
  }
  return errors;
}

export function zodResolver<Values>(schema: z.ZodType, prepare: (values: Values) => unknown = (values) => values) {
  return (values: Values): FormErrors => {
    const result = schema.safeParse(prepare(values));
    return result.success ? {} : issuesToErrors(result.error.issues);
  };
}
