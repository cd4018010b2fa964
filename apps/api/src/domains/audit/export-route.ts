// GET /api/audit/export.csv: the filtered audit log as a CSV download, streamed in keyset batches so
// memory stays flat at any size. UTF-8 with a byte order mark (so spreadsheets read accents right), in the
// tenant's language and list separator, named after the day in the tenant's time zone. Authenticated by the session cookie; needs the audit.read permission.
// Everything that can fail for a reason we can name (session, permission, filters, the first query) fails
// before the first byte is sent, through the server's one error handler; only a failure mid-stream, after
// the 200, can still cut the download.
import { AuditFilters } from "@tenancy/contracts";
import type { FastifyPluginAsync } from "fastify";
import { tenantScope, type Services } from "../../lib/scope.js";
import { inputError } from "../../trpc/errors.js";
import { assertSafeInput } from "../../trpc/middlewares/input-guard.js";
import { tenantOf } from "../../trpc/middlewares/roles.js";
import { assertUsableSession } from "../../trpc/middlewares/session.js";
import { validateSessionToken } from "../auth/sessions.js";
import { csvBody, csvOptions, exportFileName } from "./csv.js";
import * as audit from "./service.js";

export const auditExportRoute =
  (services: Services, cookieName: string): FastifyPluginAsync =>
  async (app) => {
    // Recording the export makes this GET state-changing: the CSRF hook refuses it to cross-site requests,
    // and no HEAD route is derived from it (a HEAD would record an export nobody received).
    app.get("/api/audit/export.csv", { config: { recordsOnGet: true }, exposeHeadRoute: false }, async (req, reply) => {
      const token = req.cookies[cookieName];
      const session = token ? await validateSessionToken(services, token, { now: services.clock.now(), days: services.env.SESSION_DAYS }) : null;
      // The same checks as the tRPC middlewares, from the same functions.
      assertUsableSession(session);
      const tenant = tenantOf(session, "audit.read");
      // The same guard and contract as audit.list, so a filter refused there is refused here, with a 400.
      assertSafeInput(req.query);
      const parsed = AuditFilters.safeParse(req.query);
      if (!parsed.success) throw inputError(parsed.error);
      const filters = parsed.data;

      const scope = tenantScope(
        services,
        {
          tenantId: tenant.id,
          timeZone: tenant.timeZone,
          actor: { type: "user", id: session.principalId, name: session.name },
          permissions: session.permissions,
        },
        { ip: req.ip, userAgent: req.headers["user-agent"]?.slice(0, 400) ?? null, requestId: String(req.id) },
      );
      const settings = await scope.db.ownTenant.get({ timeZone: true, maskPersonalDataInExports: true, slug: true, language: true, numberFormat: true });
      const options = csvOptions({ ...settings, mask: settings.maskPersonalDataInExports });

      const body = await csvBody(audit.stream(scope, filters), options, (rows) => audit.recordExport(scope, rows, filters));

      const fileName = exportFileName(settings.slug, services.clock.now(), settings.timeZone);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .header("cache-control", "no-store")
        .send(body);
    });
  };
