// The product server of the events scenario's SSE parts in a process of its own (PostgreSQL only: PGlite's
// data lives in the bench process), as main.ts runs it: createServer with production settings and the event
// dispatcher with the product's consumers in the same process. Its RSS and CPU are then the server's alone,
// not those of a bench process that has seeded and measured before. Started by events-sse.ts with the
// database URL as its argument; answers { origin } over IPC and stops on "stop" or when the parent goes away.
import { openDatabase } from "@tenancy/db";
import { eventConsumers } from "../../src/events/consumers.js";
import { startDispatcher } from "../../src/events/dispatcher.js";
import { systemClock } from "../../src/lib/clock.js";
import { createEmailSender } from "../../src/lib/email.js";
import type { Services } from "../../src/lib/scope.js";
import { createServer } from "../../src/server.js";
import { productConfig } from "./audit-log-setup.js";

const url = process.argv[2];
if (!url) throw new Error("usage: events-sse-server.ts <postgresql url>");
const { env, log } = productConfig();
const db = await openDatabase({ kind: "postgres", url, poolSize: env.DATABASE_POOL_SIZE });
const services: Services = { prisma: db.prisma, query: db.query, clock: systemClock, email: createEmailSender("none", log), log, env };
const server = await createServer({ env, db, log });
const dispatcher = await startDispatcher(services, db, eventConsumers(services));
const origin = await server.start();

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([server.stop(), dispatcher.stop()]);
  await db.close();
  process.exit(0);
}
process.on("message", (message) => message === "stop" && void stop());
process.on("disconnect", () => void stop());
process.send!({ origin });
