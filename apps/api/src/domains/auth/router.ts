// auth: log in and out, who am I, change my password.
import { ChangePasswordInput, LoginInput, LoginOutput, MeOutput } from "@tenancy/contracts";
import { z } from "zod";
import { router } from "../../trpc/init.js";
import { authedProcedure, publicProcedure } from "../../trpc/procedures.js";
import { resolveSession } from "../../trpc/middlewares/session.js";
import * as auth from "./service.js";
import { validateSessionToken } from "./sessions.js";

// One password check at a time per HTTP request: tRPC runs the calls of a batched request concurrently, and
// the order in which they then reach the database varies. Queued on the request, a batch is evaluated in
// the order it was sent, like the same calls sent one after another. (The reservation in throttle.ts caps
// how many are evaluated either way; this makes which ones predictable.)
const passwordChecks = new WeakMap<object, Promise<unknown>>();
function oneAtATime<T>(request: object, run: () => Promise<T>): Promise<T> {
  const next = (passwordChecks.get(request) ?? Promise.resolve()).catch(() => undefined).then(run);
  passwordChecks.set(request, next);
  return next;
}

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
      const { session, scope } = await oneAtATime(ctx.request, () => auth.login(ctx, ctx.request, input));
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
      await oneAtATime(ctx.request, () => auth.changePassword(ctx.scope, ctx.session, input));
      return auth.toMe({ ...ctx.session, mustChangePassword: false });
    }),
});
