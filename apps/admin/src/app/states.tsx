// Whole-page states shared by the features: a failed load, a page the user may not see, an unknown address,
// and an address naming something that does not exist (a mistyped or unknown id), which offers the way back
// to its list rather than a retry that cannot help. The last three are pages of their own: their title is
// the h1 and names them in the document title.
import { Anchor, Center, Stack, Text, Title } from "@mantine/core";
import { ErrorAlert } from "@tenancy/ui";
import { Link } from "react-router";
import { useI18n } from "./i18n/i18n-provider.js";
import { usePageTitle } from "./page-title.js";
import { errorCodeOf, readServerError } from "./server-error.js";

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return <ErrorAlert message={readServerError(error, t, "errors.unreachable").message} onRetry={onRetry} />;
}

function Notice({ title, message, back, hint }: { title: string; message: string; back?: { to: string; label: string }; hint?: string }) {
  const { t } = useI18n();
  usePageTitle(title);
  return (
    <Center mih="50vh">
      <Stack align="center" gap="xs" maw={560} ta="center" data-testid="not-found">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="dimmed">{message}</Text>
        {hint && <Text c="dimmed">{hint}</Text>}
        <Anchor component={Link} to={back?.to ?? "/"}>
          {back?.label ?? t("common.backHome")}
        </Anchor>
      </Stack>
    </Center>
  );
}

/**
 * Whether a failed load of one thing by its id means there is no such thing: the API does not know the id
 * (…_NOT_FOUND), or refused it as malformed (BAD_INPUT: the only input of such a load is the id).
 */
export function isNotFound(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code !== null && (code === "BAD_INPUT" || code.endsWith("NOT_FOUND"));
}

/** The page for an address whose id names nothing: what was not found, and the way back to its list. */
export function MissingState({ title, message, back }: { title: string; message: string; back: { to: string; label: string } }) {
  return <Notice title={title} message={message} back={back} />;
}

export function ForbiddenState() {
  const { t } = useI18n();
  return <Notice title={t("forbidden.title")} message={t("forbidden.message")} />;
}

/** A closed module's page (RequireModule): why it is closed, and where an administrator opens it, or whom to ask. */
export function ModuleClosedState({ title, message, link, hint }: { title: string; message: string; link: { to: string; label: string } | null; hint?: string }) {
  return <Notice title={title} message={message} back={link ?? undefined} hint={hint} />;
}

export function NotFoundPage() {
  const { t } = useI18n();
  return <Notice title={t("notFound.title")} message={t("notFound.message")} />;
}
