// Runs the background jobs on an interval: sealing the audit chain (every few seconds) and retention
// (hourly). Safe to run in several processes at once: each job locks the chain row it works on.
import type { Services } from "../lib/scope.js";
import { purgeExpiredAuditEntries } from "./retention.js";
import { sealAuditEntries } from "./seal-audit.js";

export interface JobRunner {
  stop(): Promise<void>;
}

export function startJobs(services: Services, { sealEveryMs = 2000, retentionEveryMs = 60 * 60 * 1000 } = {}): JobRunner {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();

  const every = (ms: number, name: string, job: () => Promise<number>) => {
    const tick = () => {
      if (stopped) return;
      running = job()
        .then((count) => {
          if (count > 0) services.log.debug({ job: name, count }, "job done");
        })
        .catch((err) => services.log.error({ err, job: name }, "job failed"))
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, ms);
        });
    };
    let timer = setTimeout(tick, Math.min(ms, 1000));
    return () => clearTimeout(timer);
  };

  const cancels = [
    every(sealEveryMs, "seal-audit", () => sealAuditEntries(services.prisma, services.clock)),
    every(retentionEveryMs, "retention", () => purgeExpiredAuditEntries(services)),
  ];
  return {
    async stop() {
      stopped = true;
      cancels.forEach((cancel) => cancel());
      await running.catch(() => undefined);
    },
  };
}
