// CSV rendering of audit entries for people opening the file in a spreadsheet: headers and readable cells
// (event, module, actor and target types, outcome) in the tenant's language, the list separator its locale
// expects (";" where the decimal separator is a comma), RFC 4180 quoting, spreadsheet formulas neutralised,
// personal data masked when the tenant's privacy setting asks for it. Codes and ids stay beside the words.
import { AUDIT_VOCABULARY, type AuditVocabulary } from "@tenancy/contracts";
import type { AuditEntryModel as AuditEntry } from "@tenancy/db";
import { Readable } from "node:stream";
import { stableStringify } from "../../lib/audit-chain.js";

export const CSV_COLUMNS = [
  "id", "createdAt", "createdAtLocal", "event", "action", "crud", "module", "actorType", "actorId", "actorName",
  "targetType", "targetId", "targetName", "success", "ip", "userAgent", "changes", "seq",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

interface CsvWords {
  /** Column headers; `{timeZone}` is the tenant's. */
  header: Record<CsvColumn, string>;
  crud: Record<"c" | "r" | "u" | "d", string>;
  success: string;
  failure: string;
  masked: string;
}

/** The export's own words, per language the app speaks (the audit vocabulary comes from contracts). */
const CSV_WORDS: Record<keyof typeof AUDIT_VOCABULARY, CsvWords> = {
  en: {
    header: {
      id: "Entry id", createdAt: "Time (UTC)", createdAtLocal: "Time ({timeZone})", event: "Event", action: "Event code",
      crud: "Operation", module: "Module", actorType: "Actor type", actorId: "Actor id", actorName: "Actor",
      targetType: "Target type", targetId: "Target id", targetName: "Target", success: "Outcome", ip: "IP address",
      userAgent: "Browser (user agent)", changes: "Changes", seq: "Position in the chain",
    },
    crud: { c: "Create", r: "Read", u: "Update", d: "Delete" },
    success: "Success",
    failure: "Failure",
    masked: "(masked)",
  },
  fr: {
    header: {
      id: "Identifiant de l'entrée", createdAt: "Heure (UTC)", createdAtLocal: "Heure ({timeZone})", event: "Événement",
      action: "Code de l'événement", crud: "Opération", module: "Module", actorType: "Type d'auteur", actorId: "Identifiant de l'auteur",
      actorName: "Auteur", targetType: "Type de cible", targetId: "Identifiant de la cible", targetName: "Cible", success: "Résultat",
      ip: "Adresse IP", userAgent: "Navigateur (user agent)", changes: "Modifications", seq: "Position dans la chaîne",
    },
    crud: { c: "Création", r: "Lecture", u: "Modification", d: "Suppression" },
    success: "Réussite",
    failure: "Échec",
    masked: "(masqué)",
  },
};

type CsvLanguage = keyof typeof CSV_WORDS;

/** The export's language for a BCP 47 tag ("fr-CA" -> "fr"), English when it has none of its own. */
export function csvLanguage(tag: string): CsvLanguage {
  try {
    const language = new Intl.Locale(tag).language;
    return Object.hasOwn(CSV_WORDS, language) ? (language as CsvLanguage) : "en";
  } catch {
    return "en";
  }
}

/** The tenant's number formats (settings), by the decimal separator they use; "locale" asks Intl. */
const DECIMAL_BY_FORMAT: Record<string, string> = { "1,234.56": ".", "1.234,56": ",", "1 234,56": "," };

/**
 * The list separator a spreadsheet of this locale expects: ";" where numbers are written with a decimal
 * comma (French, German, ...), else ",". The tenant's own number format, when set, decides first.
 */
export function csvDelimiter(locale: string, numberFormat = "locale"): "," | ";" {
  let decimal = DECIMAL_BY_FORMAT[numberFormat];
  if (decimal === undefined) {
    try {
      decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === "decimal")?.value ?? ".";
    } catch {
      decimal = ".";
    }
  }
  return decimal === "," ? ";" : ",";
}

const NEEDS_QUOTES = { ",": /[",\r\n]/, ";": /[";\r\n]/ } as const;

export function csvCell(value: unknown, delimiter: "," | ";" = ","): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // A cell starting with = + - @ (or a tab/CR) is run as a formula by spreadsheets: make it text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return NEEDS_QUOTES[delimiter].test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
  delimiter: "," | ";";
  words: CsvWords;
  vocabulary: AuditVocabulary;
  timeZone: string;
}

/** "2026-03-31 14:05:09" in the tenant's time zone. */
export const localTimeFormatter = (timeZone: string) => new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "medium" });

/** Everything an export needs from the tenant's settings, built once per export. */
export function csvOptions(tenant: { language: string; timeZone: string; numberFormat?: string; mask: boolean }): CsvOptions {
  const language = csvLanguage(tenant.language);
  return {
    mask: tenant.mask,
    local: localTimeFormatter(tenant.timeZone),
    delimiter: csvDelimiter(tenant.language, tenant.numberFormat),
    words: CSV_WORDS[language],
    vocabulary: AUDIT_VOCABULARY[language],
    timeZone: tenant.timeZone,
  };
}

/** The header line, in the export's language. */
export function csvHeader({ words, delimiter, timeZone }: CsvOptions): string {
  return CSV_COLUMNS.map((column) => csvCell(words.header[column].replace("{timeZone}", timeZone), delimiter)).join(delimiter) + "\r\n";
}

const wordFor = (words: Record<string, string>, code: string | null): string | null => (code === null ? null : Object.hasOwn(words, code) ? words[code]! : code);

export function csvRow(entry: AuditEntry, { mask, local: formatter, delimiter, words, vocabulary }: CsvOptions): string {
  const local = formatter.format(entry.createdAt);
  const cells = [
    entry.id, entry.createdAt.toISOString(), local, wordFor(vocabulary.event, entry.action), entry.action, wordFor(words.crud, entry.crud),
    wordFor(vocabulary.module, entry.module), wordFor(vocabulary.actorType, entry.actorType), entry.actorId,
    mask ? maskEmailOrName(entry.actorName) : entry.actorName,
    wordFor(vocabulary.targetType, entry.targetType), entry.targetId,
    mask ? maskEmailOrName(entry.targetName) : entry.targetName,
    entry.success ? words.success : words.failure, mask ? maskIp(entry.ip) : entry.ip, mask ? null : entry.userAgent,
    entry.changes === null || mask ? (mask && entry.changes !== null ? words.masked : "") : stableStringify(entry.changes),
    entry.seq?.toString() ?? "",
  ];
  return cells.map((cell) => csvCell(cell, delimiter)).join(delimiter) + "\r\n";
}

/** `audit-log-acme-2026-03-10.csv`: the day of the export in the tenant's time zone. */
export function exportFileName(slug: string, now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `audit-log-${slug}-${part("year")}-${part("month")}-${part("day")}.csv`;
}

/** Chunks of about this size are sent as they fill: a row at a time would cost a write per row. */
const CHUNK_CHARS = 64 * 1024;

/**
 * An export's body: BOM, header, then the rows in chunks; `onEnd(rows)` runs after the last row (to record the
 * export). The first batch is read before this resolves, so a failing query becomes an error answer, not a cut 200.
 */
export async function csvBody(entries: AsyncIterable<AuditEntry>, options: CsvOptions, onEnd: (rows: number) => Promise<void>): Promise<Readable> {
  const iterator = entries[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* lines() {
    yield "\uFEFF" + csvHeader(options);
    let rows = 0;
    let chunk = "";
    for (let next = first; !next.done; next = await iterator.next()) {
      chunk += csvRow(next.value, options);
      rows += 1;
      if (chunk.length > CHUNK_CHARS) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
    await onEnd(rows);
  }
  return Readable.from(lines());
}
