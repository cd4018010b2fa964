// The audit log as the API returns it, its filters, and the chain verification report.
import { z } from "zod";
import { Id, PageInput } from "./common.js";

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

const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-03-31.")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && value >= "1970-01-01";
  }, "This is not a calendar date (from 1970 on).");

/** Every filter combines with the others (AND). Dates are whole days in the tenant's time zone. */
export const AuditFilters = z
  .object({
    from: LocalDate.optional().describe("First day included, in the tenant's time zone (YYYY-MM-DD)."),
    to: LocalDate.optional().describe("Last day included, in the tenant's time zone (YYYY-MM-DD)."),
    action: z.string().trim().max(100).optional().describe("Event type, e.g. user.deactivated."),
    module: z.string().trim().max(50).optional(),
    actorId: z.string().trim().max(100).optional(),
    targetId: z.string().trim().max(100).optional(),
    targetType: z.string().trim().max(50).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date is before the start date." });

export const ListAuditInput = PageInput.and(AuditFilters);
export const AuditListOutput = z.object({ items: z.array(AuditEntryOutput), nextCursor: z.string().nullable() });
export const AuditEntryIdInput = z.object({ entryId: Id });

export const AuditVerifyOutput = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  unsealed: z.number().int(),
  purgedThroughSeq: z.string(),
  lastSeq: z.string(),
  firstBroken: z
    .object({ seq: z.string(), entryId: z.string().nullable(), reason: z.string() })
    .nullable(),
});
