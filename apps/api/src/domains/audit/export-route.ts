// GET /api/audit/export.csv: the filtered audit log as a CSV download, streamed in keyset batches so
// memory stays flat at any size. Authenticated by the session cookie; needs the audit.read permission.
import { AuditFilters } from "@tenancy/contracts";
import { forTenant } from "@tenancy/db";
import type { FastifyPluginAsync } from "fastify";
import { Readable } from "node:stream";
import type { Services } from "../../lib/scope.js";
import type { TenantScope } from "../../lib/scope.js";
import { validateSessionToken } from "../auth/sessions.js";
import { CSV_COLUMNS, csvRow, localTimeFormatter } from "./csv.js";
import * as audit from "./service.js";

export const auditExportRoute =
  (services: Services, cookieName: string): FastifyPluginAsync =>
  async (app) => {
    app.get("/api/audit/export.csv", async (req, reply) => {
      const fail = (status: number, code: string, message: string) =>
        reply
          .code(status)
          .send({
            error: {
              message,
              data: { code, httpStatus: status, requestId: req.id },
            },
          });
      const token = req.cookies[cookieName];
      const session = token
        ? await validateSessionToken(services, token, {
            now: services.clock.now(),
            days: services.env.SESSION_DAYS,
          })
        : null;
      if (!session || !session.active || !session.tenant?.active)
        return fail(401, "UNAUTHENTICATED", "Log in to export the audit log.");
      if (session.mustChangePassword)
        return fail(
          403,
          "PASSWORD_CHANGE_REQUIRED",
          "Change your password before continuing.",
        );
      if (!session.permissions.includes("audit.read"))
        return fail(
          403,
          "FORBIDDEN",
          'You need the "audit.read" permission for this.',
        );
      const parsed = AuditFilters.safeParse(req.query);
      if (!parsed.success)
        return fail(
          400,
          "BAD_INPUT",
          parsed.error.issues
            .map((i) => `${i.path.join(".")}: ${i.message}`)
            .join("; "),
        );

      const tenantId = session.tenant.id;
      const scope: TenantScope = {
        ...services,
        actor: { type: "user", id: session.principalId, name: session.name },
        request: {
          ip: req.ip,
          userAgent: req.headers["user-agent"] ?? null,
          requestId: String(req.id),
        },
        audit: { count: 0 },
        tenantId,
        db: forTenant(services.prisma, tenantId),
        permissions: new Set(session.permissions),
      timeZone: session.tenant.timeZone,
      };
      const tenant = await services.prisma.tenant.findUniqueOrThrow({
        where: { id: tenantId },
        select: { timeZone: true, maskPersonalDataInExports: true, slug: true },
      });
      const options = { local: localTimeFormatter(tenant.timeZone), mask: tenant.maskPersonalDataInExports };
      const filters = parsed.data;

      async function* lines() {
        yield "\uFEFF" + CSV_COLUMNS.join(",") + "\r\n";
        let rows = 0;
        let chunk = "";
        for await (const entry of audit.stream(scope, filters)) {
          chunk += csvRow(entry, options);
          rows += 1;
          if (chunk.length > 64 * 1024) {
            yield chunk;
            chunk = "";
          }
        }
        if (chunk) yield chunk;
        await audit.recordExport(scope, rows, filters);
      }

      const stamp = services.clock.now().toISOString().slice(0, 10);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="audit-${tenant.slug}-${stamp}.csv"`,
        )
        .header("cache-control", "no-store")
        .send(Readable.from(lines()));
    });
  };
