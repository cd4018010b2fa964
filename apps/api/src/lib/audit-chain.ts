// The audit hash chain: each sealed entry's hash covers the previous entry's hash, its position and its
// whole content, so editing or deleting any sealed entry breaks every link after it.
import { createHash } from "node:crypto";

export const PLATFORM_CHAIN_ID = "00000000-0000-0000-0000-000000000000";

export interface ChainedEntry {
  id: string;
  tenantId: string | null;
  action: string;
  crud: string;
  module: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  changes: unknown;
  ip: string | null;
  userAgent: string | null;
  success: boolean;
  eventVersion: number;
  requestId: string | null;
  createdAt: Date;
}

/** JSON with object keys sorted at every level, so the same value always hashes the same. */
export function stableStringify(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(prevHash: string, seq: bigint, e: ChainedEntry): string {
  const content = [
    prevHash, seq.toString(), e.id, e.tenantId, e.action, e.crud, e.module, e.actorType, e.actorId, e.actorName,
    e.targetType, e.targetId, e.targetName, e.changes ?? null, e.ip, e.userAgent, e.success, e.eventVersion, e.requestId,
    e.createdAt.toISOString(),
  ];
  return createHash("sha256").update(stableStringify(content)).digest("hex");
}
