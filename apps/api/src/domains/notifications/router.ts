// notifications: the tenant's rules (notifications.manage), and each user's own inbox, preferences and live
// bell (a session is enough: everyone reads their own). Marking read or archiving changes only the caller's
// reading state: `audited: false` (decision 50); muting a rule is audited.
import {
  ArchiveInput, CreateRuleInput, InboxListInput, InboxListOutput, InboxSnapshot, MarkReadInput, PreferenceItem, PreferencesOutput,
  RuleIdInput, RuleListOutput, RuleOutput, SetMutedInput, SetRuleEnabledInput, ThreadInput, ThreadOutput, UnreadCountOutput, UpdateRuleInput,
} from "@tenancy/contracts";
import { tracked } from "@trpc/server";
import { z } from "zod";
import type { SessionRecord } from "../auth/sessions.js";
import { sessionStillUsable } from "../../trpc/middlewares/session.js";
import { router } from "../../trpc/init.js";
import { tenantProcedure } from "../../trpc/procedures.js";
import { snapshots } from "./live.js";
import * as rules from "./rules.js";
import * as notifications from "./service.js";

const manage = tenantProcedure.meta({ permission: "notifications.manage" });
const Ok = z.object({ ok: z.literal(true) });
const Count = z.object({ count: z.number().int() });
export const LiveInput = z.object({ lastEventId: z.string().max(40).nullish() }).optional();

const readerOf = (session: SessionRecord) => ({ userId: session.principalId, language: session.userLanguage ?? session.tenant?.language ?? "en" });

export const notificationsRouter = router({
  rules: router({
    list: manage.input(z.void()).output(RuleListOutput).query(({ ctx }) => rules.list(ctx.scope)),
    get: manage.input(RuleIdInput).output(RuleOutput).query(({ ctx, input }) => rules.get(ctx.scope, input)),
    create: manage.input(CreateRuleInput).output(RuleOutput).mutation(({ ctx, input }) => rules.create(ctx.scope, input)),
    update: manage.input(UpdateRuleInput).output(RuleOutput).mutation(({ ctx, input }) => rules.update(ctx.scope, input)),
    setEnabled: manage.input(SetRuleEnabledInput).output(RuleOutput).mutation(({ ctx, input }) => rules.setEnabled(ctx.scope, input)),
    delete: manage.input(RuleIdInput).output(Ok).mutation(({ ctx, input }) => rules.remove(ctx.scope, input)),
  }),
  inbox: router({
    list: tenantProcedure.input(InboxListInput).output(InboxListOutput).query(({ ctx, input }) => notifications.list(ctx.scope, readerOf(ctx.session), input)),
    thread: tenantProcedure.input(ThreadInput).output(ThreadOutput).query(({ ctx, input }) => notifications.thread(ctx.scope, readerOf(ctx.session), input)),
    unreadCount: tenantProcedure.input(z.void()).output(UnreadCountOutput).query(({ ctx }) => notifications.unreadCount(ctx.scope, readerOf(ctx.session))),
    markRead: tenantProcedure.meta({ audited: false }).input(MarkReadInput).output(Count).mutation(({ ctx, input }) => notifications.markRead(ctx.scope, readerOf(ctx.session), input)),
    markAllRead: tenantProcedure.meta({ audited: false }).input(z.void()).output(Count).mutation(({ ctx }) => notifications.markAllRead(ctx.scope, readerOf(ctx.session))),
    archive: tenantProcedure.meta({ audited: false }).input(ArchiveInput).output(Count).mutation(({ ctx, input }) => notifications.archive(ctx.scope, readerOf(ctx.session), input)),
  }),
  preferences: router({
    get: tenantProcedure.input(z.void()).output(PreferencesOutput).query(({ ctx }) => notifications.preferences(ctx.scope, readerOf(ctx.session))),
    setMuted: tenantProcedure.input(SetMutedInput).output(PreferenceItem).mutation(({ ctx, input }) => notifications.setMuted(ctx.scope, readerOf(ctx.session), input)),
  }),
  /**
   * The bell: an InboxSnapshot at start and after every signal naming the user. Each is sent with
   * `tracked(digest, snapshot)`, so a reconnect (which sends the last id back) does not resend the same one.
   */
  live: tenantProcedure.input(LiveInput).subscription(async function* ({ ctx, input, signal }) {
    const reader = readerOf(ctx.session);
    for await (const { id, data } of snapshots(ctx.hub, ctx.scope.tenantId, reader.userId, () => notifications.liveSnapshot(ctx.scope, reader), { signal, lastEventId: input?.lastEventId, recheck: () => sessionStillUsable(ctx) })) {
      yield tracked(id, InboxSnapshot.parse(data));
    }
  }),
});
