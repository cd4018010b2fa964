// Synthetic audit history for the audit-log scenario, generated inside the database (INSERT ... SELECT FROM
// generate_series), so a million rows take seconds instead of a million round trips. Row i is a pure
// function of i (hashint8extended(i, k) gives the k-th independent draw), so a table grown in steps holds
// the same rows as one seeded at once, and every run seeds the same data.
//
// The shape follows what the product writes (record.ts, auth/service.ts): tenant-scoped event types from
// the EVENTS catalog with their module, crud and version; logins, logouts and password changes target the
// actor themselves; user admin events target one of 500 users, role events one of 12 roles, settings the
// tenant; failed logins come from an anonymous actor. Actors: 50 users per tenant, Zipf-distributed (the
// most active does ~22% of the tenant's entries). createdAt is uniform over the year before `endMs`, and ids
// are UUIDv7 from createdAt's milliseconds. The hash-chain columns hold synthetic values of the real width
// (the chain does not verify; nothing here reads it).
import { EVENTS, type EventType } from "@tenancy/contracts";
import type { RawSql } from "../lib/databases.js";

export interface SeedTenant {
  id: string;
  slug: string;
  /** Relative share of the rows. */
  weight: number;
}

/** Per mille of a tenant's entries, by event type (sums to 1000). */
export const ACTION_MIX: [EventType, number][] = [
  ["session.created", 380],
  ["session.revoked", 150],
  ["user.updated", 120],
  ["user.profile_updated", 60],
  ["auth.login_failed", 50],
  ["tenant.settings_updated", 50],
  ["user.created", 40],
  ["role.updated", 40],
  ["audit.exported", 25],
  ["password.changed", 20],
  ["user.password_reset", 20],
  ["user.deactivated", 15],
  ["role.created", 10],
  ["tenant.updated", 10],
  ["user.reactivated", 5],
  ["role.deleted", 5],
];
export const ACTORS_PER_TENANT = 50;
export const TARGET_USERS = 500;
export const TARGET_ROLES = 12;
export const YEAR_MS = 365 * 24 * 3600 * 1000;

const SELF_TARGETED = new Set<EventType>(["session.created", "session.revoked", "password.changed", "user.profile_updated"]);

/** Share of the actor of rank r (0-based) among the tenant's user actors: Zipf over ACTORS_PER_TENANT. */
export function actorShare(rank: number): number {
  let h = 0;
  for (let k = 1; k <= ACTORS_PER_TENANT; k++) h += 1 / k;
  return 1 / (rank + 1) / h;
}

/** `slots` integers whose counts follow `weights` (largest remainder), for a uniform draw by index. */
function slotArray(weights: number[], slots: number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * slots);
  const counts = exact.map(Math.floor);
  let left = slots - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, k) => [e - Math.floor(e), k] as const).sort((a, b) => b[0] - a[0]);
  for (const [, k] of byRemainder) {
    if (left-- <= 0) break;
    counts[k]! += 1;
  }
  return counts.flatMap((c, k) => Array<number>(c).fill(k));
}

// Deterministic ids of synthetic people and roles, so filters can name them: md5 of a label as a UUID.
export const userIdSql = (tenantIdSql: string, rankSql: string) => `md5(${tenantIdSql}::text || ':user:' || ${rankSql})::uuid::text`;
export const roleIdSql = (tenantIdSql: string, rankSql: string) => `md5(${tenantIdSql}::text || ':role:' || ${rankSql})::uuid::text`;

const uuidLiteral = (id: string) => {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not a uuid: ${id}`);
  return `'${id}'::uuid`;
};
const textLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** One INSERT ... SELECT for rows lo (inclusive) to hi (exclusive). */
export function auditSeedSql(opts: { lo: number; hi: number; tenants: SeedTenant[]; endMs: number }): string {
  const { lo, hi, tenants, endMs } = opts;
  const tenantSlots = slotArray(tenants.map((t) => t.weight), 1000);
  const actionSlots = slotArray(ACTION_MIX.map(([, w]) => w), 1000);
  const actorSlots = slotArray(Array.from({ length: ACTORS_PER_TENANT }, (_, r) => actorShare(r)), 1000);
  const actions = ACTION_MIX.map(([type], k) => {
    const def = EVENTS[type];
    return `(${k}, ${textLiteral(type)}, ${textLiteral(def.crud)}, ${textLiteral(def.module)}, ${def.version}, ${SELF_TARGETED.has(type)})`;
  }).join(",\n      ");
  const tenantRows = tenants.map((t, k) => `(${k}, ${uuidLiteral(t.id)}, ${textLiteral(t.slug)})`).join(", ");
  const h = (k: number) => `(hashint8extended(g.i, ${k}) & 2147483647)`;
  return `
INSERT INTO audit_entries (id, "tenantId", action, crud, module, "actorType", "actorId", "actorName", "targetType", "targetId",
  "targetName", changes, ip, "userAgent", success, "eventVersion", "requestId", "createdAt", seq, "prevHash", hash, "sealedAt")
SELECT
  (lpad(to_hex(d.ms), 12, '0') || '7' || substr(d.hx, 1, 3) || '8' || substr(d.hx, 4, 15))::uuid,
  t.id, a.action, a.crud, a.module,
  CASE WHEN a.action = 'auth.login_failed' THEN 'anonymous' WHEN a.action = 'tenant.updated' THEN 'platform_admin' ELSE 'user' END,
  CASE WHEN a.action = 'auth.login_failed' THEN NULL WHEN a.action = 'tenant.updated' THEN '00000000-0000-7000-8000-000000000001'
       ELSE ${userIdSql("t.id", "d.actor")} END,
  CASE WHEN a.action = 'auth.login_failed' THEN 'user-' || d.other || '@' || t.slug || '.example.com'
       WHEN a.action = 'tenant.updated' THEN 'Platform Ops' ELSE 'User ' || d.actor END,
  CASE WHEN a.action LIKE 'role.%' THEN 'role' WHEN a.action LIKE 'tenant.%' THEN 'tenant' WHEN a.action = 'audit.exported' THEN 'audit_log' ELSE 'user' END,
  CASE WHEN a.self THEN ${userIdSql("t.id", "d.actor")}
       WHEN a.action = 'auth.login_failed' THEN ${userIdSql("t.id", "d.other")}
       WHEN a.action LIKE 'role.%' THEN ${roleIdSql("t.id", `(d.other % ${TARGET_ROLES})`)}
       WHEN a.action LIKE 'tenant.%' THEN t.id::text
       WHEN a.action = 'audit.exported' THEN NULL
       ELSE ${userIdSql("t.id", "d.other")} END,
  CASE WHEN a.self THEN 'user-' || d.actor || '@' || t.slug || '.example.com'
       WHEN a.action LIKE 'role.%' THEN 'Role ' || (d.other % ${TARGET_ROLES})
       WHEN a.action LIKE 'tenant.%' THEN 'Tenant ' || t.slug
       WHEN a.action = 'audit.exported' THEN NULL
       ELSE 'user-' || d.other || '@' || t.slug || '.example.com' END,
  CASE a.action
    WHEN 'user.updated' THEN jsonb_build_object('name', jsonb_build_object('from', 'User ' || d.other, 'to', 'User ' || d.other || ' (' || d.r % 97 || ')'))
    WHEN 'user.profile_updated' THEN jsonb_build_object('language', jsonb_build_object('from', 'fr', 'to', 'en'))
    WHEN 'user.created' THEN jsonb_build_object('email', 'user-' || d.other || '@' || t.slug || '.example.com', 'name', 'User ' || d.other,
                                                'roleIds', jsonb_build_array(${roleIdSql("t.id", `(d.r % ${TARGET_ROLES})`)}))
    WHEN 'user.deactivated' THEN '{"status":{"from":"active","to":"deactivated"}}'::jsonb
    WHEN 'user.reactivated' THEN '{"status":{"from":"deactivated","to":"active"}}'::jsonb
    WHEN 'role.updated' THEN jsonb_build_object('permissions', jsonb_build_object('from', '["users.read"]'::jsonb, 'to', '["users.read","audit.read"]'::jsonb))
    WHEN 'role.created' THEN jsonb_build_object('name', 'Role ' || (d.other % ${TARGET_ROLES}), 'permissions', '["users.read"]'::jsonb)
    WHEN 'tenant.settings_updated' THEN '{"auditRetentionDays":{"from":365,"to":730}}'::jsonb
    WHEN 'audit.exported' THEN jsonb_build_object('filters', '{}'::jsonb, 'rows', d.r % 5000)
    ELSE NULL END,
  '10.' || (d.r % 256) || '.' || (d.r / 256 % 256) || '.' || (d.r / 65536 % 256),
  (ARRAY['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
         'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
         'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
         'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148'])[1 + d.r % 4],
  a.action <> 'auth.login_failed',
  a.version,
  substr(d.hx, 19, 8) || '-' || substr(d.hx, 27, 4),
  to_timestamp(d.ms / 1000.0),
  g.i + 1,
  md5((g.i - 1)::text) || md5((g.i - 1)::text || 'h'),
  md5(g.i::text) || md5(g.i::text || 'h'),
  to_timestamp(d.ms / 1000.0) + interval '2 seconds'
FROM generate_series(${lo}::bigint, ${hi - 1}::bigint) AS g(i)
CROSS JOIN LATERAL (
  SELECT ${endMs}::bigint - ${h(1)}::bigint * 1000 % ${YEAR_MS}::bigint - ${h(2)} % 1000 AS ms,
         (ARRAY[${tenantSlots.join(",")}])[1 + ${h(3)} % 1000] AS tenant,
         (ARRAY[${actionSlots.join(",")}])[1 + ${h(4)} % 1000] AS action,
         (ARRAY[${actorSlots.join(",")}])[1 + ${h(5)} % 1000] AS actor,
         ${h(6)} % ${TARGET_USERS} AS other,
         ${h(7)} AS r,
         md5(g.i::text || 'id') AS hx
) AS d
JOIN (VALUES ${tenantRows}) AS t(k, id, slug) ON t.k = d.tenant
JOIN (VALUES
      ${actions}) AS a(k, action, crud, module, version, self) ON a.k = d.action`;
}

/** Inserts rows [from, to) in chunks, printing progress; returns the seconds taken. */
export async function seedAudit(sql: RawSql, opts: { from: number; to: number; tenants: SeedTenant[]; endMs: number; label: string }): Promise<number> {
  const started = performance.now();
  const chunk = 100_000;
  for (let lo = opts.from; lo < opts.to; lo += chunk) {
    const hi = Math.min(opts.to, lo + chunk);
    await sql.query(auditSeedSql({ lo, hi, tenants: opts.tenants, endMs: opts.endMs }), []);
    process.stdout.write(`\r  seeding ${opts.label}: ${(hi - opts.from).toLocaleString("en-US")} / ${(opts.to - opts.from).toLocaleString("en-US")} rows`);
  }
  await sql.query(`VACUUM (ANALYZE) audit_entries`, []);
  const seconds = (performance.now() - started) / 1000;
  console.log(` in ${seconds.toFixed(1)} s (incl. VACUUM ANALYZE)`);
  return seconds;
}
