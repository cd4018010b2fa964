// Sessions the Lucia way: token "<id>.<secret>", only SHA-256(secret) stored, constant-time comparison,
// sliding expiry renewed when half spent. One SQL round trip resolves a token to its principal; a token whose
// session is gone costs one more, to say why it ended (decision 0020).
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { PERMISSION_NAMES, TENANT_ADMIN_ROLE_KEY } from "@tenancy/contracts";
import type { HotQuery, PrismaClient, SessionEndReason } from "@tenancy/db";
import { randomFillSync } from "node:crypto";

const DAY = 24 * 60 * 60 * 1000;
const encoder = new TextEncoder();

function randomPart(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  randomFillSync(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

const hashSecret = (secret: string) => sha256(encoder.encode(secret));
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

export type Principal =
  | { kind: "platform_admin"; id: string }
  | { kind: "user"; id: string; tenantId: string };

export interface CreatedSession {
  token: string;
  expiresAt: Date;
}

/** Any client with the session delegate: the root client or a transaction. */
type SessionStore = Pick<PrismaClient, "session">;

export async function createSession(
  prisma: SessionStore,
  principal: Principal,
  { now, days, ip, userAgent }: { now: Date; days: number; ip: string | null; userAgent: string | null },
): Promise<CreatedSession> {
  const id = randomPart(15); // 120 bits, public half
  const secret = randomPart(20); // 160 bits, never stored
  const expiresAt = new Date(now.getTime() + days * DAY);
  await prisma.session.create({
    data: {
      id,
      secretHash: toHex(hashSecret(secret)),
      platformAdminId: principal.kind === "platform_admin" ? principal.id : null,
      userId: principal.kind === "user" ? principal.id : null,
      tenantId: principal.kind === "user" ? principal.tenantId : null,
      expiresAt,
      createdAt: now,
      ip,
      userAgent: userAgent?.slice(0, 400) ?? null,
    },
  });
  return { token: `${id}.${secret}`, expiresAt };
}

export interface SessionRecord {
  sessionId: string;
  expiresAt: Date;
  kind: "platform_admin" | "user";
  principalId: string;
  email: string;
  name: string;
  active: boolean;
  mustChangePassword: boolean;
  /** The principal's own language (a user's or a platform admin's), null when they chose none. */
  userLanguage: string | null;
  tenant: { id: string; slug: string; name: string; timeZone: string; currency: string; language: string; dateFormat: string; numberFormat: string; active: boolean } | null;
  permissions: string[];
  /** Set when the expiry was pushed forward by this validation. */
  renewedExpiresAt: Date | null;
}

interface Row {
  id: string;
  secretHash: string;
  expiresAt: Date;
  platformAdminId: string | null;
  userId: string | null;
  email: string | null;
  name: string | null;
  status: string | null;
  mustChangePassword: boolean | null;
  userLanguage: string | null;
  tenantId: string | null;
  tenantStatus: string | null;
  slug: string | null;
  tenantName: string | null;
  timeZone: string | null;
  currency: string | null;
  tenantLanguage: string | null;
  dateFormat: string | null;
  numberFormat: string | null;
  permissions: string[] | null;
  isTenantAdmin: boolean | null;
}

const LOOKUP = `
SELECT s.id, s."secretHash", s."expiresAt", s."platformAdminId", s."userId",
       COALESCE(u.email, pa.email) AS email, COALESCE(u.name, pa.name) AS name,
       COALESCE(u.status, pa.status)::text AS status,
       COALESCE(u."mustChangePassword", pa."mustChangePassword") AS "mustChangePassword",
       COALESCE(u.language, pa.language) AS "userLanguage",
       t.id AS "tenantId", t.status::text AS "tenantStatus", t.slug, t.name AS "tenantName", t."timeZone", t.currency,
       t.language AS "tenantLanguage", t."dateFormat", t."numberFormat", r.permissions, r."isTenantAdmin"
  FROM sessions s
  LEFT JOIN users u ON u.id = s."userId" AND u."tenantId" = s."tenantId"
  LEFT JOIN platform_admins pa ON pa.id = s."platformAdminId"
  LEFT JOIN tenants t ON t.id = u."tenantId"
  LEFT JOIN LATERAL (
    -- Grants count only within the user's own tenant (the composite foreign keys already ensure it; this
    -- keeps the lookup right even if a row were ever linked across tenants by hand).
    SELECT array_agg(DISTINCT p) FILTER (WHERE p IS NOT NULL) AS permissions,
           bool_or(ro.key = '${TENANT_ADMIN_ROLE_KEY}') AS "isTenantAdmin"
      FROM user_roles ur
      JOIN roles ro ON ro.id = ur."roleId" AND ro."tenantId" = u."tenantId"
      LEFT JOIN LATERAL unnest(ro.permissions) AS p ON true
     WHERE ur."userId" = u.id AND ur."tenantId" = u."tenantId"
  ) r ON u.id IS NOT NULL
 WHERE s.id = $1`;

/**
 * Why a presented token no longer opens a session: it expired, or it was ended before its time for a noted
 * reason (ended_sessions), or nothing is known (a malformed, unknown or forged token, or a note already
 * swept away).
 */
export type SessionEnd = SessionEndReason | "expired" | null;

export type SessionLookup = { session: SessionRecord; ended: null } | { session: null; ended: SessionEnd };

/** Resolves a cookie token; null when malformed, unknown, expired or not matching. */
export async function validateSessionToken(
  services: { prisma: PrismaClient; query: HotQuery },
  token: string,
  options: { now: Date; days: number },
): Promise<SessionRecord | null> {
  return (await lookupSession(services, token, options)).session;
}

/** Splits a token into its public id and its secret; null when it cannot be one of ours. */
function parseToken(token: string): { id: string; secret: string } | null {
  const dot = token.indexOf(".");
  if (dot <= 0 || token.length > 100) return null;
  return { id: token.slice(0, dot), secret: token.slice(dot + 1) };
}

const matches = (secret: string, storedHash: string) =>
  /^[0-9a-f]{64}$/.test(storedHash) && constantTimeEqual(hashSecret(secret), new Uint8Array(Buffer.from(storedHash, "hex")));

/** Why the session of a token that opens none ended, when the token is genuine and its end was noted. */
async function noteOfEnd(prisma: PrismaClient, id: string, secret: string, now: Date): Promise<SessionEnd> {
  const note = await prisma.endedSession.findUnique({ where: { id }, select: { secretHash: true, reason: true, expiresAt: true } });
  if (!note || !matches(secret, note.secretHash)) return null;
  return note.expiresAt.getTime() <= now.getTime() ? "expired" : note.reason;
}

/** Resolves a cookie token to its session, or says why it opens none (`ended`). */
export async function lookupSession(
  { prisma, query }: { prisma: PrismaClient; query: HotQuery },
  token: string,
  { now, days }: { now: Date; days: number },
): Promise<SessionLookup> {
  const parsed = parseToken(token);
  if (!parsed) return { session: null, ended: null };
  const { id, secret } = parsed;
  // A named prepared statement on the pool: the lookup runs on every request, so it skips Prisma's per-query cost.
  const rows = await query<Row>({ name: "session_lookup", text: LOOKUP, values: [id] });
  const row = rows[0];
  if (!row) return { session: null, ended: await noteOfEnd(prisma, id, secret, now) };
  if (!row.email || !row.name || !matches(secret, row.secretHash)) return { session: null, ended: null };
  if (row.expiresAt.getTime() <= now.getTime()) {
    await prisma.session.deleteMany({ where: { id } });
    return { session: null, ended: "expired" };
  }
  let renewedExpiresAt: Date | null = null;
  if (row.expiresAt.getTime() - now.getTime() < (days * DAY) / 2) {
    renewedExpiresAt = new Date(now.getTime() + days * DAY);
    await prisma.session.update({ where: { id }, data: { expiresAt: renewedExpiresAt } });
  }
  const isUser = row.userId !== null;
  const session: SessionRecord = {
    sessionId: id,
    expiresAt: renewedExpiresAt ?? row.expiresAt,
    kind: isUser ? "user" : "platform_admin",
    principalId: (row.userId ?? row.platformAdminId)!,
    email: row.email,
    name: row.name,
    active: row.status === "active",
    mustChangePassword: row.mustChangePassword === true,
    userLanguage: row.userLanguage,
    tenant:
      isUser && row.tenantId
        ? {
            id: row.tenantId,
            slug: row.slug!,
            name: row.tenantName!,
            timeZone: row.timeZone!,
            currency: row.currency!,
            language: row.tenantLanguage!,
            dateFormat: row.dateFormat!,
            numberFormat: row.numberFormat!,
            active: row.tenantStatus === "active",
          }
        : null,
    permissions: row.isTenantAdmin ? [...PERMISSION_NAMES] : (row.permissions ?? []),
    renewedExpiresAt,
  };
  return { session, ended: null };
}

