// The typed translator: `t(key, vars)` looks a message up in the language's catalog, picks the plural
// form by Intl.PluralRules when the message has one, and fills `{name}` placeholders (numbers are
// formatted for the locale). Keys and placeholder names are checked by the compiler against `en`.
import { en } from "./en.js";
import { fr } from "./fr.js";

export type Catalog = typeof en;
export type MessageKey = keyof Catalog;
export type PluralMessage = { readonly one: string; readonly other: string };
export type Message = string | PluralMessage;

type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;
type MessageVars<M> = M extends PluralMessage ? Placeholders<M["one"]> | Placeholders<M["other"]> | "count" : Placeholders<M>;
export type VarsOf<K extends MessageKey> = { [P in MessageVars<Catalog[K]>]: string | number };
export type TranslateArgs<K extends MessageKey> = [MessageVars<Catalog[K]>] extends [never] ? [] : [vars: VarsOf<K>];
/** Keys whose message has no placeholders, for tables of labels (navigation, ...). */
export type PlainMessageKey = { [K in MessageKey]: TranslateArgs<K> extends [] ? K : never }[MessageKey];
export type Translate = <K extends MessageKey>(key: K, ...args: TranslateArgs<K>) => string;

/** A catalog for another language: every key of `en`, plain or plural like the English one. */
export type Translation = { readonly [K in MessageKey]: Catalog[K] extends PluralMessage ? PluralMessage : string };

/** One area's messages in another language: the keys of its English section, plain or plural alike. */
export type Section<E> = { readonly [K in keyof E]: E[K] extends PluralMessage ? PluralMessage : string };

export const CATALOGS = { en, fr } satisfies Record<string, Translation>;
export type CatalogLanguage = keyof typeof CATALOGS;

/** The catalog language for a BCP 47 tag ("fr-CA" -> "fr"); English when we have no catalog for it. */
export function catalogLanguage(tag: string | null | undefined): CatalogLanguage {
  if (!tag) return "en";
  try {
    const language = new Intl.Locale(tag).language;
    return language in CATALOGS ? (language as CatalogLanguage) : "en";
  } catch {
    return "en";
  }
}

/** The first of the browser's preferred languages that has a catalog, keeping its region for formatting. */
export function preferredLocale(languages: readonly string[]): string {
  const supported = languages.find((tag) => {
    try {
      return new Intl.Locale(tag).language in CATALOGS;
    } catch {
      return false;
    }
  });
  return supported ?? "en";
}

export function formatMessage(template: string, vars: Record<string, string | number>, locale: string): string {
  const numbers = new Intl.NumberFormat(locale);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? numbers.format(value) : value;
  });
}

export function createTranslator(locale: string): Translate {
  const catalog: Translation = CATALOGS[catalogLanguage(locale)];
  const plurals = new Intl.PluralRules(locale);
  return ((key: MessageKey, vars: Record<string, string | number> = {}) => {
    const message: Message = catalog[key] ?? en[key];
    if (typeof message === "string") return formatMessage(message, vars, locale);
    const count = Number(vars.count ?? 0);
    const form = plurals.select(count) === "one" ? message.one : message.other;
    return formatMessage(form, vars, locale);
  }) as Translate;
}
