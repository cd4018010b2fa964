// The marketplace: published modules with their plans in the workspace's currency (price per interval,
// per user where it applies, a daily price to compare monthly with annual, trial days, limits). A tenant
// admin (subscriptions.manage) starts a module's one free trial or subscribes, after a dialog showing what
// it costs (subscriptions.preview).
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { PageHeader } from "@tenancy/ui";
import { useId, useState } from "react";
import { Link } from "react-router";
import { useFeedback } from "../../app/feedback.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { useCan } from "../../app/session.js";
import { ErrorState } from "../../app/states.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { dailyPriceText, priceText } from "./billing-text.js";
import { localized, planLookup } from "./plans.js";
import { PreviewDialog } from "./preview-dialog.js";
import { SubscriptionStatusBadge } from "./status-badges.js";

type Marketplace = RouterOutputs["modules"]["marketplace"];
type MarketModule = Marketplace["items"][number];
type Subscription = RouterOutputs["subscriptions"]["list"]["items"][number];

const LIVE = new Set(["trialing", "active", "past_due"]);

export function MarketplacePage() {
  const { t, fmt } = useI18n();
  usePageTitle(t("marketplace.title"));
  const market = trpc.modules.marketplace.useQuery();
  const subscriptions = trpc.subscriptions.list.useQuery();
  const data = market.data;
  return (
    <>
      <PageHeader
        title={t("marketplace.title")}
        description={
          data
            ? t("marketplace.description", {
                currency: fmt.currencyName(data.currency),
              })
            : undefined
        }
      />
      {market.error ? (
        <ErrorState
          error={market.error}
          onRetry={() => void market.refetch()}
        />
      ) : !data ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Skeleton h={260} radius="md" />
          <Skeleton h={260} radius="md" />
        </SimpleGrid>
      ) : data.items.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Text c="dimmed" ta="center">
            {t("marketplace.empty")}
          </Text>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {data.items.map((module) => (
            <ModuleCard
              key={module.key}
              module={module}
              currency={data.currency}
              subscription={subscriptions.data?.items.find(
                (s) => s.moduleKey === module.key,
              )}
            />
          ))}
        </SimpleGrid>
      )}
    </>
  );
}

function ModuleCard({
  module,
  currency,
  subscription,
}: {
  module: MarketModule;
  currency: string;
  subscription: Subscription | undefined;
}) {
  const { t, fmt, locale } = useI18n();
  const can = useCan();
  const titleId = useId();
  const [dialog, setDialog] = useState<"trial" | "subscribe" | null>(null);
  const name = localized(module.name, locale);
  const sold = module.plans.filter((plan) => plan.price !== null);
  const live = subscription !== undefined && LIVE.has(subscription.status);
  const metricName = (key: string) => {
    const metric = module.metrics.find((m) => m.key === key);
    return metric ? localized(metric.name, locale) : key;
  };
  return (
    <Paper
      component="section"
      aria-labelledby={titleId}
      withBorder
      radius="md"
      p="lg"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4}>
            <Title order={2} size="h3" id={titleId}>
              {name}
            </Title>
            <Group gap="xs">
              <Badge variant="outline" tt="none">
                {t(`moduleCategory.${module.category}`)}
              </Badge>
              {!module.trialAvailable && (
                <Badge
                  variant="light"
                  color="gray"
                  tt="none"
                  data-testid="trial-used"
                >
                  {t("marketplace.trialUsed")}
                </Badge>
              )}
            </Group>
          </Stack>
          {subscription && (
            <Stack gap={2} align="flex-end">
              <Text size="xs" c="dimmed">
                {t("marketplace.yourSubscription", {
                  status: t(`subscriptionStatus.${subscription.status}`),
                })}
              </Text>
              <SubscriptionStatusBadge status={subscription.status} />
            </Stack>
          )}
        </Group>
        <Text size="sm">{localized(module.description, locale)}</Text>
        <Table verticalSpacing="xs" fz="sm" aria-label={t("marketplace.plans")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("marketplace.plan")}</Table.Th>
              <Table.Th>{t("marketplace.price")}</Table.Th>
              <Table.Th>{t("marketplace.terms")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {module.plans.map((plan) => (
              <Table.Tr key={plan.id} data-testid="market-plan">
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {localized(plan.name, locale)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`interval.${plan.interval}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {plan.price === null ? (
                    <Text size="sm" c="dimmed">
                      {t("marketplace.notInCurrency", { currency })}
                    </Text>
                  ) : (
                    <>
                      <Text size="sm" data-testid="plan-price">
                        {priceText(t, fmt, {
                          amount: plan.price,
                          currency,
                          interval: plan.interval,
                          pricingModel: plan.pricingModel,
                        })}
                      </Text>
                      {plan.dailyPrice !== null && (
                        <Text size="xs" c="dimmed">
                          {dailyPriceText(t, fmt, {
                            amount: plan.dailyPrice,
                            currency,
                            pricingModel: plan.pricingModel,
                          })}
                        </Text>
                      )}
                    </>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {plan.trialDays > 0
                      ? t("marketplace.trialDays", { count: plan.trialDays })
                      : t("marketplace.noTrial")}
                  </Text>
                  {module.metrics.map((metric) => (
                    <Text size="xs" c="dimmed" key={metric.key}>
                      {plan.limits[metric.key] === undefined
                        ? t("marketplace.unlimited", {
                            metric: metricName(metric.key),
                          })
                        : t("marketplace.limit", {
                            metric: metricName(metric.key),
                            limit: fmt.number(plan.limits[metric.key]!),
                          })}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          {live ? (
            <Anchor component={Link} to="/t/subscriptions" size="sm">
              {t("marketplace.manage")}
            </Anchor>
          ) : (
            can("subscriptions.manage") && (
              <>
                {module.trialAvailable &&
                  sold.some((plan) => plan.trialDays > 0) && (
                    <Button
                      variant="default"
                      onClick={() => setDialog("trial")}
                    >
                      {t("marketplace.startTrial")}
                    </Button>
                  )}
                {sold.length > 0 && (
                  <Button onClick={() => setDialog("subscribe")}>
                    {t("marketplace.subscribe")}
                  </Button>
                )}
              </>
            )
          )}
        </Group>
      </Stack>
      {dialog && (
        <ActionDialog
          kind={dialog}
          module={module}
          currency={currency}
          onClose={() => setDialog(null)}
        />
      )}
    </Paper>
  );
}

function ActionDialog({
  kind,
  module,
  currency,
  onClose,
}: {
  kind: "trial" | "subscribe";
  module: MarketModule;
  currency: string;
  onClose: () => void;
}) {
  const { t, fmt, locale } = useI18n();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const plans = module.plans.filter(
    (plan) =>
      plan.price !== null && (kind === "subscribe" || plan.trialDays > 0),
  );
  const [planId, setPlanId] = useState<string | null>(plans[0]?.id ?? null);
  const [continueAfterTrial, setContinue] = useState(false);
  const plan = plans.find((p) => p.id === planId);
  const name = localized(module.name, locale);
  const startTrial = trpc.subscriptions.startTrial.useMutation();
  const subscribe = trpc.subscriptions.subscribe.useMutation();
  const refresh = () =>
    Promise.all([
      utils.modules.marketplace.invalidate(),
      utils.subscriptions.list.invalidate(),
      utils.subscriptions.modules.invalidate(),
      utils.billing.invoices.list.invalidate(),
    ]);

  const confirm = async () => {
    if (!planId) return;
    try {
      if (kind === "trial") {
        await startTrial.mutateAsync({ planId, continueAfterTrial });
        feedback.success(t("marketplace.trialStarted", { module: name }));
      } else {
        await subscribe.mutateAsync({ planId });
        feedback.success(t("marketplace.subscribed", { module: name }));
      }
      await refresh();
    } catch (error) {
      feedback.error(error);
      throw error;
    }
  };

  return (
    <PreviewDialog
      opened
      onClose={onClose}
      title={
        kind === "trial"
          ? t("marketplace.trialTitle", { module: name })
          : t("marketplace.subscribeTitle", { module: name })
      }
      preview={
        kind === "subscribe" && planId ? { action: "subscribe", planId } : null
      }
      planOf={planLookup(locale, module.plans)}
      confirmLabel={
        kind === "trial"
          ? t("marketplace.startTrial")
          : t("marketplace.subscribe")
      }
      onConfirm={confirm}
    >
      <Select
        label={t("marketplace.plan")}
        allowDeselect={false}
        data={plans.map((p) => ({
          value: p.id,
          label: `${localized(p.name, locale)} · ${priceText(t, fmt, { amount: p.price!, currency, interval: p.interval, pricingModel: p.pricingModel })}`,
        }))}
        value={planId}
        onChange={setPlanId}
        comboboxProps={{ withinPortal: true }}
      />
      {kind === "trial" && plan && (
        <>
          <Text size="sm">
            {t("marketplace.trialMessage", {
              count: plan.trialDays,
              plan: localized(plan.name, locale),
            })}
          </Text>
          <Checkbox
            label={t("marketplace.continueAfterTrial")}
            checked={continueAfterTrial}
            onChange={(event) => setContinue(event.currentTarget.checked)}
          />
          {continueAfterTrial && (
            <Text size="sm" c="dimmed">
              {t("marketplace.trialThen")}{" "}
              {priceText(t, fmt, {
                amount: plan.price!,
                currency,
                interval: plan.interval,
                pricingModel: plan.pricingModel,
              })}
            </Text>
          )}
        </>
      )}
    </PreviewDialog>
  );
}
