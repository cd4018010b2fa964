// audit: the tenant's audit log, read-only by design.
import { AuditEntryIdInput, AuditEntryOutput, AuditListOutput, ListAuditInput } from "@tenancy/contracts";
import { router } from "../../trpc/init.js";
import { tenantProcedure } from "../../trpc/procedures.js";
import * as audit from "./service.js";

export const auditRouter = router({
  list: tenantProcedure.meta({ permission: "audit.read" }).input(ListAuditInput).output(AuditListOutput).query(({ ctx, input }) => audit.list(ctx.scope, input)),
  get: tenantProcedure.meta({ permission: "audit.read" }).input(AuditEntryIdInput).output(AuditEntryOutput).query(({ ctx, input }) => audit.get(ctx.scope, input.entryId)),
});
