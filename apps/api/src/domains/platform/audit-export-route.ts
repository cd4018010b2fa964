// GET /api/platform/audit/export.csv: the filtered platform audit log as a CSV download, streamed in keyset
// batches. The tenant export's columns and rows (audit/csv.ts, called as it is), times in the filters' time
// zone; for platform admins only, checked by the same functions as the tRPC middlewares before the first byte.
import { PlatformAuditFilters } from "@tenancy/contracts";
import type { FastifyPluginAsync } from "fastify";
import type { Scope, Services } from "../../lib/scope.js";
import { inputError } from "../../trpc/errors.js";
import { assertSafeInput } from "../../trpc/middlewares/input-guard.js";
import { assertPlatformAdmin } from "../../trpc/middlewares/roles.js";
import { assertUsableSession } from "../../trpc/middlewares/session.js";
import { csvBody, csvOptions, exportFileName } from "../audit/csv.js";
import { validateSessionToken } from "../auth/sessions.js";
import * as platformAudit from "./audit-service.js";

export const PLATFORM_AUDIT_EXPORT_PATH = "/api/platform/audit/export.csv";

export const platformAuditExportRoute =
  (services: Services, cookieName: string): FastifyPluginAsync =>
  async (app) => {
    // Recording the export makes this GET state-changing: no cross-site requests, no derived HEAD route.
    app.get(PLATFORM_AUDIT_EXPORT_PATH, { config: { recordsOnGet: true }, exposeHeadRoute: false }, async (req, reply) => {
      const token = req.cookies[cookieName];
      const session = token ? await validateSessionToken(services, token, { now: services.clock.now(), days: services.env.SESSION_DAYS }) : null;
      assertUsableSession(session);
      assertPlatformAdmin(session);
      assertSafeInput(req.query);
      const parsed = PlatformAuditFilters.safeParse(req.query);
      if (!parsed.success) throw inputError(parsed.error);
      const filters = parsed.data;

      const scope: Scope = {
        ...services,
        actor: { type: "platform_admin", id: session.principalId, name: session.name },
        request: { ip: req.ip, userAgent: req.headers["user-agent"]?.slice(0, 400) ?? null, requestId: String(req.id) },
        audit: { count: 0 },
      };
      const timeZone = filters.timeZone ?? "UTC";
      const options = csvOptions({ language: session.userLanguage ?? "en", timeZone, mask: false });

      const body = await csvBody(platformAudit.stream(scope, filters), options, (rows) => platformAudit.recordExport(scope, rows, filters));

      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${exportFileName("platform", services.clock.now(), timeZone)}"`)
        .header("cache-control", "no-store")
        .send(body);
    });
  };
