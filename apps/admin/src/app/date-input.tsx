// The app's date input: Mantine's DateInput (with dayjs) instead of the browser's native one, whose order
// follows the browser's settings. Dates are typed and shown in the tenant's date format (or the language's
// numeric order when the tenant keeps the default), the calendar speaks the user's language (French month
// names) and starts the week on the region's first day. Values are calendar dates, "YYYY-MM-DD".
import "@mantine/dates/styles.css";
import { DateInput, DatesProvider, type DateInputProps } from "@mantine/dates";
import dayjs from "dayjs";
import "dayjs/locale/fr";
import customParseFormat from "dayjs/plugin/customParseFormat";
import { useMemo } from "react";
import { dateInputPattern, firstDayOfWeek } from "./i18n/format.js";
import { useI18n } from "./i18n/i18n-provider.js";
import { catalogLanguage } from "./i18n/translate.js";

dayjs.extend(customParseFormat);

/** Parses what was typed, strictly, in `pattern` or its unpadded form ("1/3/2025" as well as "01/03/2025"). */
export function parseTypedDate(text: string, pattern: string, language: string): string | null {
  const value = text.trim();
  for (const candidate of [pattern, pattern.replace("DD", "D").replace("MM", "M")]) {
    const parsed = dayjs(value, candidate, language, true);
    if (parsed.isValid()) return parsed.format("YYYY-MM-DD");
  }
  return null;
}

/** The pattern and calendar settings of the date inputs for the signed-in user and tenant. */
export function useDateInputSettings() {
  const { locale, fmt } = useI18n();
  return useMemo(() => {
    const pattern = dateInputPattern(locale, fmt.dateFormat);
    return { pattern, language: catalogLanguage(locale), firstDayOfWeek: firstDayOfWeek(locale) };
  }, [locale, fmt.dateFormat]);
}

export type TenantDateInputProps = Omit<DateInputProps, "valueFormat" | "dateParser" | "locale">;

export function TenantDateInput(props: TenantDateInputProps) {
  const { t } = useI18n();
  const { pattern, language, firstDayOfWeek: firstDay } = useDateInputSettings();
  return (
    // No weekend colouring: Mantine's red weekend days fall below the contrast bar on white.
    <DatesProvider settings={{ locale: language, firstDayOfWeek: firstDay, weekendDays: [] }}>
      <DateInput
        valueFormat={pattern}
        dateParser={(text) => parseTypedDate(text, pattern, language)}
        placeholder={pattern.replaceAll(/[[\]]/g, "")}
        clearable
        // Days of the next and previous months would be shown greyed, below the contrast bar: left out.
        hideOutsideDates
        clearButtonProps={{ "aria-label": t("reference.date.clear") }}
        ariaLabels={{
          previousMonth: t("reference.date.previousMonth"),
          nextMonth: t("reference.date.nextMonth"),
          previousYear: t("reference.date.previousYear"),
          nextYear: t("reference.date.nextYear"),
          previousDecade: t("reference.date.previousDecade"),
          nextDecade: t("reference.date.nextDecade"),
        }}
        {...props}
      />
    </DatesProvider>
  );
}
