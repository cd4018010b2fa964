// POST /test/clock: the browser tests' handle on time (decision 39). Registered only when TEST_CLOCK=1, which
// env.ts refuses with NODE_ENV=production; answers only to loopback peers (the socket's address, never a
// forwarded one). It moves the services' clock forward and, when asked, runs the billing job now, so a test
// sees a renewal and its invoice without waiting a month or the job's 30 seconds.
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { createPaymentGateway } from "./domains/billing/gateway.js";
import { runBilling } from "./jobs/billing.js";
import { AppError } from "./lib/app-error.js";
import type { TestClock } from "./lib/clock.js";
import type { Services } from "./lib/scope.js";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
/** At most a year per call: enough for any renewal, and no overflow of dates. */
const MAX_ADVANCE_MS = 366 * 24 * 60 * 60 * 1000;

const Body = z.object({
  advanceMs: z.number().int().min(0).max(MAX_ADVANCE_MS).default(0),
  runBilling: z.boolean().default(false),
  /** true stops the clock where it is (until false): a preview and its action then see the same instant. */
  freeze: z.boolean().optional(),
});

export const testClockRoute =
  (services: Services, clock: TestClock): FastifyPluginAsync =>
  async (app) => {
    app.post("/test/clock", async (req) => {
      if (!LOOPBACK.has(req.socket.remoteAddress ?? "")) throw new AppError("FORBIDDEN", "The test clock answers only on the loopback interface.");
      const parsed = Body.safeParse(req.body ?? {});
      if (!parsed.success) throw new AppError("BAD_INPUT", "Give advanceMs (0 to one year, in milliseconds), runBilling and freeze (true or false).");
      if (parsed.data.freeze !== undefined) clock.freeze(parsed.data.freeze);
      clock.advance(parsed.data.advanceMs);
      const run = parsed.data.runBilling
        ? await runBilling(services, { gateway: createPaymentGateway(services.env.PAYMENT_GATEWAY, services.log) })
        : null;
      return { now: clock.now().toISOString(), issued: run?.issued.length ?? 0 };
    });
  };
