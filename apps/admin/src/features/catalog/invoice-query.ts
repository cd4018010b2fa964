// The invoices page's first queries, shared with its prefetch loader (same inputs: one request, not two).
export const INVOICE_PAGE_SIZE = 25;
/** The workspaces the filter offers and the table names: the first ones by name (the platform lists at most this many). */
export const TENANT_CHOICES = { sort: "name", limit: 100 } as const;
