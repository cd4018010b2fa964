// The ceilings of auth-read: bare Fastify apps (no logger, no plugins) with one route doing the product's
// two reads with the thinnest code that can. Both check the session the same way, with their own copy of
// what sessions.ts loads (session, user, tenant, permissions in one query; SHA-256 of the secret compared in
// constant time), so a slower product does not slow its ceiling; they differ only in how they reach the DB:
// - "bare prisma": that query through prisma.$queryRawUnsafe, then prisma.user.findFirst({ where: { id,
//   tenantId } }) with the select of users.get (domains/users/service.ts);
// - "bare sql": both reads as hand-written SQL through `pg` (PostgreSQL) or PGlite's query.
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { PERMISSION_NAMES, TENANT_ADMIN_ROLE_KEY } from "@tenancy/contracts";
import type { PrismaClient } from "@tenancy/db";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
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
       COALESCE((SELECT json_agg(json_build_object('id', r.id, 'key', r.key, 'name', r.name) ORDER BY ur."createdAt")
                   FROM user_roles ur JOIN roles r ON r.id = ur."roleId" WHERE ur."userId" = u.id), '[]') AS roles
  FROM users u
 WHERE u.id = $1 AND u."tenantId" = $2`;

interface SessionRow {
  secretHash: string;
  expiresAt: Date;
  tenantId: string;
  status: string;
  mustChangePassword: boolean;
  tenantStatus: string;
  permissions: string[] | null;
  isTenantAdmin: boolean;
}

type Query = <T>(text: string, params: unknown[]) => Promise<T[]>;

const encoder = new TextEncoder();

/** The tenant of a valid session allowed to read users, or null. */
async function sessionTenant(query: Query, cookieHeader: string | undefined, cookieName: string): Promise<string | null> {
  const token = cookieValue(cookieHeader, cookieName) ?? "";
  const dot = token.indexOf(".");
  if (dot <= 0) return null;
  const [session] = await query<SessionRow>(SESSION_SQL, [token.slice(0, dot)]);
  if (!session || !constantTimeEqual(sha256(encoder.encode(token.slice(dot + 1))), Buffer.from(session.secretHash, "hex"))) return null;
  const permissions: readonly string[] = session.isTenantAdmin ? PERMISSION_NAMES : (session.permissions ?? []);
  const valid = session.expiresAt.getTime() > Date.now() && session.status === "active" && !session.mustChangePassword && session.tenantStatus === "active";
  return valid && permissions.includes(READ_PERMISSION) ? session.tenantId : null;
}

export function barePrismaApp(prisma: PrismaClient, cookieName: string): FastifyInstance {
  const query: Query = (text, params) => prisma.$queryRawUnsafe(text, ...params);
  const app = Fastify({ logger: false });
  app.get<{ Querystring: { userId: string } }>(CEILING_PATH, async (req, reply) => {
    const tenantId = await sessionTenant(query, req.headers.cookie, cookieName);
    if (!tenantId) return refuse(reply, 401);
    const user = await prisma.user.findFirst({
      where: { id: req.query.userId, tenantId },
      select: {
        id: true, email: true, name: true, status: true, mustChangePassword: true, language: true, lastLoginAt: true, createdAt: true,
        roles: { select: { role: { select: { id: true, key: true, name: true } } }, orderBy: { createdAt: "asc" } },
      },
    });
    if (!user) return refuse(reply, 404);
    return { ...user, roles: user.roles.map((r) => r.role) };
  });
  return app;
}

export function bareSqlApp(sql: RawSql, cookieName: string): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get<{ Querystring: { userId: string } }>(CEILING_PATH, async (req, reply) => {
    const tenantId = await sessionTenant(sql.query, req.headers.cookie, cookieName);
    if (!tenantId) return refuse(reply, 401);
    const [user] = await sql.query<Record<string, unknown>>(USER_SQL, [req.query.userId, tenantId]);
    return user ?? refuse(reply, 404);
  });
  return app;
}
