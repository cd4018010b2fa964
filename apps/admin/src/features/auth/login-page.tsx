// Sign-in: e-mail, password and workspace (a tenant's slug; empty for platform admins). The workspace is
// prefilled from `?workspace=` or the last one used here; the server's message is shown on failure. After a
// session ended behind the user's back, the page says why (and that their unsaved changes are kept) and is
// prefilled with who they were. "Forgot your password?" says who can reset it: there is no e-mail flow.
import { Alert, Anchor, Button, Code, Collapse, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { LoginInput } from "@tenancy/contracts";
import { ErrorAlert, PageLoader } from "@tenancy/ui";
import { useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { useForm } from "../../app/form.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { AuthLayout } from "../../app/layouts.js";
import { homePath, safeNext } from "../../app/navigation.js";
import { readServerError, type ServerError } from "../../app/server-error.js";
import { hasDraft } from "../../app/drafts.js";
import { useSessionEnd } from "../../app/session-end.js";
import { useMe, useReplaceSession } from "../../app/session.js";
import { trpc } from "../../app/trpc.js";
import { zodResolver } from "../../app/zod-form.js";
import { readLastWorkspace, saveLastWorkspace } from "./last-workspace.js";
import { useCountdown } from "./use-countdown.js";

export function LoginPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { data: me, isPending: loadingMe } = useMe();
  const replaceSession = useReplaceSession();
  const [problem, setProblem] = useState<ServerError | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const waitSeconds = useCountdown(retryAt);
  const ended = useSessionEnd();

  const form = useForm({
    initialValues: {
      email: ended?.email ?? "",
      password: "",
      workspace: params.get("workspace") ?? (ended ? (ended.workspace ?? "") : readLastWorkspace()),
    },
    validate: zodResolver(LoginInput),
  });

  const login = trpc.auth.login.useMutation({
    onSuccess: ({ me: signedIn }, input) => {
      saveLastWorkspace(input.workspace?.trim().toLowerCase() ?? "");
      replaceSession(signedIn);
      void navigate(safeNext(params.get("next")) ?? homePath(signedIn), { replace: true });
    },
    onError: (error) => {
      const read = readServerError(error, t, "errors.unreachable");
      setProblem(read);
      setRetryAt(read.retryAfterSeconds ? Date.now() + read.retryAfterSeconds * 1000 : null);
      form.setFieldValue("password", "");
    },
  });

  if (loadingMe) return <PageLoader />;
  // Someone already signed in (here, or in another tab) goes home; a sign-in made here goes where it was
  // asked to (`next`), which a redirect home must not overtake.
  if (me && login.isIdle) return <Navigate to={homePath(me)} replace />;

  return (
    <AuthLayout title={t("login.title")}>
      <form
        onSubmit={form.onSubmit((values) => {
          setProblem(null);
          login.mutate(values);
        })}
        noValidate
      >
        <Stack>
          {ended && !problem && (
            <Alert color="yellow" variant="light" title={t("sessionEnd.title")} role="status" data-testid="session-ended">
              <Stack gap={6}>
                <Text size="sm">{t(`sessionEnd.${ended.reason}`)}</Text>
                {hasDraft(ended.principalId) && <Text size="sm">{t("sessionEnd.draftsKept")}</Text>}
              </Stack>
            </Alert>
          )}
          {problem && <ErrorAlert title={t("login.failed")} message={problem.message} />}
          <TextInput label={t("login.email")} type="email" autoComplete="username" required autoFocus={!ended} {...form.getInputProps("email")} />
          <PasswordInput label={t("login.password")} autoComplete="current-password" required autoFocus={Boolean(ended)} {...form.getInputProps("password")} />
          <TextInput
            label={t("login.workspace")}
            description={t("login.workspaceHint")}
            autoComplete="organization"
            {...form.getInputProps("workspace")}
          />
          <Button type="submit" loading={login.isPending} disabled={waitSeconds > 0} fullWidth mt="sm">
            {waitSeconds > 0 ? t("login.retryIn", { seconds: waitSeconds }) : t("login.submit")}
          </Button>
          <ForgotPassword />
        </Stack>
      </form>
    </AuthLayout>
  );
}

/** Who can reset a forgotten password: a workspace's admin, or for a platform admin the recovery command. */
function ForgotPassword() {
  const { t } = useI18n();
  const [opened, { toggle }] = useDisclosure(false);
  return (
    <Stack gap="xs" align="center">
      <Anchor component="button" type="button" size="sm" onClick={toggle} aria-expanded={opened} aria-controls="forgot-password">
        {t("login.forgot")}
      </Anchor>
      <Collapse in={opened} w="100%">
        <Alert id="forgot-password" color="blue" variant="light" data-testid="forgot-password">
          <Stack gap="xs">
            <Text size="sm">{t("login.forgotUser")}</Text>
            <Text size="sm">{t("login.forgotPlatform")}</Text>
            <Code block>npm run admin:recover &lt;email&gt;</Code>
            <Text size="sm">{t("login.forgotNoEmail")}</Text>
          </Stack>
        </Alert>
      </Collapse>
    </Stack>
  );
}
