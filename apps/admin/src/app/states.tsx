// Whole-page states shared by the features: a failed load, a page the user may not see, an unknown address.
// The last two are pages of their own: their title is the h1 and names them in the document title.
import { Anchor, Center, Stack, Text, Title } from "@mantine/core";
import { ErrorAlert } from "@tenancy/ui";
import { Link } from "react-router";
import { useI18n } from "./i18n/i18n-provider.js";
import { usePageTitle } from "./page-title.js";
import { readServerError } from "./server-error.js";

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return <ErrorAlert message={readServerError(error, t, "errors.unreachable").message} onRetry={onRetry} />;
}

function Notice({ title, message }: { title: string; message: string }) {
  const { t } = useI18n();
  usePageTitle(title);
  return (
    <Center h="50vh">
      <Stack align="center" gap="xs">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="dimmed">{message}</Text>
        <Anchor component={Link} to="/">
          {t("common.backHome")}
        </Anchor>
      </Stack>
    </Center>
  );
}

export function ForbiddenState() {
  const { t } = useI18n();
  return <Notice title={t("forbidden.title")} message={t("forbidden.message")} />;
}

export function NotFoundPage() {
  const { t } = useI18n();
  return <Notice title={t("notFound.title")} message={t("notFound.message")} />;
}
