// Sign-in: e-mail, password and workspace (a tenant's slug; empty for platform admins). The workspace is
// prefilled from `?workspace=` or the last one used here; the server's message is shown on failure.
import { Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { LoginInput } from "@tenancy/contracts";
import { ErrorAlert, PageLoader } from "@tenancy/ui";
import { useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { useForm } from "../../app/form.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { AuthLayout } from "../../app/layouts.js";
import { homePath, safeNext } from "../../app/navigation.js";
import { readServerError, type ServerError } from "../../app/server-error.js";
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

  const form = useForm({
    initialValues: { email: "", password: "", workspace: params.get("workspace") ?? readLastWorkspace() },
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
  if (me && !login.isPending) return <Navigate to={homePath(me)} replace />;

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
          {problem && <ErrorAlert title={t("login.failed")} message={problem.message} />}
          <TextInput label={t("login.email")} type="email" autoComplete="username" required autoFocus {...form.getInputProps("email")} />
          <PasswordInput label={t("login.password")} autoComplete="current-password" required {...form.getInputProps("password")} />
          <TextInput
            label={t("login.workspace")}
            description={t("login.workspaceHint")}
            autoComplete="organization"
            {...form.getInputProps("workspace")}
          />
          <Button type="submit" loading={login.isPending} disabled={waitSeconds > 0} fullWidth mt="sm">
            {waitSeconds > 0 ? t("login.retryIn", { seconds: waitSeconds }) : t("login.submit")}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
