// The audit log's filters live in the page's address (`?action=user.deactivated&from=2025-03-01`), so a
// filtered view can be linked to (e.g. a user's activity) and the CSV export downloads exactly what is shown.
// The names are the API's (AuditFilters), for tRPC and for the export's query string alike.
export const AUDIT_FILTER_KEYS = ["from", "to", "action", "module", "actorId", "targetId"] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];
export type AuditFilters = Partial<Record<AuditFilterKey, string>>;

export const EXPORT_PATH = "/api/audit/export.csv";

export function readFilters(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/** `params` with one filter set (or removed when empty); other parameters are kept. */
export function withFilter(params: URLSearchParams, key: AuditFilterKey, value: string | null | undefined): URLSearchParams {
  const next = new URLSearchParams(params);
  const trimmed = value?.trim();
  if (trimmed) next.set(key, trimmed);
  else next.delete(key);
  return next;
}

export function hasFilters(filters: AuditFilters): boolean {
  return Object.keys(filters).length > 0;
}

/** The CSV export of the filtered log, with the same filters as query parameters. */
export function exportHref(filters: AuditFilters): string {
  const query = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  const search = query.toString();
  return search ? `${EXPORT_PATH}?${search}` : EXPORT_PATH;
}

/** A day range of the filters: first and last day included, "YYYY-MM-DD", either end open. */
export interface DayRange {
  from?: string;
  to?: string;
}

/** A From after To: refused in the form (the API refuses it too). */
export function outOfOrder({ from, to }: DayRange): boolean {
  return from !== undefined && to !== undefined && from > to;
}
