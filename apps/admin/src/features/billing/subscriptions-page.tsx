// The workspace's subscriptions: status, plan, billing interval, the current period (or trial) in the
// workspace's time zone, the next renewal and its amount. A tenant admin (subscriptions.manage) cancels at the
// period's end or resumes, switches between monthly and annual, changes plan (each after a preview of what it
// costs and when it applies), and deactivates or activates the module (its data is kept).
import { Anchor, Button, Group, Paper, Select, Skeleton, Stack, Text, Title } from "@mantine/core";
import { ConfirmButton, DetailList, PageHeader } from "@tenancy/ui";
import { useId, useState } from "react";
import { Link } from "react-router";
import { useFeedback } from "../../app/feedback.js";
import { useI18n } from "../../app/i18n/i18n-provider.js";
import { usePageTitle } from "../../app/page-title.js";
import { useCan } from "../../app/session.js";
import { ErrorState } from "../../app/states.js";
import { trpc, type RouterOutputs } from "../../app/trpc.js";
import { priceText } from "./billing-text.js";
import { canChangePlan, localized, planLookup } from "./plans.js";
import { PreviewDialog } from "./preview-dialog.js";
import { SubscriptionStatusBadge } from "./status-badges.js";

type Subscription = RouterOutputs["subscriptions"]["list"]["items"][number];
type MarketPlan = RouterOutputs["modules"]["marketplace"]["items"][number]["plans"][number];

const LIVE = new Set(["trialing", "active", "past_due"]);

export function SubscriptionsPage() {
  const { t } = useI18n();
  usePageTitle(t("subscriptions.title"));
  const list = trpc.subscriptions.list.useQuery();
  const market = trpc.modules.marketplace.useQuery();
  return (
    <>
      <PageHeader title={t("subscriptions.title")} description={t("subscriptions.description")} />
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <Stack>
          <Skeleton h={180} radius="md" />
          <Skeleton h={180} radius="md" />
        </Stack>
      ) : list.data.items.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Stack align="center" gap="xs">
            <Text c="dimmed">{t("subscriptions.empty")}</Text>
            <Anchor component={Link} to="/t/marketplace">
              {t("subscriptions.browse")}
            </Anchor>
          </Stack>
        </Paper>
      ) : (
        <Stack>
          {list.data.items.map((subscription) => (
            <SubscriptionCard
              key={subscription.id}
              subscription={subscription}
              offered={market.data?.items.find((module) => module.key === subscription.moduleKey)?.plans ?? []}
            />
          ))}
        </Stack>
      )}
    </>
  );
}

function SubscriptionCard({ subscription: s, offered }: { subscription: Subscription; offered: MarketPlan[] }) {
  const { t, fmt, locale } = useI18n();
  const can = useCan();
  const feedback = useFeedback();
  const utils = trpc.useUtils();
  const titleId = useId();
  const [dialog, setDialog] = useState<"changePlan" | "switchInterval" | "continue" | null>(null);
  const name = localized(s.moduleName, locale);
  const live = LIVE.has(s.status);
  const trialing = s.status === "trialing";
  const money = (amount: number) => fmt.money(amount, s.currency);
  const range = (start: Date, end: Date) => t("subscriptions.range", { start: fmt.date(start), end: fmt.date(end) });
  const planName = (plan: Subscription["plan"]) => `${localized(plan.name, locale)} (${t(`interval.${plan.interval}`).toLowerCase()})`;
  const nextPlan = s.pendingPlan ?? s.plan;
  const nextAmount = nextPlan.price === null ? null : nextPlan.price * (nextPlan.pricingModel === "per_user" ? s.quantity : 1);
  const renews = live && (trialing ? s.continueAfterTrial : !s.cancelAtPeriodEnd);
  const endsAt = trialing ? (s.trialEnd ?? s.currentPeriodEnd) : s.currentPeriodEnd;
  const otherInterval = s.plan.interval === "monthly" ? "annual" : "monthly";
  const changeable = canChangePlan(s.status);
  const canSwitch = changeable && !trialing && offered.some((plan) => plan.code === s.plan.code && plan.interval === otherInterval && plan.price !== null);
  const otherPlans = offered.filter((plan) => plan.price !== null && !(plan.code === s.plan.code && plan.interval === s.plan.interval));
  const manage = can("subscriptions.manage");

  const refresh = () =>
    Promise.all([utils.subscriptions.list.invalidate(), utils.subscriptions.modules.invalidate(), utils.modules.marketplace.invalidate(), utils.billing.invoices.list.invalidate()]);
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      feedback.success(done);
      await refresh();
    } catch (error) {
      feedback.error(error);
      throw error;
    }
  };
  const cancel = trpc.subscriptions.cancel.useMutation();
  const resume = trpc.subscriptions.resume.useMutation();
  const activate = trpc.subscriptions.activate.useMutation();
  const deactivate = trpc.subscriptions.deactivate.useMutation();
  const changePlan = trpc.subscriptions.changePlan.useMutation();
  const switchInterval = trpc.subscriptions.switchInterval.useMutation();
  const subscribe = trpc.subscriptions.subscribe.useMutation();
  const moduleKey = s.moduleKey;
  /** Continuing after a trial takes the plan's newest version on offer. */
  const continuePlanId = offered.find((plan) => plan.code === s.plan.code && plan.interval === s.plan.interval)?.id ?? s.plan.id;

  return (
    <Paper component="section" aria-labelledby={titleId} withBorder radius="md" p="lg" data-testid="subscription">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h3" id={titleId}>
            {name}
          </Title>
          <SubscriptionStatusBadge status={s.status} />
        </Group>
        <DetailList
          columns={3}
          items={[
            { label: t("subscriptions.plan"), value: <span data-testid="subscription-plan">{planName(s.plan)}</span> },
            {
              label: t("subscriptions.interval"),
              value: s.plan.price === null ? t(`interval.${s.plan.interval}`) : priceText(t, fmt, { amount: s.plan.price, currency: s.currency, interval: s.plan.interval, pricingModel: s.plan.pricingModel }),
            },
            trialing && s.trialStart && s.trialEnd
              ? { label: t("subscriptions.trial"), value: range(s.trialStart, s.trialEnd) }
              : { label: t("subscriptions.period"), value: range(s.currentPeriodStart, s.currentPeriodEnd) },
            {
              label: t("subscriptions.nextRenewal"),
              value: !live
                ? t("subscriptions.endedOn", { date: fmt.date(s.endedAt ?? s.currentPeriodEnd) })
                : renews
                  ? trialing
                    ? t("subscriptions.trialEndsPaid", { date: fmt.date(endsAt) })
                    : fmt.date(endsAt)
                  : trialing
                    ? t("subscriptions.trialEndsFree", { date: fmt.date(endsAt) })
                    : t("subscriptions.noRenewal", { date: fmt.date(endsAt) }),
            },
            { label: t("subscriptions.nextAmount"), value: renews && nextAmount !== null ? <span data-testid="next-amount">{money(nextAmount)}</span> : "—" },
            {
              label: t("subscriptions.module"),
              value: s.open ? t("subscriptions.moduleOpen") : live && !s.moduleActive ? t("subscriptions.moduleDeactivated") : t("subscriptions.moduleClosed"),
            },
            ...(s.plan.pricingModel === "per_user" ? [{ label: t("subscriptions.users"), value: fmt.number(s.quantity) }] : []),
            ...(s.pendingPlan
              ? [{ label: t("subscriptions.plan"), value: t("subscriptions.pendingPlan", { plan: localized(s.pendingPlan.name, locale), interval: t(`interval.${s.pendingPlan.interval}`).toLowerCase(), date: fmt.date(endsAt) }) }]
              : []),
          ]}
        />
        {manage && (
          <Group gap="sm">
            {!live && (
              <Button component={Link} to="/t/marketplace" variant="default">
                {t("subscriptions.subscribeAgain")}
              </Button>
            )}
            {changeable && otherPlans.length > 0 && (
              <Button variant="default" onClick={() => setDialog("changePlan")}>
                {t("subscriptions.changePlan")}
              </Button>
            )}
            {live && canSwitch && (
              <Button variant="default" onClick={() => setDialog("switchInterval")}>
                {t(otherInterval === "annual" ? "subscriptions.switchToAnnual" : "subscriptions.switchToMonthly")}
              </Button>
            )}
            {live && renews && (
              <ConfirmButton
                variant="default"
                title={t("subscriptions.cancelTitle", { module: name })}
                message={t(trialing ? "subscriptions.cancelTrialMessage" : "subscriptions.cancelMessage", { date: fmt.date(endsAt) })}
                onConfirm={() => act(() => cancel.mutateAsync({ moduleKey }), t("subscriptions.canceled", { module: name, date: fmt.date(endsAt) }))}
              >
                {t(trialing ? "subscriptions.stopAfterTrial" : "subscriptions.cancel")}
              </ConfirmButton>
            )}
            {trialing && !renews && <Button onClick={() => setDialog("continue")}>{t("subscriptions.continueAfterTrial")}</Button>}
            {live && !trialing && !renews && (
              <ConfirmButton
                variant="default"
                title={t("subscriptions.resumeTitle", { module: name })}
                message={t("subscriptions.resumeMessage", { date: fmt.date(endsAt) })}
                onConfirm={() => act(() => resume.mutateAsync({ moduleKey }), t("subscriptions.resumed", { module: name }))}
              >
                {t("subscriptions.resume")}
              </ConfirmButton>
            )}
            {live && s.moduleActive && (
              <ConfirmButton
                variant="default"
                color="red"
                title={t("subscriptions.deactivateTitle", { module: name })}
                message={t("subscriptions.deactivateMessage")}
                onConfirm={() => act(() => deactivate.mutateAsync({ moduleKey }), t("subscriptions.deactivated", { module: name }))}
              >
                {t("subscriptions.deactivate")}
              </ConfirmButton>
            )}
            {live && !s.moduleActive && (
              <ConfirmButton
                title={t("subscriptions.activateTitle", { module: name })}
                message={t("subscriptions.activateMessage")}
                onConfirm={() => act(() => activate.mutateAsync({ moduleKey }), t("subscriptions.activated", { module: name }))}
              >
                {t("subscriptions.activate")}
              </ConfirmButton>
            )}
          </Group>
        )}
      </Stack>
      {dialog === "changePlan" && (
        <ChangePlanDialog
          subscription={s}
          plans={otherPlans}
          onClose={() => setDialog(null)}
          onConfirm={(planId) => act(() => changePlan.mutateAsync({ planId }), t("subscriptions.planChanged", { module: name }))}
        />
      )}
      {dialog === "continue" && (
        <PreviewDialog
          opened
          onClose={() => setDialog(null)}
          title={t("subscriptions.continueTitle", { module: name })}
          preview={{ action: "subscribe", planId: continuePlanId }}
          planOf={planLookup(locale, offered, [s.plan])}
          confirmLabel={t("subscriptions.continueAfterTrial")}
          onConfirm={() => act(() => subscribe.mutateAsync({ planId: continuePlanId }), t("subscriptions.continued", { module: name }))}
        />
      )}
      {dialog === "switchInterval" && (
        <PreviewDialog
          opened
          onClose={() => setDialog(null)}
          title={t("subscriptions.switchTitle", { module: name, interval: t(`interval.${otherInterval}`).toLowerCase() })}
          preview={{ action: "switchInterval", moduleKey }}
          planOf={planLookup(locale, offered, [s.plan], s.pendingPlan ? [s.pendingPlan] : [])}
          confirmLabel={t(otherInterval === "annual" ? "subscriptions.switchToAnnual" : "subscriptions.switchToMonthly")}
          onConfirm={() => act(() => switchInterval.mutateAsync({ moduleKey }), t("subscriptions.switched", { module: name }))}
        />
      )}
    </Paper>
  );
}

function ChangePlanDialog({ subscription: s, plans, onClose, onConfirm }: { subscription: Subscription; plans: MarketPlan[]; onClose: () => void; onConfirm: (planId: string) => Promise<unknown> }) {
  const { t, fmt, locale } = useI18n();
  const [planId, setPlanId] = useState<string | null>(null);
  const name = localized(s.moduleName, locale);
  return (
    <PreviewDialog
      opened
      onClose={onClose}
      title={t("subscriptions.changePlanTitle", { module: name })}
      preview={planId ? { action: "changePlan", planId } : null}
      planOf={planLookup(locale, plans, [s.plan], s.pendingPlan ? [s.pendingPlan] : [])}
      confirmLabel={t("subscriptions.changePlan")}
      ready={planId !== null}
      onConfirm={() => (planId ? onConfirm(planId) : Promise.reject(new Error("no plan")))}
    >
      <Select
        label={t("marketplace.plan")}
        placeholder={t("subscriptions.changePlan")}
        data={plans.map((p) => ({
          value: p.id,
          label: `${localized(p.name, locale)} · ${priceText(t, fmt, { amount: p.price!, currency: s.currency, interval: p.interval, pricingModel: p.pricingModel })}`,
        }))}
        value={planId}
        onChange={setPlanId}
      />
    </PreviewDialog>
  );
}
