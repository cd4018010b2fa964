// audit: the tenant's audit log, read-only by design; the CSV export is an HTTP route (export-route.ts).
import { AuditEntryIdInput, AuditEntryOutput, AuditListOutput, AuditVerifyInput, AuditVerifyOutput, ListAuditInput } from "@tenancy/contracts";
import { router } from "../../trpc/init.js";
import { tenantProcedure } from "../../trpc/procedures.js";
import * as audit from "./service.js";

const read = tenantProcedure.meta({ permission: "audit.read" });

export const auditRouter = router({
  list: read.input(ListAuditInput).output(AuditListOutput).query(({ ctx, input }) => audit.list(ctx.scope, input)),
  get: read.input(AuditEntryIdInput).output(AuditEntryOutput).query(({ ctx, input }) => audit.get(ctx.scope, input.entryId)),
  /** One bounded page of the hash-chain walk; call again with `nextSeq` until it is null. */
  verify: read
    .input(AuditVerifyInput)
    .output(AuditVerifyOutput)
    .query(({ ctx, input }) => audit.verify(ctx.scope, { fromSeq: input?.fromSeq ? BigInt(input.fromSeq) : undefined })),
});
