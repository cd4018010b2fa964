// English messages of the billing area (modules, subscriptions, invoices, usage), spread into the English
// catalog (en.ts): the names of its permissions and events for now; its pages add theirs here.
export const billingEn = {
  "permission.billing.read": "See the module marketplace, the workspace's subscriptions and its invoices.",
  "event.module.created": "A module was added to the catalog, as a draft.",
  "event.module.updated": "A module's name, description, category, icon or metrics changed.",
  "event.module.published": "A module was published: workspaces see it in the marketplace.",
  "event.module.retired": "A module was retired: no new subscriptions; existing ones run to the end of their period.",
  "event.plan.created": "A plan was added to a module.",
  "event.plan.version_created": "A plan's terms changed: a new version; subscriptions renew onto it.",
  "event.plan.retired": "A plan was retired: no new subscriptions; existing ones run to the end of their period.",
  "event.subscription.trial_started": "A free trial of a module started.",
  "event.subscription.subscribed": "A module was subscribed to (during its trial: to continue when the trial ends).",
  "event.subscription.trial_choice_changed": "Whether a trial becomes a paid subscription when it ends was changed.",
  "event.subscription.plan_changed": "A subscription moved to another plan, now (prorated).",
  "event.subscription.plan_change_scheduled": "A subscription will move to another plan at the end of its period.",
  "event.subscription.cancel_scheduled": "A subscription was canceled; it ends at the end of its period.",
  "event.subscription.resumed": "A canceled subscription was resumed before it ended.",
  "event.subscription.activated": "A subscribed module was activated: it is open to the workspace's users.",
  "event.subscription.deactivated": "A subscribed module was deactivated: it is closed, its data kept, its usage no longer counted.",
  "event.subscription.renewal_terms_changed": "A plan's terms changed: the subscription renews onto the new version at the end of its period.",
} as const;
