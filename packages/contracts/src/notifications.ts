// In-app notifications: rules a tenant admin defines over the event catalog, each user's inbox (threads of
// notifications), per-user preferences, and the platform admins' own inbox. Validation that needs the
// event catalog (condition fields, template placeholders) lives here, so the API and the app refuse the
// same rules with the same message keys.
import { z } from "zod";
import { Id, SUPPORTED_LANGUAGES } from "./common.js";
import { EVENTS, EVENT_TYPES, type EventType } from "./events.js";
import { msg } from "./messages.js";

export const SEVERITIES = ["info", "warning", "critical"] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const CONDITION_OPERATORS = ["eq", "neq", "gt", "gte", "lt", "lte", "in", "contains", "exists"] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** A scalar a condition compares with; `in` takes a list of them; `exists` takes none. */
const ConditionValue = z.union([z.string().max(200), z.number(), z.boolean()]);

/** One test on a payload field (dotted path into the payload, e.g. `percent` or `status`); a rule's tests all must hold. */
export const Condition = z.object({
  field: z.string().trim().min(1).max(100),
  op: z.enum(CONDITION_OPERATORS),
  value: z.union([ConditionValue, z.array(ConditionValue).max(20)]).optional(),
});
export type Condition = z.infer<typeof Condition>;

/** A message in one language: `{placeholder}` takes a payload field (dotted path) or `event.type` / `event.module`. */
export const Template = z.object({
  title: z.string().trim().min(1, msg("notification.titleRequired")).max(120, msg("text.tooLong")),
  body: z.string().trim().max(1000, msg("text.tooLong")).default(""),
});
export type Template = z.infer<typeof Template>;

type Language = (typeof SUPPORTED_LANGUAGES)[number];
/** One template per language the tenant uses; English is always required (the fallback). */
export const Templates = z
  .object({
    en: Template,
    ...(Object.fromEntries(SUPPORTED_LANGUAGES.filter((l) => l !== "en").map((l) => [l, Template.optional()])) as Record<Exclude<Language, "en">, z.ZodOptional<typeof Template>>),
  })
  .strict();
export type Templates = z.infer<typeof Templates>;

const EventTypeName = z.string().refine((t): t is EventType => (EVENT_TYPES as string[]).includes(t), { message: msg("notification.unknownEventType") });

export const RuleFields = z.object({
  name: z.string().trim().min(1, msg("name.required")).max(120, msg("name.tooLong")),
  eventTypes: z.array(EventTypeName).min(1, msg("notification.eventTypesRequired")).max(EVENT_TYPES.length),
  conditions: z.array(Condition).max(10).default([]),
  recipientRoleIds: z.array(Id).max(50).default([]),
  recipientUserIds: z.array(Id).max(200).default([]),
  severity: Severity.default("info"),
  templates: Templates,
  enabled: z.boolean().default(true),
  /** Days after which a notification of this rule leaves the inbox; null keeps it until retention. */
  expiresAfterDays: z.number().int().min(1).max(365).nullable().default(null),
});

/** Problems `ruleProblems` finds, as message keys with what they name. */
export interface RuleProblem {
  path: (string | number)[];
  key: "notification.unknownField" | "notification.unknownPlaceholder" | "notification.recipientsRequired" | "notification.valueRequired" | "notification.operatorType";
  params: Record<string, string>;
}

/** The dotted paths of an event type's payload fields, from its Zod schema (objects are walked, arrays are leaves). */
export function payloadFields(type: EventType): string[] {
  const out: string[] = [];
  const walk = (schema: z.ZodType, prefix: string) => {
    const def = (schema as { def?: { type?: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType> } }).def;
    if (!def) return;
    if (def.type === "optional" || def.type === "nullable" || def.type === "default") return walk(def.innerType!, prefix);
    if (def.type === "object" && def.shape) {
      for (const [key, child] of Object.entries(def.shape)) walk(child, prefix ? `${prefix}.${key}` : key);
      return;
    }
    if (prefix) out.push(prefix);
  };
  walk(EVENTS[type].payload as z.ZodType, "");
  return out;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;
/** The placeholders of a template text, in order of appearance. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim());
}

/**
 * What is wrong with a rule beyond its shape: a condition field or a placeholder that not every chosen event
 * type's payload has, no recipient at all, an operator without its value. Empty when the rule is sound.
 */
export function ruleProblems(rule: Pick<z.infer<typeof RuleFields>, "eventTypes" | "conditions" | "templates" | "recipientRoleIds" | "recipientUserIds">): RuleProblem[] {
  const problems: RuleProblem[] = [];
  // Unknown event types are refused by the schema itself; the checks below look at the known ones only.
  const types = rule.eventTypes.filter((type) => type in EVENTS);
  const known = (field: string) => types.every((type) => payloadFields(type).includes(field));
  rule.conditions.forEach((c, i) => {
    if (!known(c.field)) problems.push({ path: ["conditions", i, "field"], key: "notification.unknownField", params: { field: c.field, eventTypes: rule.eventTypes.join(", ") } });
    if (c.op !== "exists" && c.value === undefined) problems.push({ path: ["conditions", i, "value"], key: "notification.valueRequired", params: { op: c.op } });
    if (c.op === "in" && c.value !== undefined && !Array.isArray(c.value)) problems.push({ path: ["conditions", i, "value"], key: "notification.operatorType", params: { op: c.op } });
  });
  for (const [language, template] of Object.entries(rule.templates)) {
    if (!template) continue;
    for (const part of ["title", "body"] as const) {
      for (const name of placeholders(template[part])) {
        if (name === "event.type" || name === "event.module") continue;
        if (!known(name)) problems.push({ path: ["templates", language, part], key: "notification.unknownPlaceholder", params: { placeholder: name, eventTypes: rule.eventTypes.join(", ") } });
      }
    }
  }
  if (rule.recipientRoleIds.length === 0 && rule.recipientUserIds.length === 0) problems.push({ path: ["recipientRoleIds"], key: "notification.recipientsRequired", params: {} });
  return problems;
}

const withProblems = <T extends z.ZodType<Parameters<typeof ruleProblems>[0]>>(schema: T) =>
  schema.superRefine((rule, ctx) => {
    for (const p of ruleProblems(rule)) ctx.addIssue({ code: "custom", path: p.path, message: p.key, params: p.params });
  });

export const CreateRuleInput = withProblems(RuleFields);
/** A full replacement of the rule's fields, guarded by the version read (lost updates refused with CONFLICT). */
export const UpdateRuleInput = withProblems(RuleFields.extend({ ruleId: Id, lockVersion: z.number().int().min(0) }));
export const RuleIdInput = z.object({ ruleId: Id });
export const SetRuleEnabledInput = z.object({ ruleId: Id, enabled: z.boolean() });

export const RuleOutput = z.object({
  id: z.string(),
  /** The default rule it came from (`user_deactivated`, ...), or null for a rule the tenant made. */
  key: z.string().nullable(),
  name: z.string(),
  eventTypes: z.array(z.string()),
  conditions: z.array(Condition),
  recipientRoleIds: z.array(z.string()),
  recipientUserIds: z.array(z.string()),
  severity: Severity,
  templates: Templates,
  enabled: z.boolean(),
  expiresAfterDays: z.number().int().nullable(),
  lockVersion: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type RuleOutput = z.infer<typeof RuleOutput>;
export const RuleListOutput = z.object({ items: z.array(RuleOutput) });

// ---- Inbox ------------------------------------------------------------------------------------------
// An inbox item is a thread: the notifications of one rule about one target, newest first, with a count.

export const InboxListInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  view: z.enum(["inbox", "unread", "archived"]).default("inbox"),
  severity: Severity.optional(),
  module: z.string().max(40).optional(),
});

export const InboxItem = z.object({
  id: z.string(),
  ruleId: z.string().nullable(),
  severity: Severity,
  module: z.string(),
  eventType: z.string(),
  /** In the reader's language (the rule's template for it, else English). */
  title: z.string(),
  body: z.string(),
  /** A path in the admin app to what the notification is about, or null. */
  link: z.string().nullable(),
  /** How many notifications the thread holds. */
  count: z.number().int(),
  lastAt: z.date(),
  read: z.boolean(),
  archived: z.boolean(),
  expiresAt: z.date().nullable(),
});
export type InboxItem = z.infer<typeof InboxItem>;
export const InboxListOutput = z.object({ items: z.array(InboxItem), nextCursor: z.string().nullable() });
export const ThreadInput = z.object({ threadId: Id, cursor: z.string().max(200).optional(), limit: z.number().int().min(1).max(100).default(25) });
export const ThreadOutput = z.object({
  items: z.array(z.object({ id: z.string(), title: z.string(), body: z.string(), createdAt: z.date() })),
  nextCursor: z.string().nullable(),
});
export const UnreadCountOutput = z.object({ unread: z.number().int(), critical: z.number().int() });
export const ThreadIdsInput = z.object({ threadIds: z.array(Id).min(1).max(100) });
export const MarkReadInput = ThreadIdsInput.extend({ read: z.boolean() });
export const ArchiveInput = ThreadIdsInput.extend({ archived: z.boolean() });

// ---- Preferences ------------------------------------------------------------------------------------

export const PreferenceItem = z.object({ ruleId: z.string(), name: z.string(), severity: Severity, muted: z.boolean(), mutable: z.boolean() });
export const PreferencesOutput = z.object({ items: z.array(PreferenceItem) });
/** Critical rules cannot be muted: muting one is refused. */
export const SetMutedInput = z.object({ ruleId: Id, muted: z.boolean() });
/** The platform admins' rules are defined in code: `ruleId` is the rule's key (`tenant_created`, ...). */
export const PlatformSetMutedInput = z.object({ ruleId: z.string().regex(/^[a-z_]{1,60}$/), muted: z.boolean() });

// ---- Live -------------------------------------------------------------------------------------------

/** What the bell's live subscription sends: the unread counts and the newest threads (a snapshot, never a diff). */
export const InboxSnapshot = z.object({ unread: z.number().int(), critical: z.number().int(), latest: z.array(InboxItem) });
export const LiveEventsInput = z.object({
  types: z.array(z.string().max(80)).max(EVENT_TYPES.length).optional(),
  modules: z.array(z.string().max(40)).max(20).optional(),
  /** The last event id received (the SSE `Last-Event-ID`), to resume without a gap. */
  lastEventId: z.string().max(40).nullish(),
});
export const LiveEvent = z.object({ seq: z.string(), id: z.string(), type: z.string(), module: z.string(), payload: z.unknown(), createdAt: z.date() });
export type LiveEvent = z.infer<typeof LiveEvent>;
