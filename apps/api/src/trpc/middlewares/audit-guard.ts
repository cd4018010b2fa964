// Every mutation must record what it changed (audit entry + outbox event). This guard gives each call its
// own counter and refuses a mutation that succeeded without recording: a bug we want loud, not silent.
import { TRPCError } from "@trpc/server";
import { t } from "../init.js";

export const auditGuard = t.middleware(async ({ next, type, path, ctx, meta }) => {
  const audit = { count: 0 };
  const result = await next({ ctx: { audit } });
  // The one opt-out: a reader's own inbox state (read, archived), declared in the procedure's meta.
  if (type === "mutation" && result.ok && audit.count === 0 && meta?.audited !== false) {
    ctx.log.error({ path }, "mutation recorded no audit entry");
    if (ctx.env.NODE_ENV !== "production") {
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `Mutation ${path} recorded no audit entry.` });
    }
  }
  return result;
});
