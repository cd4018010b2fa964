// Changing one's own password; the guards send every route here while `me.mustChangePassword` is true.
// The policy (length first, not a common password) is the contracts' one, checked here and by the server.
import { Alert, Button, Group, PasswordInput, Stack } from "@mantine/core";
import { ChangePasswordInput, PASSWORD_MIN } from "@tenancy/contracts";
import { useNavigate } from "react-router";
import { useFeedback } from "../../app/feedback.js";
import { useForm } from "../../app/form.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { AuthLayout } from "../../app/layouts.js";
import { homePath } from "../../app/navigation.js";
import { useSignedInMe } from "../../app/session.js";
import { trpc } from "../../app/trpc.js";
import { zodResolver, type FormErrors } from "../../app/zod-form.js";
import { useLogout } from "./use-logout.js";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  const { t } = useI18n();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const logout = useLogout();

  const schemaErrors = zodResolver<Values>(ChangePasswordInput, ({ currentPassword, newPassword }) => ({ currentPassword, newPassword }));
  const form = useForm<Values>({
    initialValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    validate: (values): FormErrors => {
      const errors = schemaErrors(values);
      if (values.confirmPassword !== values.newPassword) errors.confirmPassword = t("password.mismatch");
      return errors;
    },
  });

  const change = trpc.auth.changePassword.useMutation({
    onSuccess: (updated) => {
      utils.auth.me.setData(undefined, updated);
      feedback.success(t("password.changed"));
      void navigate(homePath(updated), { replace: true });
    },
    onError: (error) => feedback.error(error, form),
  });

  return (
    <AuthLayout title={t("password.title")}>
      <form onSubmit={form.onSubmit(({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword }))} noValidate>
        <Stack>
          {me.mustChangePassword && (
            <Alert color="yellow" variant="light">
              {t("password.mustChange")}
            </Alert>
          )}
          <PasswordInput label={t("password.current")} autoComplete="current-password" required {...form.getInputProps("currentPassword")} />
          <PasswordInput
            label={t("password.new")}
            description={t("password.policy", { min: PASSWORD_MIN })}
            autoComplete="new-password"
            required
            {...form.getInputProps("newPassword")}
          />
          <PasswordInput label={t("password.confirm")} autoComplete="new-password" required {...form.getInputProps("confirmPassword")} />
          <Button type="submit" loading={change.isPending} fullWidth mt="sm">
            {t("password.submit")}
          </Button>
          <Group justify="center">
            {!me.mustChangePassword && (
              <Button variant="subtle" size="compact-sm" onClick={() => void navigate(-1)}>
                {t("common.cancel")}
              </Button>
            )}
            <Button variant="subtle" size="compact-sm" onClick={() => logout.mutate()} loading={logout.isPending}>
              {t("nav.logout")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
