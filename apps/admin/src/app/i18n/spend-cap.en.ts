// English messages of the settings' spending cap section (decision 44), spread into the English catalog (en.ts).
export const spendCapEn = {
  "spendCap.title": "Spending cap",
  "spendCap.description": "Metered usage is refused once this month's spend (invoices issued this month plus charges not invoiced yet) reaches the cap. Renewals and plan changes are never blocked.",
  "spendCap.field": "Monthly cap",
  "spendCap.fieldHint": "In {currency}, the currency of the workspace's subscriptions. Leave empty for no cap; 0 blocks all metered usage.",
  "spendCap.spent": "Spent this month: {spend}.",
  "spendCap.current": "Current cap: {cap}.",
  "spendCap.none": "No cap: metered usage is never refused for spend.",
  "spendCap.saved": "Spending cap saved.",
  "spendCap.removed": "Spending cap removed.",
  "spendCap.tooLarge": "The spending cap cannot be more than {maximum}.",
  "event.usage.spend_cap_changed": "A tenant admin set, changed or removed the workspace's spending cap.",
} as const;
