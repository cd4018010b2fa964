// Puts the translator and the formatters in context. The language is the API's choice for the signed-in
// user (`me.language`); after their session ended behind their back, still theirs (the sign-in page says
// why in it); else the browser's. Time zone, currency and date/number formats are the tenant's.
// Form validation (Zod's locale and the contracts' messages) switches language with it.
import { createContext, useContext, useEffect, useMemo, type ReactNode } from "react";
import { useSessionEnd } from "../session-end.js";
import { useMe } from "../session.js";
import { setValidationLanguage } from "../zod-form.js";
import { browserTimeZone, createFormatters, type Formatters } from "./format.js";
import { createTranslator, preferredLocale, type Translate } from "./translate.js";

export interface I18n {
  locale: string;
  t: Translate;
  fmt: Formatters;
}

const I18nContext = createContext<I18n | null>(null);

const FALLBACK_CURRENCY = "USD";

export function I18nProvider({ children }: { children: ReactNode }) {
  const me = useMe().data;
  const ended = useSessionEnd();
  const locale = me?.language ?? ended?.language ?? preferredLocale(navigator.languages);
  const timeZone = me?.tenant?.timeZone ?? browserTimeZone();
  const currency = me?.tenant?.currency ?? FALLBACK_CURRENCY;
  const dateFormat = me?.tenant?.dateFormat;
  const numberFormat = me?.tenant?.numberFormat;

  const value = useMemo<I18n>(() => {
    // Before the children render: their forms validate in the same language as the rest of the page.
    setValidationLanguage(locale);
    return { locale, t: createTranslator(locale), fmt: createFormatters({ locale, timeZone, currency, dateFormat, numberFormat }) };
  }, [locale, timeZone, currency, dateFormat, numberFormat]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside I18nProvider");
  return value;
}
