// Ending sessions before their time, the one way: each ended session leaves a note of why (a row of
// ended_sessions, kept until the session would have expired), then is deleted. The browser that still holds
// its cookie is then told why on its next request, instead of a bare "not signed in" (decision 0020).
import type { Prisma } from "./generated/prisma/client.js";
import type { SessionEndReason } from "./generated/prisma/enums.js";

/** Any client with the two delegates: the root client or a transaction (run it inside one). */
type Store = Pick<Prisma.TransactionClient, "session" | "endedSession">;

/** Ends the sessions matching `where`, noting `reason` for each; returns how many ended. */
export async function endSessions(client: Store, where: Prisma.SessionWhereInput, reason: SessionEndReason): Promise<number> {
  const sessions = await client.session.findMany({ where, select: { id: true, secretHash: true, expiresAt: true } });
  if (sessions.length === 0) return 0;
  await client.endedSession.createMany({ data: sessions.map((session) => ({ ...session, reason })), skipDuplicates: true });
  const { count } = await client.session.deleteMany({ where: { id: { in: sessions.map((session) => session.id) } } });
  return count;
}
