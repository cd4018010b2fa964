// The signed-in platform admin's own profile: their name, the language of the platform area (their own, or
// their browser's) and their password (with the current one; their other sessions end). After a save the
// whole area follows at once (header name, language).
import { Button, Card, PasswordInput, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { ChangePasswordInput, PASSWORD_MIN, SUPPORTED_LANGUAGES, UpdatePlatformProfileInput } from "@tenancy/contracts";
import { FormActions, PageHeader, PageLoader } from "@tenancy/ui";
import { useMemo } from "react";
import { useFeedback } from "../../app/feedback.js";
import { useForm } from "../../app/form.js";
import { useI18n, type I18n } from "../../app/i18n/i18n-provider.js";
import { preferredLocale } from "../../app/i18n/translate.js";
import { usePageTitle } from "../../app/page-title.js";
import { useRefreshMe } from "../../app/session.js";
import { ErrorState } from "../../app/states.js";
import { trpc, type RouterInputs, type RouterOutputs } from "../../app/trpc.js";
import { zodResolver, type FormErrors } from "../../app/zod-form.js";

type Profile = RouterOutputs["platform"]["profile"]["get"];

/** The select's value for "no language of my own": Mantine selects need a non-empty value. */
export const BROWSER_LANGUAGE = "browser";

export interface ProfileValues {
  name: string;
  language: string;
}

export const profileValues = (profile: Pick<Profile, "name" | "language">): ProfileValues => ({
  name: profile.name,
  language: profile.language ?? BROWSER_LANGUAGE,
});

/** Only what changed, as the API takes it: the browser's language is `null`. */
export const toProfileInput =
  (before: ProfileValues) =>
  (values: ProfileValues): RouterInputs["platform"]["profile"]["update"] => ({
    ...(values.name.trim() !== before.name ? { name: values.name } : {}),
    ...(values.language !== before.language ? { language: values.language === BROWSER_LANGUAGE ? null : (values.language as "en" | "fr") } : {}),
  });

/** "My browser's language (English)", then each language the area speaks, named in itself (English, Français). */
export function platformLanguageOptions({ t, fmt }: Pick<I18n, "t" | "fmt">, browserLanguages: readonly string[]) {
  const browser = fmt.languageName(preferredLocale(browserLanguages));
  const ownName = (tag: string) => {
    const name = new Intl.DisplayNames([tag], { type: "language" }).of(tag) ?? tag;
    return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  };
  return [{ value: BROWSER_LANGUAGE, label: t("platformProfile.languageBrowser", { language: browser }) }, ...SUPPORTED_LANGUAGES.map((tag) => ({ value: tag, label: ownName(tag) }))];
}

export function PlatformProfilePage() {
  const { t } = useI18n();
  usePageTitle(t("platformProfile.title"));
  const query = trpc.platform.profile.get.useQuery();
  return (
    <>
      <PageHeader title={t("platformProfile.title")} description={t("platformProfile.description")} />
      {query.isPending ? (
        <PageLoader />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack maw={640} gap="lg">
          <ProfileForm key={`${query.data.name}|${query.data.language}`} profile={query.data} />
          <PasswordForm />
        </Stack>
      )}
    </>
  );
}

function ProfileForm({ profile }: { profile: Profile }) {
  const i18n = useI18n();
  const { t } = i18n;
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const refreshMe = useRefreshMe();
  const initial = profileValues(profile);
  const prepare = toProfileInput(initial);
  const form = useForm<ProfileValues>({ initialValues: initial, validate: zodResolver(UpdatePlatformProfileInput, prepare) });
  const languages = useMemo(() => platformLanguageOptions(i18n, navigator.languages), [i18n]);

  const update = trpc.platform.profile.update.useMutation({
    onSuccess: async (updated) => {
      utils.platform.profile.get.setData(undefined, updated);
      const tNow = await refreshMe();
      feedback.success(tNow("platformProfile.saved"));
    },
    onError: (error) => feedback.error(error, form),
  });

  return (
    <Card withBorder padding="lg">
      <form onSubmit={form.onSubmit((values) => update.mutate(prepare(values)))} noValidate>
        <Stack>
          <TextInput label={t("common.email")} value={profile.email} readOnly variant="filled" description={t("platformProfile.emailHint")} />
          <TextInput label={t("common.name")} required autoComplete="name" {...form.getInputProps("name")} />
          <Select
            label={t("platformProfile.language")}
            description={t("platformProfile.languageHint")}
            allowDeselect={false}
            data={languages}
            {...form.getInputProps("language")}
          />
          <FormActions>
            <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
              {t("common.save")}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Card>
  );
}

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const EMPTY_PASSWORDS: PasswordValues = { currentPassword: "", newPassword: "", confirmPassword: "" };

function PasswordForm() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const schemaErrors = zodResolver<PasswordValues>(ChangePasswordInput, ({ currentPassword, newPassword }) => ({ currentPassword, newPassword }));
  const form = useForm<PasswordValues>({
    initialValues: EMPTY_PASSWORDS,
    validate: (values): FormErrors => {
      const errors = schemaErrors(values);
      if (values.confirmPassword !== values.newPassword) errors.confirmPassword = t("password.mismatch");
      return errors;
    },
  });
  const change = trpc.auth.changePassword.useMutation({
    onSuccess: (me) => {
      utils.auth.me.setData(undefined, me);
      form.setValues(EMPTY_PASSWORDS);
      form.resetDirty(EMPTY_PASSWORDS);
      feedback.success(t("platformProfile.passwordChanged"));
    },
    // A wrong current password or a refused new one comes back as that field's error: focus goes there.
    onError: (error) => feedback.error(error, form),
  });

  return (
    <Card withBorder padding="lg">
      <form onSubmit={form.onSubmit(({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword }))} noValidate>
        <Stack>
          <Stack gap={4}>
            <Title order={2} size="h4">
              {t("platformProfile.passwordTitle")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("platformProfile.passwordHint")}
            </Text>
          </Stack>
          <PasswordInput label={t("password.current")} autoComplete="current-password" required {...form.getInputProps("currentPassword")} />
          <PasswordInput
            label={t("password.new")}
            description={t("password.policy", { min: PASSWORD_MIN })}
            autoComplete="new-password"
            required
            {...form.getInputProps("newPassword")}
          />
          <PasswordInput label={t("password.confirm")} autoComplete="new-password" required {...form.getInputProps("confirmPassword")} />
          <FormActions>
            <Button type="submit" loading={change.isPending}>
              {t("password.submit")}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Card>
  );
}
