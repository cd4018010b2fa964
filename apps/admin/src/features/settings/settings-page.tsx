// The tenant's settings in three sections, each saved on its own: general information, localization (the
// whole app follows it as soon as it is saved) and compliance (retention periods, privacy of the audit
// log and its exports). Each section is validated by the contracts' UpdateSettingsInput; a number typed out
// of range stays as typed, with an error, never rewritten. Unsaved changes survive the end of the session.
// A fourth section, for admins who manage subscriptions, sets the spending cap (usage.spendCap, decision 44).
import { Button, NumberInput, Select, Stack, Switch, Text, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { currencyDigits, SetSpendCapInput, UpdateSettingsInput, type Settings } from "@tenancy/contracts";
import { FormActions, FormSection, notifySuccess, PageHeader, PageLoader } from "@tenancy/ui";
import { useMemo, useRef, useState } from "react";
import { useKeepDraft } from "../../app/drafts.js";
import { useFeedback } from "../../app/feedback.js";
import { useForm } from "../../app/form.js";
import { createFormatters } from "../../app/i18n/format.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { countryDefaults, dateFormatOptions, languageOptions, numberFormatOptions } from "../../app/locale-options.js";
import { CountrySelect, CurrencySelect, TimeZoneSelect } from "../../app/reference-selects.js";
import { usePageTitle } from "../../app/page-title.js";
import { useCan, useRefreshMe, useSignedInMe } from "../../app/session.js";
import { ErrorState } from "../../app/states.js";
import { trpc, type RouterInputs } from "../../app/trpc.js";
import { zodResolver, type FormErrors } from "../../app/zod-form.js";
import {
  complianceValues, generalValues, spendCapAboveMax, spendCapToMinor, localizationValues, RETENTION_FIELDS, RETENTION_MAX_DAYS, retentionProblems, toComplianceInput, type ComplianceValues, type GeneralValues,
  type LocalizationValues,
} from "./settings-values.js";

type UpdateInput = RouterInputs["settings"]["update"];

export function SettingsPage() {
  const { t } = useI18n();
  usePageTitle(t("settings.title"));
  const query = trpc.settings.get.useQuery();
  return (
    <>
      <PageHeader title={t("settings.title")} description={t("settings.description")} />
      {query.isPending ? (
        <PageLoader />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <SettingsSections settings={query.data} />
      )}
    </>
  );
}

/**
 * The sections, with the localization form held here: picking a country in the general section proposes
 * its currency and time zone in the localization section, unless the user picked those themselves.
 */
function SettingsSections({ settings }: { settings: Settings }) {
  const localization = useForm<LocalizationValues>({ initialValues: localizationValues(settings), validate: zodResolver(UpdateSettingsInput) });
  const chosen = useRef({ currency: false, timeZone: false });
  const [proposedFor, setProposedFor] = useState<string | null>(null);
  const onCountryPicked = (country: string) => {
    const defaults = countryDefaults(country);
    const current = localization.getValues().localization;
    let proposed = false;
    if (defaults.currency && !chosen.current.currency && defaults.currency !== current.currency) {
      localization.setFieldValue("localization.currency", defaults.currency);
      proposed = true;
    }
    if (defaults.timeZone && !chosen.current.timeZone && defaults.timeZone !== current.timeZone) {
      localization.setFieldValue("localization.timeZone", defaults.timeZone);
      proposed = true;
    }
    if (proposed) setProposedFor(country);
  };
  return (
    <Stack maw={960} gap="lg">
      <GeneralSection settings={settings} onCountryPicked={onCountryPicked} />
      <LocalizationSection form={localization} chosen={chosen.current} proposedFor={proposedFor} />
      <ComplianceSection settings={settings} />
      <SpendCapSection />
    </Stack>
  );
}

/**
 * Saving one section: the server's answer becomes the cached settings and the form's new baseline, and
 * `auth.me` is re-read so names, language, time zone and formats change across the app at once.
 */
function useSaveSection<V extends object>(form: UseFormReturnType<V>, valuesOf: (settings: Settings) => V, draftKey: string) {
  const feedback = useFeedback();
  const { t: translate } = useI18n();
  useKeepDraft(form, draftKey, useSignedInMe().id, () => notifySuccess(translate("drafts.restored")));
  const utils = trpc.useUtils();
  const refreshMe = useRefreshMe();
  const save = trpc.settings.update.useMutation({
    onSuccess: async (updated) => {
      utils.settings.get.setData(undefined, updated);
      const next = valuesOf(updated);
      form.setValues(next);
      form.resetDirty(next);
      const t = await refreshMe();
      feedback.success(t("settings.saved"));
    },
    onError: (error) => feedback.error(error, form),
  });
  return { save: (input: UpdateInput) => save.mutate(input), saving: save.isPending };
}

function SaveButton({ form, saving }: { form: { isDirty: () => boolean }; saving: boolean }) {
  const { t } = useI18n();
  return (
    <FormActions>
      <Button type="submit" loading={saving} disabled={!form.isDirty()}>
        {t("common.save")}
      </Button>
    </FormActions>
  );
}

function GeneralSection({ settings, onCountryPicked }: { settings: Settings; onCountryPicked: (country: string) => void }) {
  const { t } = useI18n();
  const form = useForm<GeneralValues>({ initialValues: generalValues(settings), validate: zodResolver(UpdateSettingsInput) });
  const { save, saving } = useSaveSection(form, generalValues, "settings.general");
  return (
    <form onSubmit={form.onSubmit((values) => save(values))} noValidate>
      <FormSection title={t("tenant.section.general")} footer={<SaveButton form={form} saving={saving} />}>
        <TextInput label={t("tenant.field.name")} required {...form.getInputProps("general.name")} />
        <TextInput label={t("tenant.field.slug")} description={t("settings.slugHint")} value={settings.general.slug} readOnly variant="filled" />
        <TextInput label={t("tenant.field.legalName")} {...form.getInputProps("general.legalName")} />
        <TextInput label={t("tenant.field.contactEmail")} type="email" required {...form.getInputProps("general.contactEmail")} />
        <TextInput label={t("tenant.field.phone")} type="tel" {...form.getInputProps("general.phone")} />
        <TextInput label={t("tenant.field.addressLine")} {...form.getInputProps("general.addressLine")} />
        <TextInput label={t("tenant.field.city")} {...form.getInputProps("general.city")} />
        <TextInput label={t("tenant.field.postalCode")} {...form.getInputProps("general.postalCode")} />
        <CountrySelect
          label={t("tenant.field.country")}
          required
          {...form.getInputProps("general.country")}
          onChange={(country) => {
            form.setFieldValue("general.country", country ?? "");
            if (country) onCountryPicked(country);
          }}
        />
      </FormSection>
    </form>
  );
}

const PREVIEW_DATE = new Date("2025-03-31T14:30:00Z");

interface LocalizationSectionProps {
  form: UseFormReturnType<LocalizationValues>;
  /** Set once the user picks a currency or time zone: a country picked later no longer changes it. */
  chosen: { currency: boolean; timeZone: boolean };
  /** The country whose currency and time zone were just proposed, for the note that says so. */
  proposedFor: string | null;
}

function LocalizationSection({ form, chosen, proposedFor }: LocalizationSectionProps) {
  const { t, locale, fmt } = useI18n();
  const { save, saving } = useSaveSection(form, localizationValues, "settings.localization");
  const options = useMemo(
    () => ({
      languages: languageOptions(locale),
      dateFormats: dateFormatOptions(locale, (example) => t("settings.format.locale", { example })),
      numberFormats: numberFormatOptions(locale, (example) => t("settings.format.locale", { example })),
    }),
    [locale, t],
  );
  const values = form.values.localization;
  const preview = useMemo(() => {
    try {
      return createFormatters({ locale: values.language, timeZone: values.timeZone, currency: values.currency, dateFormat: values.dateFormat, numberFormat: values.numberFormat });
    } catch {
      return null;
    }
  }, [values.language, values.timeZone, values.currency, values.dateFormat, values.numberFormat]);

  return (
    <form onSubmit={form.onSubmit((submitted) => save(submitted))} noValidate>
      <FormSection
        title={t("tenant.section.localization")}
        description={t("settings.localizationHint")}
        footer={
          <>
            {proposedFor && form.isDirty() && (
              <Text size="sm" mt="md" c="dimmed" data-testid="localization-proposal">
                {t("reference.proposedForCountry", { country: fmt.regionName(proposedFor) })}
              </Text>
            )}
            {preview && (
              <Text size="sm" mt="md" data-testid="localization-preview">
                {t("settings.preview", { date: preview.dateTime(PREVIEW_DATE), amount: preview.money(123456) })}
              </Text>
            )}
            <SaveButton form={form} saving={saving} />
          </>
        }
      >
        <Select
          label={t("tenant.field.language")}
          description={t("settings.languageHint")}
          required
          allowDeselect={false}
          data={options.languages}
          {...form.getInputProps("localization.language")}
        />
        <TimeZoneSelect
          label={t("tenant.field.timeZone")}
          required
          {...form.getInputProps("localization.timeZone")}
          onChange={(zone) => {
            chosen.timeZone = true;
            form.setFieldValue("localization.timeZone", zone ?? "");
          }}
        />
        <CurrencySelect
          label={t("tenant.field.currency")}
          required
          {...form.getInputProps("localization.currency")}
          onChange={(currency) => {
            chosen.currency = true;
            form.setFieldValue("localization.currency", currency ?? "");
          }}
        />
        <Select label={t("settings.dateFormat")} required allowDeselect={false} data={options.dateFormats} {...form.getInputProps("localization.dateFormat")} />
        <Select label={t("settings.numberFormat")} required allowDeselect={false} data={options.numberFormats} {...form.getInputProps("localization.numberFormat")} />
      </FormSection>
    </form>
  );
}

function ComplianceSection({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const schemaErrors = zodResolver<ComplianceValues>(UpdateSettingsInput, toComplianceInput);
  const form = useForm<ComplianceValues>({
    initialValues: complianceValues(settings),
    validate: (values): FormErrors => {
      const errors = schemaErrors(values);
      for (const problem of retentionProblems(values)) {
        errors[`compliance.${problem.field}`] =
          problem.kind === "required"
            ? t("settings.retention.required")
            : problem.kind === "belowMin"
              ? t("settings.retention.belowMin", { min: problem.min })
              : t("settings.retention.aboveMax", { max: problem.max });
      }
      return errors;
    },
    validateInputOnBlur: RETENTION_FIELDS.map(({ field }) => `compliance.${field}`),
  });
  const { save, saving } = useSaveSection(form, complianceValues, "settings.compliance");
  return (
    <form onSubmit={form.onSubmit((values) => save(toComplianceInput(values)))} noValidate>
      <FormSection
        title={t("settings.section.compliance")}
        description={t("settings.complianceHint")}
        columns={3}
        footer={
          <Stack gap="sm" mt="md">
            <Switch
              label={t("settings.keepAuditIpAndUserAgent")}
              description={t("settings.keepAuditIpAndUserAgentHint")}
              {...form.getInputProps("compliance.keepAuditIpAndUserAgent", { type: "checkbox" })}
            />
            <Switch
              label={t("settings.maskPersonalDataInExports")}
              description={t("settings.maskPersonalDataInExportsHint")}
              {...form.getInputProps("compliance.maskPersonalDataInExports", { type: "checkbox" })}
            />
            <SaveButton form={form} saving={saving} />
          </Stack>
        }
      >
        {RETENTION_FIELDS.map(({ field, min, label }) => (
          <NumberInput
            key={field}
            label={t(label)}
            description={t("settings.retention.range", { min, max: RETENTION_MAX_DAYS })}
            suffix={` ${t("settings.retention.days")}`}
            required
            min={min}
            max={RETENTION_MAX_DAYS}
            clampBehavior="none"
            step={1}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps(`compliance.${field}`)}
          />
        ))}
      </FormSection>
    </form>
  );
}

interface SpendCapValues {
  /** In major units of the cap's currency (500.00), as typed; "" for no cap. */
  cap: number | "";
}

const toMajor = (cap: number | null, currency: string): number | "" => (cap === null ? "" : cap / 10 ** currencyDigits(currency));

/** The spending cap: shown to those who manage subscriptions (who alone may change it). */
function SpendCapSection() {
  const can = useCan();
  if (!can("subscriptions.manage") || !can("billing.read")) return null;
  return <SpendCapLoader />;
}

function SpendCapLoader() {
  const query = trpc.usage.spendCap.get.useQuery();
  if (query.isPending) return <PageLoader />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <SpendCapForm key={`${query.data.cap}-${query.data.currency}`} cap={query.data.cap} currency={query.data.currency} spend={query.data.spend} />;
}

function SpendCapForm({ cap, currency, spend }: { cap: number | null; currency: string; spend: number }) {
  const { t, fmt } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const toInput = (values: SpendCapValues) => ({ cap: spendCapToMinor(values.cap, currency), currency });
  const validateInput = zodResolver<SpendCapValues>(SetSpendCapInput, toInput);
  const form = useForm<SpendCapValues>({
    initialValues: { cap: toMajor(cap, currency) },
    validate: (values) => {
      const max = spendCapAboveMax(values.cap, currency);
      return max === null ? validateInput(values) : { cap: t("spendCap.tooLarge", { maximum: fmt.money(max, currency) }) };
    },
  });
  const save = trpc.usage.spendCap.set.useMutation({
    onSuccess: (updated) => {
      utils.usage.spendCap.get.setData(undefined, updated);
      feedback.success(t(updated.cap === null ? "spendCap.removed" : "spendCap.saved"));
    },
    onError: (error) => feedback.error(error, form),
  });
  const digits = currencyDigits(currency);
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(toInput(values)))} noValidate>
      <FormSection
        title={t("spendCap.title")}
        description={t("spendCap.description")}
        footer={
          <Stack gap="xs" mt="md">
            <Text size="sm" data-testid="spend-cap-status">
              {cap === null ? t("spendCap.none") : t("spendCap.current", { cap: fmt.money(cap, currency) })} {t("spendCap.spent", { spend: fmt.money(spend, currency) })}
            </Text>
            <SaveButton form={form} saving={save.isPending} />
          </Stack>
        }
      >
        <NumberInput
          label={t("spendCap.field")}
          description={t("spendCap.fieldHint", { currency: fmt.currencyName(currency) })}
          suffix={` ${currency}`}
          min={0}
          clampBehavior="none"
          decimalScale={digits}
          allowDecimal={digits > 0}
          allowNegative={false}
          {...form.getInputProps("cap")}
        />
      </FormSection>
    </form>
  );
}
