// Converts AppErrors and known database errors thrown below into TRPCErrors with the right code.
import { TRPCError } from "@trpc/server";
import { t } from "../init.js";
import { toAppError, toTRPCError } from "../errors.js";

export const mapErrors = t.middleware(async ({ next, ctx, path, type }) => {
  const result = await next();
  if (!result.ok) {
    const app = toAppError(result.error.cause ?? result.error);
    if (app) throw toTRPCError(app);
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      ctx.log.error({ err: result.error.cause ?? result.error, path, type, requestId: ctx.request.requestId }, "procedure failed");
    }
    if (result.error instanceof TRPCError) throw result.error;
  }
  return result;
});
