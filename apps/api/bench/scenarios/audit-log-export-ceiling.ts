// The ceiling of the CSV export: a bare Fastify route streaming the same bytes as GET /api/audit/export.csv
// (same keyset batches of 1,000, the product's own csvRow and date formatter) with the thinnest code: raw
// SQL instead of Prisma, no session check, no plugins. Unmasked exports only (the default setting).
import { Readable } from "node:stream";
import type { AuditEntryModel } from "@tenancy/db";
import Fastify, { type FastifyInstance } from "fastify";
import { csvHeader, csvOptions, csvRow } from "../../src/domains/audit/csv.js";
import type { RawSql } from "../lib/databases.js";

export const EXPORT_CEILING_PATH = "/export.csv";

const BATCH = 1000;
const SELECT = `SELECT id, "createdAt", action, crud, module, "actorType", "actorId", "actorName", "targetType", "targetId", "targetName",
  success, ip, "userAgent", changes, seq FROM audit_entries WHERE "tenantId" = $1`;

export function exportCeilingApp(sql: RawSql): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get<{ Querystring: { tenantId: string; timeZone: string; language?: string } }>(EXPORT_CEILING_PATH, async (req, reply) => {
    const { tenantId, timeZone, language = "en" } = req.query;
    const options = csvOptions({ language, timeZone, mask: false });
    async function* lines() {
      yield "\uFEFF" + csvHeader(options);
      let chunk = "";
      let last: AuditEntryModel | undefined;
      for (;;) {
        // The columns csvRow reads, as the product's model has them.
        const rows = last
          ? await sql.query<AuditEntryModel>(`${SELECT} AND "createdAt" <= $2 AND ("createdAt" < $2 OR id < $3) ORDER BY "createdAt" DESC, id DESC LIMIT ${BATCH}`, [tenantId, last.createdAt, last.id])
          : await sql.query<AuditEntryModel>(`${SELECT} ORDER BY "createdAt" DESC, id DESC LIMIT ${BATCH}`, [tenantId]);
        for (const row of rows) {
          chunk += csvRow(row, options);
          if (chunk.length > 64 * 1024) {
            yield chunk;
            chunk = "";
          }
        }
        if (rows.length < BATCH) break;
        last = rows[rows.length - 1];
      }
      if (chunk) yield chunk;
    }
    return reply.header("content-type", "text/csv; charset=utf-8").send(Readable.from(lines()));
  });
  return app;
}
