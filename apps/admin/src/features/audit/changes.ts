// Turns an audit entry's `changes` into rows a person can read: `{ field: { from, to } }` becomes a
// "from -> to" row per field, any other value a row with the value alone; values become short text, with
// field names and coded values (a permission, a status, a role's id) in words when `words` knows them.
export interface ChangeRow {
  field: string;
  /** Present on a change (`{ from, to }`); absent on a plain value. */
  from?: unknown;
  to: unknown;
  isChange: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFromTo(value: unknown): value is { from: unknown; to: unknown } {
  return isPlainObject(value) && Object.keys(value).length === 2 && "from" in value && "to" in value;
}

export function changeRows(changes: unknown): ChangeRow[] {
  if (changes === null || changes === undefined) return [];
  if (!isPlainObject(changes)) return [{ field: "", to: changes, isChange: false }];
  return Object.entries(changes).map(([field, value]) =>
    isFromTo(value) ? { field, from: value.from, to: value.to, isChange: true } : { field, to: value, isChange: false },
  );
}

export interface ValueWords {
  empty: string;
  yes: string;
  no: string;
  /** A field's name in words ("auditRetentionDays" -> "Audit log kept (days)"). */
  field?: (name: string) => string;
  /** A coded value of this field in words ("users.read" in `permissions` -> "View users"), or null to show it as is. */
  value?: (field: string, value: string) => string | null;
}

/** A value as short text: lists joined by commas, objects as `key: value` pairs, nothing as `empty`. */
export function formatValue(value: unknown, words: ValueWords, field = ""): string {
  if (value === null || value === undefined || value === "") return words.empty;
  if (typeof value === "boolean") return value ? words.yes : words.no;
  if (typeof value === "string") return words.value?.(field, value) ?? value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length === 0 ? words.empty : value.map((item) => formatValue(item, words, field)).join(", ");
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    const name = (key: string) => words.field?.(key) ?? key;
    return entries.length === 0 ? words.empty : entries.map(([key, item]) => `${name(key)}: ${formatValue(item, words, key)}`).join("; ");
  }
  return String(value);
}
