// Background work of the notifications (decision 50): telling once per trial that it ends within 3 days
// (`subscription.trial_ending`, which the default rule turns into a notification), and purging notifications
// older than their tenant's retention with the threads they leave empty or that expired.
import { pending, recordAll } from "../lib/record.js";
import { systemScope, type Services } from "../lib/scope.js";

const DAY = 86_400_000;
export const TRIAL_ENDING_DAYS = 3;
/** Platform admins' notifications have no tenant setting: kept as long as a tenant's are by default. */
export const PLATFORM_NOTIFICATION_RETENTION_DAYS = 90;

/** Records `subscription.trial_ending` for trials ending within 3 days not told yet, in batches; returns how many. */
export async function warnEndingTrials(services: Services, { batchSize = 200, maxBatches = 20 } = {}): Promise<number> {
  const scope = systemScope(services);
  let total = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const now = services.clock.now();
    const claimed = await services.prisma.$transaction(async (tx) => {
      // Claimed and marked in one statement (SKIP LOCKED: another worker takes other rows), recorded in the same transaction.
      const rows = await tx.$queryRawUnsafe<{ id: string; tenantId: string; moduleKey: string; planId: string; trialEnd: Date }[]>(
        `UPDATE subscriptions s SET "trialEndingNotifiedAt" = $1::timestamptz
         WHERE s.id IN (
           SELECT id FROM subscriptions
           WHERE status = 'trialing' AND "trialEndingNotifiedAt" IS NULL AND "trialEnd" > $1::timestamptz AND "trialEnd" <= $2::timestamptz
           ORDER BY "trialEnd" LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING s.id::text AS id, s."tenantId"::text AS "tenantId", s."moduleKey", s."planId"::text AS "planId", s."trialEnd"`,
        now.toISOString(),
        new Date(now.getTime() + TRIAL_ENDING_DAYS * DAY).toISOString(),
        batchSize,
      );
      await recordAll(
        tx,
        scope,
        rows.map((s) =>
          pending({
            type: "subscription.trial_ending",
            tenantId: s.tenantId,
            target: { type: "subscription", id: s.id, name: s.moduleKey },
            changes: { trialEnd: s.trialEnd.toISOString() },
            payload: { subscriptionId: s.id, moduleKey: s.moduleKey, planId: s.planId, trialEnd: s.trialEnd.toISOString(), daysLeft: Math.ceil((s.trialEnd.getTime() - now.getTime()) / DAY) },
          }),
        ),
      );
      return rows.length;
    });
    total += claimed;
    if (claimed < batchSize) break;
  }
  return total;
}

/** Deletes notifications past retention, fixes their threads' counts, and removes threads left empty or expired. */
export async function purgeNotifications(services: Services): Promise<number> {
  const now = services.clock.now().toISOString();
  const platformCutoff = new Date(services.clock.now().getTime() - PLATFORM_NOTIFICATION_RETENTION_DAYS * DAY).toISOString();
  return services.prisma.$transaction(async (tx) => {
    const [tenant] = await tx.$queryRawUnsafe<{ n: number }[]>(
      `WITH gone AS (
         DELETE FROM notifications n USING tenants t
         WHERE n."tenantId" = t.id AND n."createdAt" < $1::timestamptz - make_interval(days => t."notificationRetentionDays")
         RETURNING n."threadId"),
       per AS (SELECT "threadId", count(*)::int AS n FROM gone GROUP BY "threadId"),
       fixed AS (UPDATE notification_threads th SET count = GREATEST(th.count - per.n, 0) FROM per WHERE th.id = per."threadId" RETURNING th.id)
       SELECT (SELECT count(*)::int FROM gone) AS n`,
      now,
    );
    await tx.$executeRawUnsafe(
      `DELETE FROM notification_threads WHERE count = 0 OR ("expiresAt" IS NOT NULL AND "expiresAt" <= $1::timestamptz)`,
      now,
    );
    const [platform] = await tx.$queryRawUnsafe<{ n: number }[]>(
      `WITH gone AS (DELETE FROM platform_notifications WHERE "createdAt" < $1::timestamptz RETURNING "threadId"),
       per AS (SELECT "threadId", count(*)::int AS n FROM gone GROUP BY "threadId"),
       fixed AS (UPDATE platform_notification_threads th SET count = GREATEST(th.count - per.n, 0) FROM per WHERE th.id = per."threadId" RETURNING th.id)
       SELECT (SELECT count(*)::int FROM gone) AS n`,
      platformCutoff,
    );
    await tx.$executeRawUnsafe(`DELETE FROM platform_notification_threads WHERE count = 0 OR ("expiresAt" IS NOT NULL AND "expiresAt" <= $1::timestamptz)`, now);
    return (tenant?.n ?? 0) + (platform?.n ?? 0);
  });
}
