// audit: the tenant's audit log, read-only by design; the CSV export is an HTTP route (export-route.ts).
import { AuditEntryIdInput, AuditEntryOutput, AuditListOutput, AuditVerifyOutput, ListAuditInput } from "@tenancy/contracts";
import { z } from "zod";
import { router } from "../../trpc/init.js";
import { tenantProcedure } from "../../trpc/procedures.js";
import * as audit from "./service.js";

const read = tenantProcedure.meta({ permission: "audit.read" });

export const auditRouter = router({
  list: read.input(ListAuditInput).output(AuditListOutput).query(({ ctx, input }) => audit.list(ctx.scope, input)),
  get: read.input(AuditEntryIdInput).output(AuditEntryOutput).query(({ ctx, input }) => audit.get(ctx.scope, input.entryId)),
  verify: read.input(z.void()).output(AuditVerifyOutput).query(({ ctx }) => audit.verify(ctx.scope)),
});
