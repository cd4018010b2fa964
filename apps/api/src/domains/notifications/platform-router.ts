// platform.notifications: a platform admin's own inbox, preferences (rules in code) and live bell.
import { ArchiveInput, InboxListInput, InboxListOutput, InboxSnapshot, MarkReadInput, PlatformSetMutedInput, PreferenceItem, PreferencesOutput, ThreadInput, ThreadOutput, UnreadCountOutput } from "@tenancy/contracts";
import { tracked } from "@trpc/server";
import { z } from "zod";
import type { SessionRecord } from "../auth/sessions.js";
import { sessionStillUsable } from "../../trpc/middlewares/session.js";
import { router } from "../../trpc/init.js";
import { platformProcedure } from "../../trpc/procedures.js";
import { snapshots } from "./live.js";
import * as inbox from "./platform-inbox.js";
import { LiveInput } from "./router.js";

const Count = z.object({ count: z.number().int() });
const readerOf = (session: SessionRecord) => ({ adminId: session.principalId, language: session.userLanguage ?? "en" });

export const platformNotificationsRouter = router({
  inbox: router({
    list: platformProcedure.input(InboxListInput).output(InboxListOutput).query(({ ctx, input }) => inbox.list(ctx.scope, readerOf(ctx.session), input)),
    thread: platformProcedure.input(ThreadInput).output(ThreadOutput).query(({ ctx, input }) => inbox.thread(ctx.scope, readerOf(ctx.session), input)),
    unreadCount: platformProcedure.input(z.void()).output(UnreadCountOutput).query(({ ctx }) => inbox.unreadCount(ctx.scope, readerOf(ctx.session))),
    markRead: platformProcedure.meta({ audited: false }).input(MarkReadInput).output(Count).mutation(({ ctx, input }) => inbox.markRead(ctx.scope, readerOf(ctx.session), input)),
    markAllRead: platformProcedure.meta({ audited: false }).input(z.void()).output(Count).mutation(({ ctx }) => inbox.markAllRead(ctx.scope, readerOf(ctx.session))),
    archive: platformProcedure.meta({ audited: false }).input(ArchiveInput).output(Count).mutation(({ ctx, input }) => inbox.archive(ctx.scope, readerOf(ctx.session), input)),
  }),
  preferences: router({
    get: platformProcedure.input(z.void()).output(PreferencesOutput).query(({ ctx }) => inbox.preferences(ctx.scope, readerOf(ctx.session))),
    setMuted: platformProcedure.input(PlatformSetMutedInput).output(PreferenceItem).mutation(({ ctx, input }) => inbox.setMuted(ctx.scope, readerOf(ctx.session), input)),
  }),
  live: platformProcedure.input(LiveInput).subscription(async function* ({ ctx, input, signal }) {
    const reader = readerOf(ctx.session);
    for await (const { id, data } of snapshots(ctx.hub, null, reader.adminId, () => inbox.liveSnapshot(ctx.scope, reader), { signal, lastEventId: input?.lastEventId, recheck: () => sessionStillUsable(ctx) })) {
      yield tracked(id, InboxSnapshot.parse(data));
    }
  }),
});
