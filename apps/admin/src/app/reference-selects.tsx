// The searchable pickers for a tenant's country, time zone and currency: Mantine Selects over the
// contracts' reference lists, named in the viewer's language. Typing filters without regard to case or
// accents, finds a time zone by its former names and cities ("Kiev", "Saigon"), and Enter takes the best
// match ("Germ" + Enter picks Germany). Each takes the usual Select props (label, value, onChange, error).
import { Select, Stack, Text, type ComboboxItem, type ComboboxParsedItem, type SelectProps } from "@mantine/core";
import { useMemo } from "react";
import { useI18n } from "./i18n/i18n-provider.js";
import { countryOptions, currencyOptions, filterOptions, timeZoneOptions, type SearchableOption } from "./locale-options.js";

type PickerProps = Omit<SelectProps, "data" | "filter" | "searchable">;

const isItem = (item: ComboboxParsedItem): item is ComboboxItem => "value" in item;

function SearchableSelect({ options, renderDescription, ...props }: PickerProps & { options: SearchableOption[]; renderDescription?: (option: SearchableOption) => string | undefined }) {
  const { t } = useI18n();
  const byValue = useMemo(() => new Map(options.map((option) => [option.value, option])), [options]);
  return (
    <Select
      searchable
      allowDeselect={false}
      selectFirstOptionOnChange
      nothingFoundMessage={t("common.nothingFound")}
      maxDropdownHeight={320}
      {...props}
      data={options}
      filter={({ options: items, search }) => {
        const list = items.filter(isItem).map((item) => byValue.get(item.value)).filter((option): option is SearchableOption => option !== undefined);
        return filterOptions(list, search);
      }}
      renderOption={
        renderDescription
          ? ({ option }) => {
              const full = byValue.get(option.value);
              const description = full ? renderDescription(full) : undefined;
              return (
                <Stack gap={0}>
                  <Text size="sm">{option.label}</Text>
                  {description && (
                    // Not dimmed: the highlighted option's background would take it below the contrast bar.
                    <Text size="xs" c="inherit">
                      {description}
                    </Text>
                  )}
                </Stack>
              );
            }
          : undefined
      }
    />
  );
}

export function CountrySelect(props: PickerProps) {
  const { locale } = useI18n();
  const options = useMemo(() => countryOptions(locale), [locale]);
  return <SearchableSelect options={options} {...props} />;
}

export function TimeZoneSelect(props: PickerProps) {
  const { t } = useI18n();
  // The offsets are today's: computed once per form, they follow daylight saving time as it changes.
  const options = useMemo(() => timeZoneOptions(), []);
  return <SearchableSelect options={options} renderDescription={(option) => option.description && t("reference.timeZone.alsoKnownAs", { names: option.description })} {...props} />;
}

export function CurrencySelect(props: PickerProps) {
  const { locale } = useI18n();
  const options = useMemo(() => currencyOptions(locale), [locale]);
  return <SearchableSelect options={options} {...props} />;
}
