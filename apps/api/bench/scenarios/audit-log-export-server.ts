// The export's servers in a process of their own (PostgreSQL only: PGlite's data lives in the bench
// process): the product (createServer, production settings) and the bare-stream ceiling on the bench
// database, so the RSS measured during an export is that of a fresh server process, not of a bench process
// that has already seeded, measured and (on PGlite) held gigabytes. Started by audit-log-load.ts's
// startServerProcess with the database URL as its argument; answers { origin, ceilingOrigin } over IPC and
// stops on "stop" or when the parent goes away.
import { openDatabase } from "@tenancy/db";
import { createServer } from "../../src/server.js";
import { exportCeilingApp } from "./audit-log-export-ceiling.js";
import { productConfig } from "./audit-log-setup.js";

const url = process.argv[2];
if (!url) throw new Error("usage: audit-log-export-server.ts <postgresql url>");
const db = await openDatabase({ kind: "postgres", url, poolSize: 4 });
const { env, log } = productConfig();
const server = await createServer({ env, db, log });
const origin = await server.start();
const ceiling = exportCeilingApp({ query: (text, params) => db.sql.query(text, params) });
const ceilingOrigin = await ceiling.listen({ host: "127.0.0.1", port: 0 });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([server.stop(), ceiling.close()]);
  await db.close();
  process.exit(0);
}
process.on("message", (message) => message === "stop" && void stop());
process.on("disconnect", () => void stop());
process.send!({ origin, ceilingOrigin });
