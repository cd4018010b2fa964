// The ceilings of auth-read: bare Fastify apps (no logger, no plugins) with one route doing the product's
// two reads, session check then one tenant-scoped user read, with the thinnest code that can:
// - "bare prisma": the product's own session validation (one raw SQL round trip through Prisma) and
//   prisma.user.findFirst({ where: { id, tenantId } }) with the select of users.get (domains/users/service.ts);
// - "bare sql": the same two reads as hand-written SQL through `pg` (PostgreSQL) or PGlite's query.
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { PERMISSION_NAMES, TENANT_ADMIN_ROLE_KEY } from "@tenancy/contracts";
import type { PrismaClient } from "@tenancy/db";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { validateSessionToken } from "../../src/domains/auth/sessions.js";
import type { RawSql } from "../lib/databases.js";

export const CEILING_PATH = "/users.get";
const READ_PERMISSION = "users.read";

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const refuse = (reply: FastifyReply, status: number) => reply.code(status).send({ error: status === 404 ? "not found" : "unauthorized" });

export function barePrismaApp(prisma: PrismaClient, cookieName: string, sessionDays: number): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get<{ Querystring: { userId: string } }>(CEILING_PATH, async (req, reply) => {
    const token = cookieValue(req.headers.cookie, cookieName);
    const session = token ? await validateSessionToken(prisma, token, { now: new Date(), days: sessionDays }) : null;
    if (!session?.active || !session.tenant?.active || !session.permissions.includes(READ_PERMISSION)) return refuse(reply, 401);
    const user = await prisma.user.findFirst({
      where: { id: req.query.userId, tenantId: session.tenant.id },
      select: {
        id: true, email: true, name: true, status: true, mustChangePassword: true, language: true, lastLoginAt: true, createdAt: true,
        roles: { select: { role: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
      },
    });
    if (!user) return refuse(reply, 404);
    return { ...user, roles: user.roles.map((r) => r.role) };
  });
  return app;
}

// The session, its principal, tenant and permissions in one query: what sessions.ts loads for a tenant user.
const SESSION_SQL = `
SELECT s."secretHash", s."expiresAt", u.id AS "userId", u.email, u.name, u.status::text AS status,
       u."mustChangePassword", u.language, t.id AS "tenantId", t.slug, t.name AS "tenantName", t."timeZone",
       t.currency, t.language AS "tenantLanguage", t."dateFormat", t."numberFormat", t.status::text AS "tenantStatus",
       (SELECT array_agg(DISTINCT p) FROM user_roles ur JOIN roles r ON r.id = ur."roleId", unnest(r.permissions) p
         WHERE ur."userId" = u.id) AS permissions,
       EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur."roleId"
                WHERE ur."userId" = u.id AND r.key = '${TENANT_ADMIN_ROLE_KEY}') AS "isTenantAdmin"
  FROM sessions s JOIN users u ON u.id = s."userId" JOIN tenants t ON t.id = u."tenantId"
 WHERE s.id = $1`;

const USER_SQL = `
SELECT u.id, u.email, u.name, u.status::text AS status, u."mustChangePassword", u.language, u."lastLoginAt", u."createdAt",
       COALESCE((SELECT json_agg(json_build_object('id', r.id, 'name', r.name) ORDER BY ur."createdAt")
                   FROM user_roles ur JOIN roles r ON r.id = ur."roleId" WHERE ur."userId" = u.id), '[]') AS roles
  FROM users u
 WHERE u.id = $1 AND u."tenantId" = $2`;

interface SessionRow {
  secretHash: string;
  expiresAt: Date;
  tenantId: string;
  status: string;
  tenantStatus: string;
  permissions: string[] | null;
  isTenantAdmin: boolean;
}

const encoder = new TextEncoder();

export function bareSqlApp(sql: RawSql, cookieName: string): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get<{ Querystring: { userId: string } }>(CEILING_PATH, async (req, reply) => {
    const token = cookieValue(req.headers.cookie, cookieName) ?? "";
    const dot = token.indexOf(".");
    if (dot <= 0) return refuse(reply, 401);
    const [session] = await sql.query<SessionRow>(SESSION_SQL, [token.slice(0, dot)]);
    if (!session || !constantTimeEqual(sha256(encoder.encode(token.slice(dot + 1))), Buffer.from(session.secretHash, "hex"))) return refuse(reply, 401);
    const permissions = session.isTenantAdmin ? PERMISSION_NAMES : (session.permissions ?? []);
    const allowed = session.expiresAt.getTime() > Date.now() && session.status === "active" && session.tenantStatus === "active";
    if (!allowed || !permissions.includes(READ_PERMISSION)) return refuse(reply, 401);
    const [user] = await sql.query<Record<string, unknown>>(USER_SQL, [req.query.userId, session.tenantId]);
    return user ?? refuse(reply, 404);
  });
  return app;
}
