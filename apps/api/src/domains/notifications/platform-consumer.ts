// The `notifications` consumer of the dispatcher (decision 50). System code: it runs inside the dispatch
// transaction with the unscoped client. For each event: the enabled rules of its tenant that match its type
// and conditions, fanned out to the active users holding a recipient role or listed by id, minus those who
// muted the rule (unless critical) and those who may not read what the event is about; and the platform
// rules (in code) to every active platform admin. Writes are set-based: one statement opens missing
// threads, one inserts the notifications (ON CONFLICT DO NOTHING on rule x event x user) and bumps only
// the threads whose insert happened, so handing the same events again changes nothing.
import { eventReadPermission, type Condition, type Templates } from "@tenancy/contracts";
import { uuidv7, type Prisma } from "@tenancy/db";
import type { Consumer, ConsumerResult, OutboxEvent } from "../../events/consumer.js";
import { grantedBy } from "../../lib/privilege.js";
import { PLATFORM_RULES } from "./platform-rules.js";
import { conditionsHold, renderAll, subjectOf, type Texts } from "./render.js";

type Tx = Prisma.TransactionClient;

/** One notification to write: a row of the JSON the statements below read with jsonb_to_recordset. */
interface Pending {
  id: string;
  threadId: string;
  tenantId: string | null;
  recipientId: string;
  rule: string;
  eventId: string;
  threadKey: string;
  texts: Texts;
  eventType: string;
  link: string | null;
  permission: string | null;
  severity: string;
  module: string;
  createdAt: string;
  expiresAt: string | null;
}

const DAY = 86_400_000;

function pending(event: OutboxEvent, rule: { id: string; templates: Partial<Templates>; severity: string; expiresAfterDays: number | null }, recipientId: string, area: "tenant" | "platform"): Pending {
  const { subject, link } = subjectOf(event, area, event.tenantId);
  const at = event.createdAt.getTime();
  return {
    id: uuidv7(at),
    threadId: uuidv7(at),
    tenantId: event.tenantId,
    recipientId,
    rule: rule.id,
    eventId: event.id,
    threadKey: `${rule.id}:${subject}`,
    texts: renderAll(rule.templates, event),
    eventType: event.type,
    link,
    permission: area === "tenant" ? eventReadPermission(event.type) : null,
    severity: rule.severity,
    module: event.module,
    createdAt: event.createdAt.toISOString(),
    expiresAt: rule.expiresAfterDays ? new Date(at + rule.expiresAfterDays * DAY).toISOString() : null,
  };
}

const INPUT = `jsonb_to_recordset($1::jsonb) AS i(id uuid, "threadId" uuid, "tenantId" uuid, "recipientId" uuid, rule text, "eventId" uuid,
  "threadKey" text, texts jsonb, "eventType" text, link text, permission text, severity "NotificationSeverity", module text,
  "createdAt" timestamptz, "expiresAt" timestamptz)`;

// Tenant users' tables. The first statement opens the threads that do not exist yet (count 0); the second
// inserts the notifications and, from the rows actually inserted, bumps their threads: count + n, the newest
// texts, unread and unarchived again.
const OPEN_THREADS = `
INSERT INTO notification_threads (id, "tenantId", "userId", "ruleId", "threadKey", count, texts, "eventType", link, permission, severity, module, "lastAt", "expiresAt", "createdAt")
SELECT DISTINCT ON (i."tenantId", i."recipientId", i."threadKey") i."threadId", i."tenantId", i."recipientId", i.rule::uuid, i."threadKey", 0, i.texts, i."eventType", i.link, i.permission, i.severity, i.module, i."createdAt", i."expiresAt", i."createdAt"
FROM ${INPUT}
ON CONFLICT ("tenantId", "userId", "threadKey") DO NOTHING`;

const INSERT_AND_BUMP = `
WITH i AS (SELECT * FROM ${INPUT}),
ins AS (
  INSERT INTO notifications (id, "tenantId", "threadId", "userId", "ruleId", "eventId", texts, "createdAt")
  SELECT i.id, i."tenantId", t.id, i."recipientId", i.rule::uuid, i."eventId", i.texts, i."createdAt"
  FROM i JOIN notification_threads t ON t."tenantId" = i."tenantId" AND t."userId" = i."recipientId" AND t."threadKey" = i."threadKey"
  ON CONFLICT ("ruleId", "eventId", "userId") DO NOTHING
  RETURNING id, "threadId"
),
latest AS (
  SELECT DISTINCT ON (ins."threadId") ins."threadId", i.texts, i.link, i.permission, i.severity, i.module, i."eventType", i."createdAt", i."expiresAt"
  FROM ins JOIN i ON i.id = ins.id
  ORDER BY ins."threadId", i."createdAt" DESC, i.id DESC
),
counts AS (SELECT "threadId", count(*)::int AS n FROM ins GROUP BY "threadId")
UPDATE notification_threads t
SET count = t.count + c.n, texts = l.texts, link = l.link, permission = l.permission, severity = l.severity, module = l.module,
    "eventType" = l."eventType", "lastAt" = GREATEST(t."lastAt", l."createdAt"), "expiresAt" = l."expiresAt", "readAt" = NULL, "archivedAt" = NULL
FROM counts c JOIN latest l ON l."threadId" = c."threadId"
WHERE t.id = c."threadId"
RETURNING t."tenantId"::text AS "tenantId", t."userId"::text AS "recipientId"`;

// The platform admins' tables: the same two statements.
const OPEN_PLATFORM_THREADS = `
INSERT INTO platform_notification_threads (id, "adminId", "ruleKey", "threadKey", count, texts, "eventType", link, severity, module, "lastAt", "expiresAt", "createdAt")
SELECT DISTINCT ON (i."recipientId", i."threadKey") i."threadId", i."recipientId", i.rule, i."threadKey", 0, i.texts, i."eventType", i.link, i.severity, i.module, i."createdAt", i."expiresAt", i."createdAt"
FROM ${INPUT}
ON CONFLICT ("adminId", "threadKey") DO NOTHING`;

const INSERT_AND_BUMP_PLATFORM = `
WITH i AS (SELECT * FROM ${INPUT}),
ins AS (
  INSERT INTO platform_notifications (id, "threadId", "adminId", "ruleKey", "eventId", texts, "createdAt")
  SELECT i.id, t.id, i."recipientId", i.rule, i."eventId", i.texts, i."createdAt"
  FROM i JOIN platform_notification_threads t ON t."adminId" = i."recipientId" AND t."threadKey" = i."threadKey"
  ON CONFLICT ("ruleKey", "eventId", "adminId") DO NOTHING
  RETURNING id, "threadId"
),
latest AS (
  SELECT DISTINCT ON (ins."threadId") ins."threadId", i.texts, i.link, i.severity, i.module, i."eventType", i."createdAt", i."expiresAt"
  FROM ins JOIN i ON i.id = ins.id
  ORDER BY ins."threadId", i."createdAt" DESC, i.id DESC
),
counts AS (SELECT "threadId", count(*)::int AS n FROM ins GROUP BY "threadId")
UPDATE platform_notification_threads t
SET count = t.count + c.n, texts = l.texts, link = l.link, severity = l.severity, module = l.module,
    "eventType" = l."eventType", "lastAt" = GREATEST(t."lastAt", l."createdAt"), "expiresAt" = l."expiresAt", "readAt" = NULL, "archivedAt" = NULL
FROM counts c JOIN latest l ON l."threadId" = c."threadId"
WHERE t.id = c."threadId"
RETURNING NULL::text AS "tenantId", t."adminId"::text AS "recipientId"`;

async function write(tx: Tx, rows: Pending[], open: string, insert: string, recipients: Map<string | null, Set<string>>) {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows);
  await tx.$executeRawUnsafe(open, json);
  const bumped = await tx.$queryRawUnsafe<{ tenantId: string | null; recipientId: string }[]>(insert, json);
  for (const { tenantId, recipientId } of bumped) {
    let set = recipients.get(tenantId);
    if (!set) recipients.set(tenantId, (set = new Set()));
    set.add(recipientId);
  }
}

/** The tenant's notifications for a batch of its events. */
async function tenantFanOut(tx: Tx, tenantId: string, events: OutboxEvent[]): Promise<Pending[]> {
  const types = [...new Set(events.map((e) => e.type))];
  const rules = await tx.notificationRule.findMany({
    where: { tenantId, enabled: true, eventTypes: { hasSome: types } },
    select: { id: true, eventTypes: true, conditions: true, recipientRoleIds: true, recipientUserIds: true, severity: true, templates: true, expiresAfterDays: true },
  });
  if (rules.length === 0) return [];
  const matches = events.flatMap((event) => rules.filter((rule) => rule.eventTypes.includes(event.type) && conditionsHold(event.payload, rule.conditions as Condition[])).map((rule) => ({ event, rule })));
  if (matches.length === 0) return [];
  const ruleIds = [...new Set(matches.map((m) => m.rule.id))];
  const roleIds = [...new Set(matches.flatMap((m) => m.rule.recipientRoleIds))];
  const userIds = [...new Set(matches.flatMap((m) => m.rule.recipientUserIds))];
  const [users, mutes] = await Promise.all([
    tx.user.findMany({
      where: { tenantId, status: "active", OR: [{ id: { in: userIds } }, { roles: { some: { roleId: { in: roleIds } } } }] },
      select: { id: true, roles: { select: { roleId: true, role: { select: { key: true, permissions: true } } } } },
    }),
    tx.notificationMute.findMany({ where: { tenantId, ruleId: { in: ruleIds } }, select: { userId: true, ruleId: true } }),
  ]);
  const muted = new Set(mutes.map((m) => `${m.ruleId}:${m.userId}`));
  const people = users.map((u) => ({ id: u.id, roleIds: new Set(u.roles.map((r) => r.roleId)), permissions: grantedBy(u.roles.map((r) => r.role)) }));
  const out: Pending[] = [];
  for (const { event, rule } of matches) {
    const needed = eventReadPermission(event.type);
    for (const person of people) {
      const addressed = rule.recipientUserIds.includes(person.id) || rule.recipientRoleIds.some((r) => person.roleIds.has(r));
      if (!addressed) continue;
      if (rule.severity !== "critical" && muted.has(`${rule.id}:${person.id}`)) continue;
      if (needed && !person.permissions.has(needed)) continue;
      out.push(pending(event, { ...rule, templates: rule.templates as Partial<Templates> }, person.id, "tenant"));
    }
  }
  return out;
}

/** The platform admins' notifications for a batch of events (of any tenant, or of the platform). */
async function platformFanOut(tx: Tx, events: OutboxEvent[]): Promise<Pending[]> {
  const matches = events.flatMap((event) => PLATFORM_RULES.filter((rule) => rule.eventTypes.includes(event.type)).map((rule) => ({ event, rule })));
  if (matches.length === 0) return [];
  const [admins, mutes] = await Promise.all([
    tx.platformAdmin.findMany({ where: { status: "active" }, select: { id: true } }),
    tx.platformNotificationMute.findMany({ where: { ruleKey: { in: [...new Set(matches.map((m) => m.rule.key))] } }, select: { adminId: true, ruleKey: true } }),
  ]);
  const muted = new Set(mutes.map((m) => `${m.ruleKey}:${m.adminId}`));
  const out: Pending[] = [];
  for (const { event, rule } of matches) {
    for (const admin of admins) {
      if (rule.severity !== "critical" && muted.has(`${rule.key}:${admin.id}`)) continue;
      out.push(pending(event, { id: rule.key, templates: rule.templates, severity: rule.severity, expiresAfterDays: null }, admin.id, "platform"));
    }
  }
  return out;
}

export function notificationsConsumer(): Consumer {
  return {
    name: "notifications",
    async handle(tx, events): Promise<ConsumerResult> {
      const recipients = new Map<string | null, Set<string>>();
      const byTenant = new Map<string, OutboxEvent[]>();
      for (const event of events) {
        if (!event.tenantId) continue;
        const list = byTenant.get(event.tenantId) ?? [];
        list.push(event);
        byTenant.set(event.tenantId, list);
      }
      const tenantRows: Pending[] = [];
      for (const [tenantId, list] of byTenant) tenantRows.push(...(await tenantFanOut(tx, tenantId, list)));
      await write(tx, tenantRows, OPEN_THREADS, INSERT_AND_BUMP, recipients);
      await write(tx, await platformFanOut(tx, events), OPEN_PLATFORM_THREADS, INSERT_AND_BUMP_PLATFORM, recipients);
      return { recipients };
    },
  };
}
