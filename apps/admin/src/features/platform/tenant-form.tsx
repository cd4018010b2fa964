// The tenant form, for creating (general information, localization, first admin) and for editing
// (the same without the admin). Validation is the contracts schema the caller passes in.
import { Button, PasswordInput, Select, Stack, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { FormActions, FormSection } from "@tenancy/ui";
import { useMemo, useRef, useState } from "react";
import { useForm } from "../../app/form.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import type { RouterInputs, RouterOutputs } from "../../app/trpc.js";
import type { FormErrors } from "../../app/zod-form.js";
import { countryDefaults, languageOptions, pickerTimeZone } from "../../app/locale-options.js";
import { CountrySelect, CurrencySelect, TimeZoneSelect } from "../../app/reference-selects.js";
import { suggestSlug } from "./slug.js";

export interface TenantFormValues {
  name: string;
  slug: string;
  legalName: string;
  contactEmail: string;
  phone: string;
  addressLine: string;
  city: string;
  postalCode: string;
  country: string;
  timeZone: string;
  currency: string;
  language: string;
  admin: { email: string; name: string; password: string };
}

export type TenantForm = UseFormReturnType<TenantFormValues>;

type Tenant = RouterOutputs["platform"]["tenants"]["get"];

export function emptyTenantValues(defaults: { timeZone: string; language: string }): TenantFormValues {
  return {
    name: "",
    slug: "",
    legalName: "",
    contactEmail: "",
    phone: "",
    addressLine: "",
    city: "",
    postalCode: "",
    country: "",
    timeZone: pickerTimeZone(defaults.timeZone),
    currency: "EUR",
    language: defaults.language,
    admin: { email: "", name: "", password: "" },
  };
}

export function tenantValues(tenant: Tenant): TenantFormValues {
  return {
    name: tenant.name,
    slug: tenant.slug,
    legalName: tenant.legalName ?? "",
    contactEmail: tenant.contactEmail,
    phone: tenant.phone ?? "",
    addressLine: tenant.addressLine ?? "",
    city: tenant.city ?? "",
    postalCode: tenant.postalCode ?? "",
    country: tenant.country,
    timeZone: pickerTimeZone(tenant.timeZone),
    currency: tenant.currency,
    language: tenant.language,
    admin: { email: "", name: "", password: "" },
  };
}

function tenantFields({ admin: _admin, ...fields }: TenantFormValues) {
  return fields;
}

export function toCreateInput(values: TenantFormValues): RouterInputs["platform"]["tenants"]["create"] {
  const { email, name, password } = values.admin;
  return { ...tenantFields(values), admin: { email, name, password: password === "" ? undefined : password } };
}

export function toUpdateInput(tenantId: string) {
  return (values: TenantFormValues): RouterInputs["platform"]["tenants"]["update"] => ({ tenantId, ...tenantFields(values) });
}

export interface TenantFormProps {
  mode: "create" | "edit";
  initialValues: TenantFormValues;
  validate: (values: TenantFormValues) => FormErrors;
  submitLabel: string;
  submitting: boolean;
  onSubmit: (values: TenantFormValues, form: TenantForm) => void;
  onCancel?: () => void;
}

export function TenantFormFields({ mode, initialValues, validate, submitLabel, submitting, onSubmit, onCancel }: TenantFormProps) {
  const { t, locale } = useI18n();
  const form = useForm<TenantFormValues>({ initialValues, validate });
  const [autoSlug, setAutoSlug] = useState(mode === "create");
  const languages = useMemo(() => languageOptions(locale), [locale]);
  // Picking a country proposes its currency and time zone, until the user picks one of those themselves.
  const chosen = useRef({ currency: false, timeZone: false });
  const pickCountry = (country: string | null) => {
    form.setFieldValue("country", country ?? "");
    const defaults = country ? countryDefaults(country) : {};
    if (defaults.currency && !chosen.current.currency) form.setFieldValue("currency", defaults.currency);
    if (defaults.timeZone && !chosen.current.timeZone) form.setFieldValue("timeZone", defaults.timeZone);
  };
  const pick = (field: "currency" | "timeZone") => (value: string | null) => {
    chosen.current[field] = true;
    form.setFieldValue(field, value ?? "");
  };

  return (
    <form onSubmit={form.onSubmit((values) => onSubmit(values, form))} noValidate>
      <Stack gap="lg">
        <FormSection title={t("tenant.section.general")}>
          <TextInput
            label={t("tenant.field.name")}
            required
            {...form.getInputProps("name")}
            onChange={(event) => {
              const name = event.currentTarget.value;
              form.setFieldValue("name", name);
              if (autoSlug) form.setFieldValue("slug", suggestSlug(name));
            }}
          />
          <TextInput
            label={t("tenant.field.slug")}
            description={t("tenant.field.slugHint")}
            required
            {...form.getInputProps("slug")}
            onChange={(event) => {
              setAutoSlug(false);
              form.setFieldValue("slug", event.currentTarget.value);
            }}
          />
          <TextInput label={t("tenant.field.legalName")} {...form.getInputProps("legalName")} />
          <TextInput label={t("tenant.field.contactEmail")} type="email" required {...form.getInputProps("contactEmail")} />
          <TextInput label={t("tenant.field.phone")} type="tel" {...form.getInputProps("phone")} />
          <TextInput label={t("tenant.field.addressLine")} {...form.getInputProps("addressLine")} />
          <TextInput label={t("tenant.field.city")} {...form.getInputProps("city")} />
          <TextInput label={t("tenant.field.postalCode")} {...form.getInputProps("postalCode")} />
          <CountrySelect label={t("tenant.field.country")} required {...form.getInputProps("country")} onChange={pickCountry} />
        </FormSection>

        <FormSection title={t("tenant.section.localization")} columns={3}>
          <TimeZoneSelect label={t("tenant.field.timeZone")} required {...form.getInputProps("timeZone")} onChange={pick("timeZone")} />
          <CurrencySelect label={t("tenant.field.currency")} required {...form.getInputProps("currency")} onChange={pick("currency")} />
          <Select
            label={t("tenant.field.language")}
            required
            allowDeselect={false}
            data={languages}
            {...form.getInputProps("language")}
          />
        </FormSection>

        {mode === "create" && (
          <FormSection title={t("tenant.section.admin")} description={t("tenant.section.adminHint")} columns={3}>
            <TextInput label={t("tenant.field.adminEmail")} type="email" required {...form.getInputProps("admin.email")} />
            <TextInput label={t("tenant.field.adminName")} required {...form.getInputProps("admin.name")} />
            <PasswordInput
              label={t("tenant.field.adminPassword")}
              description={t("tenant.field.adminPasswordHint")}
              autoComplete="new-password"
              {...form.getInputProps("admin.password")}
            />
          </FormSection>
        )}

        <FormActions>
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={submitting}>
              {t("common.cancel")}
            </Button>
          )}
          <Button type="submit" loading={submitting}>
            {submitLabel}
          </Button>
        </FormActions>
      </Stack>
    </form>
  );
}
