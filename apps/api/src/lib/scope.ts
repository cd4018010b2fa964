// What a service may touch: the database, the clock, e-mail, and who is acting from where.
// Built by the tRPC middlewares (or by a job or a test) and passed to every service call.
//
// Two kinds of scope, on purpose with different shapes:
// - `Scope` (platform, auth, jobs) holds the unscoped client `prisma` and the raw `query`.
// - `TenantScope` holds only `db`, the tenant-bound client from `forTenant()`: no `prisma`, no `query`,
//   so tenant code has no path to another tenant's rows (lint keeps tenant domains from importing one).
import type { AuditActorType } from "@tenancy/contracts";
import { forTenant, type HotQuery, type PrismaClient, type TenantDb } from "@tenancy/db";
import type { Logger } from "pino";
import type { Env } from "../env.js";
import type { Clock } from "./clock.js";
import type { EmailSender } from "./email.js";

/** What every service may use, whatever its scope. */
export interface Basics {
  clock: Clock;
  email: EmailSender;
  log: Logger;
  env: Env;
}

/** Process-wide services: the basics plus the unscoped database. Never handed to tenant code. */
export interface Services extends Basics {
  prisma: PrismaClient;
  /** Raw parameterised queries on the same pool, for per-request hot paths only (the session lookup). */
  query: HotQuery;
}

export interface Actor {
  type: AuditActorType;
  id: string | null;
  name: string | null;
}

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** Who acts, from where, and the audit counter of this call: what `record()` needs besides a transaction. */
export interface Acting extends Basics {
  actor: Actor;
  request: RequestInfo;
  /** Counts audit entries written during this call; the audit guard refuses a mutation that wrote none. */
  audit: { count: number };
}

/** The scope of platform, auth and system code. */
export interface Scope extends Services, Acting {}

/** The scope of tenant code: the tenant-bound client only. */
export interface TenantScope extends Acting {
  tenantId: string;
  /** The tenant-bound client: tenant-owned models only, every query filtered by tenantId. */
  db: TenantDb;
  permissions: ReadonlySet<string>;
  /** The tenant's IANA time zone as of this request (from the session lookup: no extra query). */
  timeZone: string;
}

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, name: "system" };

export function systemScope(services: Services): Scope {
  return { ...services, actor: SYSTEM_ACTOR, request: { ip: null, userAgent: null, requestId: null }, audit: { count: 0 } };
}

/** The tenant scope of a signed-in tenant user; the only place one is built from process-wide services. */
export function tenantScope(
  { prisma, clock, email, log, env }: Services,
  principal: { tenantId: string; timeZone: string; actor: Actor; permissions: Iterable<string> },
  request: RequestInfo,
  audit: { count: number } = { count: 0 },
): TenantScope {
  return {
    clock,
    email,
    log,
    env,
    actor: principal.actor,
    request,
    audit,
    tenantId: principal.tenantId,
    db: forTenant(prisma, principal.tenantId),
    permissions: new Set(principal.permissions),
    timeZone: principal.timeZone,
  };
}
