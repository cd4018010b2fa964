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
} as const;
