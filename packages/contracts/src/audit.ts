// Audit log entries as the API returns them.
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
});

export const ListAuditInput = PageInput.extend({
  action: z.string().max(100).optional(),
  module: z.string().max(50).optional(),
  actorId: z.string().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export const AuditListOutput = z.object({ items: z.array(AuditEntryOutput), nextCursor: z.string().nullable() });
export const AuditEntryIdInput = z.object({ entryId: Id });
