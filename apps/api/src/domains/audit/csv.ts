// CSV rendering of audit entries: RFC 4180 quoting, spreadsheet formula neutralised, personal data masked
// when the tenant's privacy setting asks for it.
import type { AuditEntryModel as AuditEntry } from "@tenancy/db";
import { stableStringify } from "../../lib/audit-chain.js";

export const CSV_COLUMNS = [
  "id", "createdAt", "createdAtLocal", "action", "crud", "module", "actorType", "actorId", "actorName",
  "targetType", "targetId", "targetName", "success", "ip", "userAgent", "changes", "seq",
] as const;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // A cell starting with = + - @ (or a tab/CR) is run as a formula by spreadsheets: make it text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function maskEmailOrName(value: string | null): string | null {
  if (!value) return value;
  const at = value.indexOf("@");
  if (at > 0) return `${value[0]}***${value.slice(at)}`;
  return `${value[0]}***`;
}

export function maskIp(ip: string | null): string | null {
  if (!ip) return ip;
  if (ip.includes(".")) return ip.replace(/\.\d+$/, ".x");
  return ip.replace(/:[0-9a-f]*:[0-9a-f]*$/i, ":x:x");
}

export interface CsvOptions {
  mask: boolean;
  /** Built once per export with `localTimeFormatter`: a formatter per row costs CPU and native memory. */
  local: Intl.DateTimeFormat;
}

/** "2026-03-31 14:05:09" in the tenant's time zone. */
export const localTimeFormatter = (timeZone: string) => new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "medium" });

export function csvRow(entry: AuditEntry, { mask, local: formatter }: CsvOptions): string {
  const local = formatter.format(entry.createdAt);
  const cells = [
    entry.id, entry.createdAt.toISOString(), local, entry.action, entry.crud, entry.module, entry.actorType, entry.actorId,
    mask ? maskEmailOrName(entry.actorName) : entry.actorName,
    entry.targetType, entry.targetId,
    mask ? maskEmailOrName(entry.targetName) : entry.targetName,
    entry.success, mask ? maskIp(entry.ip) : entry.ip, mask ? null : entry.userAgent,
    entry.changes === null || mask ? (mask && entry.changes !== null ? "(masked)" : "") : stableStringify(entry.changes),
    entry.seq?.toString() ?? "",
  ];
  return cells.map(csvCell).join(",") + "\r\n";
}
