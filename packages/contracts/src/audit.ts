// The audit log as the API returns it, its filters, and the chain verification report.
import { z } from "zod";
import { CalendarDate, Id, PageInput } from "./common.js";
import { msg } from "./messages.js";

export const AuditEntryOutput = z.object({
  id: z.string(),
  tenantId: z.string().nullable(),
  action: z.string(),
  crud: z.string(),
  module: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  target: z.object({ type: z.string().nullable(), id: z.string().nullable(), name: z.string().nullable() }),
  changes: z.unknown().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  success: z.boolean(),
  eventVersion: z.number().int(),
  createdAt: z.date(),
  /** Position in the tenant's hash chain, once the sealing job has chained the entry. */
  seq: z.string().nullable(),
});
export type AuditEntryDto = z.infer<typeof AuditEntryOutput>;

/** Every filter combines with the others (AND). Dates are whole days in the tenant's time zone. */
export const AuditFilters = z
  .object({
    from: CalendarDate.optional().describe("First day included, in the tenant's time zone (YYYY-MM-DD)."),
    to: CalendarDate.optional().describe("Last day included, in the tenant's time zone (YYYY-MM-DD)."),
    action: z.string().trim().max(100).optional().describe("Event type, e.g. user.deactivated."),
    module: z.string().trim().max(50).optional(),
    actorId: z.string().trim().max(100).optional(),
    targetId: z.string().trim().max(100).optional(),
    targetType: z.string().trim().max(50).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: msg("dateRange.endBeforeStart") });

export const ListAuditInput = PageInput.and(AuditFilters);
export const AuditListOutput = z.object({ items: z.array(AuditEntryOutput), nextCursor: z.string().nullable() });
export const AuditEntryIdInput = z.object({ entryId: Id });

/** Verification walks a bounded page of the chain per call; the client continues from `nextSeq`. */
export const AuditVerifyInput = z
  .object({
    fromSeq: z
      .string()
      .regex(/^[1-9]\d{0,17}$/, msg("audit.fromSeq"))
      .optional()
      .describe("Continue the walk from this entry (the previous report's nextSeq); omit to start."),
  })
  .optional();

/** How the hash chain can break: entries missing, a link or a content that does not match, a wrong head. */
export const AUDIT_BREAK_KINDS = ["missing", "link_mismatch", "content_changed", "head_mismatch"] as const;
export type AuditBreakKind = (typeof AUDIT_BREAK_KINDS)[number];

export const AuditVerifyOutput = z.object({
  /** True when no broken link was found in the part walked so far (the whole chain once nextSeq is null). */
  ok: z.boolean(),
  checked: z.number().int(),
  unsealed: z.number().int(),
  purgedThroughSeq: z.string(),
  lastSeq: z.string(),
  firstBroken: z
    .object({
      seq: z.string(),
      entryId: z.string().nullable(),
      /** What is wrong, for clients that word it themselves; `reason` says it in English. */
      kind: z.enum(AUDIT_BREAK_KINDS),
      /** The last missing entry, when a run of entries is missing (kind "missing"). */
      throughSeq: z.string().nullable(),
      reason: z.string(),
    })
    .nullable(),
  /** Where the next call continues, or null when the walk is complete (or found a broken link). */
  nextSeq: z.string().nullable(),
});
