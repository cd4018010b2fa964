// auth: log in and out, who am I, change my password.
import { ChangePasswordInput, LoginInput, LoginOutput, MeOutput } from "@tenancy/contracts";
import { z } from "zod";
import { router } from "../../trpc/init.js";
import { authedProcedure, publicProcedure } from "../../trpc/procedures.js";
import { resolveSession } from "../../trpc/middlewares/session.js";
import * as auth from "./service.js";
import { validateSessionToken } from "./sessions.js";

export const authRouter = router({
  me: publicProcedure
    .input(z.void())
    .output(MeOutput.nullable())
    .query(async ({ ctx }) => {
      const session = await resolveSession(ctx);
      return session && session.active && (!session.tenant || session.tenant.active) ? auth.toMe(session) : null;
    }),

  login: publicProcedure
    .input(LoginInput)
    .output(LoginOutput)
    .mutation(async ({ ctx, input }) => {
      const { session, scope } = await auth.login(ctx, ctx.request, input);
      ctx.audit.count += scope.audit.count;
      ctx.cookies.set(ctx.sessionCookieName, session.token, session.expiresAt);
      const resolved = await validateSessionToken(ctx, session.token, { now: ctx.clock.now(), days: ctx.env.SESSION_DAYS });
      return { me: auth.toMe(resolved!) };
    }),

  logout: authedProcedure
    .meta({ allowPendingPasswordChange: true })
    .input(z.void())
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx }) => {
      await auth.logout(ctx.scope, ctx.session);
      ctx.cookies.clear(ctx.sessionCookieName);
      return { ok: true as const };
    }),

  changePassword: authedProcedure
    .meta({ allowPendingPasswordChange: true })
    .input(ChangePasswordInput)
    .output(MeOutput)
    .mutation(async ({ ctx, input }) => {
      await auth.changePassword(ctx.scope, ctx.session, input);
      return auth.toMe({ ...ctx.session, mustChangePassword: false });
    }),
});
