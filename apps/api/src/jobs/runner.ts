// Runs the background jobs on an interval: sealing the audit chain (every few seconds), billing (every 30
// seconds), retention of audit entries and dispatched events (hourly) and housekeeping of expired sessions
// and login throttles (every 10 minutes). The event dispatcher runs beside them (main.ts).
// Safe to run in several processes at once: each job locks only the rows it works on.
import { purgeNotifications, warnEndingTrials } from "./notifications.js";
import { createPaymentGateway, type PaymentGateway } from "../domains/billing/gateway.js";
import type { Services } from "../lib/scope.js";
import { runBilling } from "./billing.js";
import { cleanUp } from "./cleanup.js";
import { purgeDispatchedEvents, purgeExpiredAuditEntries } from "./retention.js";
import { sealAuditEntries } from "./seal-audit.js";

export interface JobRunner {
  stop(): Promise<void>;
}

export function startJobs(
  services: Services,
  {
    sealEveryMs = 2000,
    retentionEveryMs = 60 * 60 * 1000,
    cleanupEveryMs = 10 * 60 * 1000,
    billingEveryMs = 30 * 1000,
    gateway = createPaymentGateway(services.env.PAYMENT_GATEWAY, services.log),
  }: { sealEveryMs?: number; retentionEveryMs?: number; cleanupEveryMs?: number; billingEveryMs?: number; gateway?: PaymentGateway } = {},
): JobRunner {
  let stopped = false;
  // Every job in flight, so stop() waits for all of them (not only the last one started) before the caller
  // closes the database.
  const running = new Set<Promise<void>>();

  const every = (ms: number, name: string, job: () => Promise<number>) => {
    const tick = () => {
      if (stopped) return;
      const run = job()
        .then((count) => {
          if (count > 0) services.log.debug({ job: name, count }, "job done");
        })
        .catch((err) => services.log.error({ err, job: name }, "job failed"))
        .finally(() => {
          running.delete(run);
          if (!stopped) timer = setTimeout(tick, ms);
        });
      running.add(run);
    };
    let timer = setTimeout(tick, Math.min(ms, 1000));
    return () => clearTimeout(timer);
  };

  const cancels = [
    every(sealEveryMs, "seal-audit", () => sealAuditEntries(services.prisma, services.clock)),
    every(retentionEveryMs, "retention", async () => (await purgeExpiredAuditEntries(services)) + (await purgeDispatchedEvents(services)) + (await purgeNotifications(services))),
    every(cleanupEveryMs, "cleanup", () => cleanUp(services)),
    every(billingEveryMs, "billing", async () => (await runBilling(services, { gateway })).worked + (await warnEndingTrials(services))),
  ];
  return {
    async stop() {
      stopped = true;
      cancels.forEach((cancel) => cancel());
      await Promise.all(running);
    },
  };
}
