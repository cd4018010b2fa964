// The plan form, for a new plan (code, interval, name, prices, trial, limits, pricing model, change policy)
// and for a new version of one (the same terms, code and interval fixed, prefilled from the newest version).
// Prices are typed in major units per currency ("29.00 EUR", "1500 JPY") and sent as integer minor units;
// a price the currency cannot hold (negative, too many decimals, not a number) is refused here, in words.
import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { CreatePlanInput, currencyDigits, PlanChangePolicy, PlanInterval, PricingModel, SUPPORTED_LANGUAGES, type ModuleMetric, type PlanDto } from "@tenancy/contracts";
import { FormActions } from "@tenancy/ui";
import { useState } from "react";
import { useForm } from "../../app/form.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import type { Translate } from "../../app/i18n/translate.js";
import { CurrencySelect } from "../../app/reference-selects.js";
import { issuesToErrors, type FormErrors } from "../../app/zod-form.js";
import { emptyLocalized, localized, type Localized } from "./localized.js";
import { formatMajor, parseMajor, type ParsedPrice } from "./money-input.js";

export interface PriceRow {
  currency: string;
  amount: string;
}

export interface PlanFormValues {
  code: string;
  interval: "monthly" | "annual";
  name: Localized;
  prices: PriceRow[];
  trialDays: number | string;
  /** Metric key -> limit as typed; empty for no limit. */
  limits: Record<string, string>;
  pricingModel: "flat" | "per_user";
  changePolicy: "standard" | "immediate";
}

export type PlanForm = UseFormReturnType<PlanFormValues>;

export function emptyPlanValues(metrics: readonly ModuleMetric[]): PlanFormValues {
  return {
    code: "",
    interval: "monthly",
    name: emptyLocalized(),
    prices: [{ currency: "EUR", amount: "" }],
    trialDays: 0,
    limits: Object.fromEntries(metrics.map((metric) => [metric.key, ""])),
    pricingModel: "flat",
    changePolicy: "standard",
  };
}

export function planValues(plan: PlanDto, metrics: readonly ModuleMetric[]): PlanFormValues {
  return {
    code: plan.code,
    interval: plan.interval,
    name: { ...plan.name },
    prices: Object.entries(plan.prices).map(([currency, minor]) => ({ currency, amount: formatMajor(minor, currency) })),
    trialDays: plan.trialDays,
    limits: Object.fromEntries(metrics.map((metric) => [metric.key, plan.limits[metric.key] === undefined ? "" : String(plan.limits[metric.key])])),
    pricingModel: plan.pricingModel,
    changePolicy: plan.changePolicy,
  };
}

/** "29.00" in English, "29,00" in French: an example price with the currency's digits. */
function example(currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(29);
}

export function priceProblemText(t: Translate, parsed: Exclude<ParsedPrice, { ok: true }>, currency: string, locale: string): string {
  const vars = { currency, example: example(currency, locale) };
  switch (parsed.problem) {
    case "required":
      return t("platformPlan.price.required");
    case "notNumber":
      return t("platformPlan.price.notNumber", vars);
    case "negative":
      return t("platformPlan.price.negative");
    case "zero":
      return t("platformPlan.price.zero");
    case "tooManyDecimals":
      return parsed.digits === 0 ? t("platformPlan.price.noDecimals", vars) : t("platformPlan.price.tooManyDecimals", { ...vars, count: parsed.digits });
    case "tooLarge":
      return t("platformPlan.price.tooLarge");
  }
}

/** The plan's terms as the API takes them (prices that do not parse are left out: the form refuses them first). */
export function toPlanTerms(values: PlanFormValues) {
  const prices: Record<string, number> = {};
  for (const row of values.prices) {
    const parsed = parseMajor(row.amount, row.currency);
    if (parsed.ok) prices[row.currency] = parsed.minor;
  }
  const limits: Record<string, number> = {};
  for (const [key, text] of Object.entries(values.limits)) if (text.trim() !== "") limits[key] = Number(text.trim());
  return {
    name: values.name,
    prices,
    trialDays: values.trialDays === "" ? 0 : Number(values.trialDays),
    limits,
    pricingModel: values.pricingModel,
    changePolicy: values.changePolicy,
  };
}

/** Checks the form: prices per currency here, the rest with the contracts' CreatePlanInput. */
export function validatePlan(t: Translate, locale: string, moduleKey: string) {
  return (values: PlanFormValues): FormErrors => {
    const errors: FormErrors = {};
    if (values.prices.length === 0) errors.prices = t("platformPlan.price.none");
    values.prices.forEach((row, index) => {
      const parsed = parseMajor(row.amount, row.currency);
      if (!parsed.ok) errors[`prices.${index}.amount`] = priceProblemText(t, parsed, row.currency, locale);
    });
    for (const [key, text] of Object.entries(values.limits)) {
      if (text.trim() !== "" && !/^\d+$/.test(text.trim())) errors[`limits.${key}`] = t("platformPlan.limit.invalid");
    }
    const result = CreatePlanInput.safeParse({ moduleKey, code: values.code, interval: values.interval, ...toPlanTerms(values) });
    if (!result.success) {
      for (const [path, message] of Object.entries(issuesToErrors(result.error.issues, t))) {
        // A price's issue is on its currency; the form shows it on that currency's row.
        const [head, currency] = path.split(".");
        const row = head === "prices" && currency ? values.prices.findIndex((p) => p.currency === currency) : -1;
        const at = head === "prices" ? (row >= 0 ? `prices.${row}.amount` : "prices") : path;
        // "No price at all" only when no currency is listed: a listed one that does not parse has its own message.
        if (at === "prices" && values.prices.length > 0) continue;
        if (!(at in errors)) errors[at] = message;
      }
    }
    return errors;
  };
}

export interface PlanFormProps {
  mode: "create" | "version";
  metrics: readonly ModuleMetric[];
  initialValues: PlanFormValues;
  validate: (values: PlanFormValues) => FormErrors;
  submitLabel: string;
  submitting: boolean;
  onSubmit: (values: PlanFormValues, form: PlanForm) => void;
  onCancel: () => void;
}

export function PlanFormFields({ mode, metrics, initialValues, validate, submitLabel, submitting, onSubmit, onCancel }: PlanFormProps) {
  const { t, locale } = useI18n();
  const form = useForm<PlanFormValues>({ initialValues, validate });
  const [adding, setAdding] = useState<string | null>(null);
  const languageLabel = (field: string, language: string) => t("platformCatalog.inLanguage", { field, language: t(`platformCatalog.language.${language as "en"}`) });
  const addCurrency = () => {
    if (!adding || form.values.prices.some((row) => row.currency === adding)) return;
    form.insertListItem("prices", { currency: adding, amount: "" } satisfies PriceRow);
    form.clearFieldError("prices");
    setAdding(null);
  };

  return (
    <form onSubmit={form.onSubmit((values) => onSubmit(values, form))} noValidate>
      <Stack gap="md">
        <Group grow align="flex-start">
          <TextInput label={t("platformPlan.field.code")} description={t("platformPlan.field.codeHint")} required disabled={mode === "version"} {...form.getInputProps("code")} />
          <Select
            label={t("platformPlan.field.interval")}
            allowDeselect={false}
            disabled={mode === "version"}
            data={PlanInterval.options.map((value) => ({ value, label: t(`platformCatalog.interval.${value}`) }))}
            {...form.getInputProps("interval")}
          />
        </Group>
        <Group grow align="flex-start">
          {SUPPORTED_LANGUAGES.map((language) => (
            <TextInput key={language} label={languageLabel(t("platformPlan.field.name"), language)} required {...form.getInputProps(`name.${language}`)} />
          ))}
        </Group>

        <Stack gap="xs" data-testid="plan-prices">
          <Text fw={600} size="sm">{t("platformPlan.field.prices")}</Text>
          <Text c="dimmed" size="xs">{t("platformPlan.field.pricesHint")}</Text>
          {form.values.prices.map((row, index) => (
            <Group key={row.currency} align="flex-end" wrap="nowrap">
              <TextInput
                label={t("platformPlan.price.amount", { currency: row.currency })}
                inputMode="decimal"
                required
                rightSection={<Text size="xs" c="dimmed">{row.currency}</Text>}
                rightSectionWidth={48}
                style={{ flex: 1 }}
                {...form.getInputProps(`prices.${index}.amount`)}
              />
              <ActionIcon variant="subtle" color="red" size="lg" mb={2} aria-label={t("platformPlan.price.remove", { currency: row.currency })} onClick={() => form.removeListItem("prices", index)}>
                ×
              </ActionIcon>
            </Group>
          ))}
          {typeof form.errors.prices === "string" && (
            <Text c="red" size="sm" role="alert">
              {form.errors.prices}
            </Text>
          )}
          <Group align="flex-end">
            <CurrencySelect label={t("platformPlan.price.currency")} value={adding} onChange={setAdding} w={{ base: "100%", xs: 280 }} />
            <Button variant="light" onClick={addCurrency} disabled={!adding}>
              {t("platformPlan.price.add")}
            </Button>
          </Group>
        </Stack>

        <Group grow align="flex-start">
          <NumberInput label={t("platformPlan.field.trialDays")} description={t("platformPlan.field.trialDaysHint")} min={0} max={365} allowDecimal={false} allowNegative={false} {...form.getInputProps("trialDays")} />
          <Select
            label={t("platformPlan.field.pricingModel")}
            allowDeselect={false}
            data={PricingModel.options.map((value) => ({ value, label: t(`platformCatalog.pricingModel.${value}`) }))}
            {...form.getInputProps("pricingModel")}
          />
        </Group>
        <Select
          label={t("platformPlan.field.changePolicy")}
          allowDeselect={false}
          data={PlanChangePolicy.options.map((value) => ({ value, label: t(`platformCatalog.changePolicy.${value}`) }))}
          {...form.getInputProps("changePolicy")}
        />

        {metrics.length > 0 && (
          <Stack gap="xs">
            <Text fw={600} size="sm">{t("platformPlan.field.limits")}</Text>
            <Text c="dimmed" size="xs">{t("platformPlan.field.limitsHint")}</Text>
            <Group grow align="flex-start">
              {metrics.map((metric) => (
                <TextInput key={metric.key} label={localized(metric.name, locale)} inputMode="numeric" placeholder={t("platformPlans.noLimit")} {...form.getInputProps(`limits.${metric.key}`)} />
              ))}
            </Group>
          </Stack>
        )}

        <FormActions>
          <Button variant="default" onClick={onCancel} disabled={submitting}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={submitting}>
            {submitLabel}
          </Button>
        </FormActions>
      </Stack>
    </form>
  );
}
