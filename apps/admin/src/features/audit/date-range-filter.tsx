// The audit log's day range: two date inputs in the tenant's date format. A From after To is refused
// where it is typed (the field says why, with the other end's date) and not applied to the list.
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { TenantDateInput, useDateInputSettings } from "../../app/date-input.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { outOfOrder, type DayRange } from "./audit-filters.js";

interface DateRangeFilterProps extends DayRange {
  fromLabel: string;
  toLabel: string;
  /** Called with both ends once they are in order ("YYYY-MM-DD", or undefined for an open end). */
  onChange: (range: DayRange) => void;
  w?: number;
}

export function DateRangeFilter({ from, to, fromLabel, toLabel, onChange, w }: DateRangeFilterProps) {
  const { t } = useI18n();
  const { pattern } = useDateInputSettings();
  const [draft, setDraft] = useState<DayRange>({ from, to });
  const [refused, setRefused] = useState<keyof DayRange | null>(null);
  // The applied range (the address) wins whenever it changes: a cleared filter, a link followed.
  useEffect(() => {
    setDraft({ from, to });
    setRefused(null);
  }, [from, to]);

  const change = (end: keyof DayRange) => (value: string | null) => {
    const next = { ...draft, [end]: value ?? undefined };
    setDraft(next);
    if (outOfOrder(next)) {
      setRefused(end);
      return;
    }
    setRefused(null);
    if (next.from !== from || next.to !== to) onChange(next);
  };
  const shown = (day: string | undefined) => (day ? dayjs(day).format(pattern) : "");

  return (
    <>
      <TenantDateInput
        label={fromLabel}
        value={draft.from ?? null}
        onChange={change("from")}
        error={refused === "from" ? t("reference.date.fromAfterTo", { to: shown(draft.to) }) : undefined}
        w={w}
      />
      <TenantDateInput
        label={toLabel}
        value={draft.to ?? null}
        onChange={change("to")}
        error={refused === "to" ? t("reference.date.toBeforeFrom", { from: shown(draft.from) }) : undefined}
        w={w}
      />
    </>
  );
}
