// The signed-in user's own profile: their name and language (no permission needed), and a way to change
// their password. After a save the whole app follows at once (header name, language). Unsaved changes
// survive the end of the session.
import { Button, Card, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { UpdateProfileInput, type Me } from "@tenancy/contracts";
import { FormActions, notifySuccess, PageHeader } from "@tenancy/ui";
import { useMemo } from "react";
import { Link } from "react-router";
import { useKeepDraft } from "../../app/drafts.js";
import { useFeedback } from "../../app/feedback.js";
import { useForm } from "../../app/form.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { useRefreshMe, useSignedInMe } from "../../app/session.js";
import { trpc, type RouterInputs } from "../../app/trpc.js";
import { zodResolver } from "../../app/zod-form.js";
import { languageInput, userLanguageOptions, WORKSPACE_LANGUAGE } from "./user-language.js";

interface ProfileValues {
  name: string;
  language: string;
}

/**
 * `auth.me` gives the language the app speaks (the user's own, else the workspace's), not whether the user
 * chose one; a language equal to the workspace's is shown as "the workspace's language".
 */
export function profileValues(me: Pick<Me, "name" | "language" | "tenant">): ProfileValues {
  const own = me.tenant && me.language === me.tenant.language ? WORKSPACE_LANGUAGE : (me.language ?? WORKSPACE_LANGUAGE);
  return { name: me.name, language: own };
}

export const toProfileInput =
  (before: ProfileValues) =>
  (values: ProfileValues): RouterInputs["users"]["updateProfile"] => ({
    ...(values.name.trim() !== before.name ? { name: values.name } : {}),
    ...(values.language !== before.language ? { language: languageInput(values.language) } : {}),
  });

export function ProfilePage() {
  const i18n = useI18n();
  const { t } = i18n;
  usePageTitle(t("profile.title"));
  const me = useSignedInMe();
  const feedback = useFeedback();
  const refreshMe = useRefreshMe();
  const initial = profileValues(me);
  const prepare = toProfileInput(initial);
  const form = useForm<ProfileValues>({ initialValues: initial, validate: zodResolver(UpdateProfileInput, prepare) });
  const languages = useMemo(() => userLanguageOptions(i18n, me.tenant?.language), [i18n, me.tenant?.language]);
  useKeepDraft(form, "profile", me.id, () => notifySuccess(t("drafts.restored")));

  const update = trpc.users.updateProfile.useMutation({
    onSuccess: async () => {
      form.resetDirty();
      const tNow = await refreshMe();
      feedback.success(tNow("profile.saved"));
    },
    onError: (error) => feedback.error(error, form),
  });

  return (
    <>
      <PageHeader title={t("profile.title")} description={t("profile.description")} />
      <Stack maw={640} gap="lg">
        <Card withBorder padding="lg">
          <form onSubmit={form.onSubmit((values) => update.mutate(prepare(values)))} noValidate>
            <Stack>
              <TextInput label={t("common.email")} value={me.email} readOnly variant="filled" description={t("profile.emailHint")} />
              <TextInput label={t("common.name")} required {...form.getInputProps("name")} />
              <Select
                label={t("users.language")}
                description={t("profile.languageHint")}
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
        <Card withBorder padding="lg">
          <Group justify="space-between" align="center">
            <Stack gap={4}>
              <Title order={5}>{t("profile.passwordTitle")}</Title>
              <Text size="sm" c="dimmed">
                {t("profile.passwordHint")}
              </Text>
            </Stack>
            <Button component={Link} to="/change-password" variant="default">
              {t("password.submit")}
            </Button>
          </Group>
        </Card>
      </Stack>
    </>
  );
}
