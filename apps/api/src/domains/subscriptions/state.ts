// Every state transition of a subscription, in one table. Services and the billing job ask `transition()`
// for the next status; a pair the table does not hold is refused with INVALID_STATE, whoever asks.
// docs/billing.md draws this table as a state diagram; state.test.ts checks every pair, allowed and refused.
import { AppError } from "../../lib/app-error.js";

export const SUBSCRIPTION_STATUSES = ["trialing", "active", "past_due", "canceled", "expired"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
/** Before the first trial or subscription: no row yet. */
export type From = SubscriptionStatus | "none";

/** The statuses in which the tenant holds the module (it is open when also activated). */
export const LIVE_STATUSES: readonly SubscriptionStatus[] = ["trialing", "active", "past_due"];
export const isLive = (status: SubscriptionStatus) => LIVE_STATUSES.includes(status);

/** What can happen to a subscription, and by whom (tenant, job, platform admin). */
export const TRANSITIONS = {
  /** Tenant: a free trial, once per module. */
  start_trial: { none: "trialing" },
  /** Tenant: a paid subscription, new or again after it ended. */
  subscribe: { none: "active", canceled: "active", expired: "active" },
  /** Tenant, during a trial: subscribe to continue when the trial ends (or stop continuing). */
  set_continue_after_trial: { trialing: "trialing" },
  /** Job, at the trial's end, when the tenant chose to continue. */
  convert_trial: { trialing: "active" },
  /** Job, at the trial's end, when the tenant did not choose to continue. */
  expire_trial: { trialing: "expired" },
  /** Job, at a period's end: the next period starts (and is invoiced). */
  renew: { active: "active", past_due: "past_due" },
  /** Job, at a period's end when cancellation was asked or the plan or module was retired. */
  end_at_period_end: { active: "canceled", past_due: "canceled" },
  /** Tenant: another plan of the module (in a trial: the plan the trial continues on). */
  change_plan: { trialing: "trialing", active: "active" },
  /** Tenant: cancel at the period's end; resume undoes it before then. */
  schedule_cancel: { active: "active", past_due: "past_due" },
  resume: { active: "active", past_due: "past_due" },
  /** Tenant: open or close the module without ending the subscription (its data is kept). */
  activate: { trialing: "trialing", active: "active", past_due: "past_due" },
  deactivate: { trialing: "trialing", active: "active", past_due: "past_due" },
  /** Job (dunning), first grace period over with an invoice unpaid. */
  payment_overdue: { active: "past_due" },
  /** Platform admin marks the overdue invoice paid (and no other one is overdue). */
  payment_received: { past_due: "active" },
  /** Job (dunning), second grace period over with the invoice still unpaid. */
  dunning_cancel: { past_due: "canceled" },
} as const satisfies Record<string, Partial<Record<From, SubscriptionStatus>>>;

export type SubscriptionEvent = keyof typeof TRANSITIONS;
export const SUBSCRIPTION_EVENTS = Object.keys(TRANSITIONS) as SubscriptionEvent[];

/** What the tenant tried, in words for the refusal message. */
const ACTIONS: Record<SubscriptionEvent, string> = {
  start_trial: "start a free trial",
  subscribe: "subscribe",
  set_continue_after_trial: "choose what happens after the trial",
  convert_trial: "turn the trial into a subscription",
  expire_trial: "end the trial",
  renew: "renew",
  end_at_period_end: "end at the period's end",
  change_plan: "change plans",
  schedule_cancel: "cancel",
  resume: "resume",
  activate: "activate the module",
  deactivate: "deactivate the module",
  payment_overdue: "mark a payment overdue",
  payment_received: "record a payment",
  dunning_cancel: "cancel for non-payment",
};

const DESCRIBE: Record<From, string> = {
  none: "there is no subscription to this module yet",
  trialing: "this module is in its free trial",
  active: "this subscription is active",
  past_due: "this subscription has an overdue invoice",
  canceled: "this subscription was canceled",
  expired: "this module's trial ended",
};

/** The next status, or null when the table refuses the pair. */
export function nextStatus(from: From, event: SubscriptionEvent): SubscriptionStatus | null {
  return (TRANSITIONS[event] as Partial<Record<From, SubscriptionStatus>>)[from] ?? null;
}

/** The next status, or INVALID_STATE saying what was tried and why it cannot be done now. */
export function transition(from: From, event: SubscriptionEvent): SubscriptionStatus {
  const next = nextStatus(from, event);
  if (next === null) {
    throw new AppError("INVALID_STATE", `You cannot ${ACTIONS[event]}: ${DESCRIBE[from]}.`, { status: from, event });
  }
  return next;
}
