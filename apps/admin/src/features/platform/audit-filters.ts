// The platform audit log's filters live in the page's address (`?action=tenant.suspended&from=2026-03-01`),
// so a filtered view can be linked to and the CSV export downloads exactly what is shown. The names are the
// API's (PlatformAuditFilters); the time zone the days are counted in is the viewer's, added on the way out.
export const PLATFORM_AUDIT_FILTER_KEYS = ["from", "to", "action", "module", "actorId", "targetType", "targetId"] as const;
export type PlatformAuditFilterKey = (typeof PLATFORM_AUDIT_FILTER_KEYS)[number];
export type PlatformAuditFilters = Partial<Record<PlatformAuditFilterKey, string>>;

export const PLATFORM_AUDIT_EXPORT_PATH = "/api/platform/audit/export.csv";
/** Entries per page, for the page and its prefetch alike (the same input is the same query). */
export const PLATFORM_AUDIT_PAGE_SIZE = 50;

export function readPlatformAuditFilters(params: URLSearchParams): PlatformAuditFilters {
  const filters: PlatformAuditFilters = {};
  for (const key of PLATFORM_AUDIT_FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/** `params` with one filter set (or removed when empty); other parameters are kept. */
export function withPlatformAuditFilter(params: URLSearchParams, key: PlatformAuditFilterKey, value: string | null | undefined): URLSearchParams {
  const next = new URLSearchParams(params);
  const trimmed = value?.trim();
  if (trimmed) next.set(key, trimmed);
  else next.delete(key);
  return next;
}

/** The list's input: the filters, the viewer's time zone, the page size. */
export const platformAuditInput = (filters: PlatformAuditFilters, timeZone: string) => ({ ...filters, timeZone, limit: PLATFORM_AUDIT_PAGE_SIZE });

/** The CSV export of the filtered log, with the same filters and time zone as query parameters. */
export function platformAuditExportHref(filters: PlatformAuditFilters, timeZone: string): string {
  const query = new URLSearchParams();
  for (const key of PLATFORM_AUDIT_FILTER_KEYS) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  query.set("timeZone", timeZone);
  return `${PLATFORM_AUDIT_EXPORT_PATH}?${query}`;
}
