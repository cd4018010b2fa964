// What a service may touch: the database, the clock, e-mail, and who is acting from where.
// Built by the tRPC middlewares (or by a job or a test) and passed to every service call.
import type { HotQuery, PrismaClient, TenantDb } from "@tenancy/db";
import type { Logger } from "pino";
import type { Env } from "../env.js";
import type { Clock } from "./clock.js";
import type { EmailSender } from "./email.js";

export interface Services {
  prisma: PrismaClient;
  /** Raw parameterised queries on the same pool, for per-request hot paths only (the session lookup). */
  query: HotQuery;
  clock: Clock;
  email: EmailSender;
  log: Logger;
  env: Env;
}

export interface Actor {
  type: "platform_admin" | "user" | "system" | "anonymous";
  id: string | null;
  name: string | null;
}

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface Scope extends Services {
  actor: Actor;
  request: RequestInfo;
  /** Counts audit entries written during this call; the audit guard refuses a mutation that wrote none. */
  audit: { count: number };
}

export interface TenantScope extends Scope {
  tenantId: string;
  /** The tenant-bound client: every tenant-owned query through it is filtered by tenantId. */
  db: TenantDb;
  permissions: ReadonlySet<string>;
  /** The tenant's IANA time zone as of this request (from the session lookup: no extra query). */
  timeZone: string;
}

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, name: "system" };

export function systemScope(services: Services): Scope {
  return { ...services, actor: SYSTEM_ACTOR, request: { ip: null, userAgent: null, requestId: null }, audit: { count: 0 } };
}
