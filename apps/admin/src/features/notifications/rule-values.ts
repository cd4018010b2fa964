// The rule editor's logic, apart from React: the form's values (strings as inputs hold them) to and from the
// contracts' rule input, the payload fields the chosen event types have in common with their kind (which
// picks the operators and the value input a condition offers), and the event catalog grouped by module.
// The form is validated by CreateRuleInput / UpdateRuleInput, whose refinement is `ruleProblems`: the browser
// refuses a rule with the same message keys as the server.
import { CONDITION_OPERATORS, EVENTS, EVENT_TYPES, payloadFields, SUPPORTED_LANGUAGES, type Condition, type ConditionOperator, type EventType, type RuleOutput, type Severity, type Templates } from "@tenancy/contracts";
import type { z } from "zod";

export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export interface ConditionValues {
  field: string;
  op: ConditionOperator;
  /** The value as its input holds it: text, a number's text, "true"/"false"; `in` keeps its list in `list`. */
  value: string;
  list: string[];
}

export interface RuleFormValues {
  name: string;
  eventTypes: string[];
  conditions: ConditionValues[];
  recipientRoleIds: string[];
  recipientUserIds: string[];
  severity: Severity;
  templates: Record<Language, { title: string; body: string }>;
  enabled: boolean;
  /** Empty: notifications stay until retention. */
  expiresAfterDays: string;
}

/** A payload field's kind, which decides the operators and the value input of a condition on it. */
export type FieldKind = { kind: "string" } | { kind: "number"; options?: string[] } | { kind: "boolean" } | { kind: "enum"; options: string[] } | { kind: "list" };

interface SchemaDef {
  type?: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string>;
  options?: z.ZodType[];
  values?: unknown[];
}
const defOf = (schema: z.ZodType | undefined): SchemaDef | undefined => (schema as { def?: SchemaDef } | undefined)?.def;

/** The kind of the field at `path` of an event type's payload (null when the payload has no such field). */
export function fieldKind(type: EventType, path: string): FieldKind | null {
  let schema: z.ZodType | undefined = EVENTS[type].payload as z.ZodType;
  const unwrap = () => {
    let def = defOf(schema);
    while (def && (def.type === "optional" || def.type === "nullable" || def.type === "default")) {
      schema = def.innerType;
      def = defOf(schema);
    }
    return def;
  };
  for (const key of path.split(".")) {
    const def = unwrap();
    schema = def?.type === "object" ? def.shape?.[key] : undefined;
    if (!schema) return null;
  }
  const def = unwrap();
  switch (def?.type) {
    case "number":
      return { kind: "number" };
    case "boolean":
      return { kind: "boolean" };
    case "enum":
      return { kind: "enum", options: Object.values(def.entries ?? {}) };
    case "array":
      return { kind: "list" };
    case "union": {
      // A choice of literals (`percent`: 80 or 100) is picked from its values, typed as they are.
      const values = (def.options ?? []).flatMap((option) => (defOf(option)?.type === "literal" ? (defOf(option)?.values ?? []) : [null]));
      if (values.length > 0 && values.every((value) => typeof value === "number")) return { kind: "number", options: values.map(String) };
      if (values.length > 0 && values.every((value) => typeof value === "string")) return { kind: "enum", options: values as string[] };
      return { kind: "string" };
    }
    default:
      return { kind: "string" };
  }
}

/** The payload fields every chosen event type has (what conditions and placeholders may name), A to Z. */
export function commonFields(eventTypes: readonly string[]): string[] {
  const known = eventTypes.filter((type): type is EventType => (EVENT_TYPES as readonly string[]).includes(type));
  if (known.length === 0) return [];
  const [first, ...rest] = known.map((type) => payloadFields(type));
  return first!.filter((field) => rest.every((fields) => fields.includes(field))).sort();
}

/** The kind of a field across the chosen types: the first type's (fields shared by name share their kind). */
export function commonFieldKind(eventTypes: readonly string[], field: string): FieldKind {
  const type = eventTypes.find((candidate): candidate is EventType => (EVENT_TYPES as readonly string[]).includes(candidate));
  return (type && fieldKind(type, field)) ?? { kind: "string" };
}

/** The operators that make sense for a kind of field. */
export function operatorsFor(kind: FieldKind): ConditionOperator[] {
  switch (kind.kind) {
    case "number":
      return ["eq", "neq", "gt", "gte", "lt", "lte", "in", "exists"];
    case "boolean":
      return ["eq", "neq", "exists"];
    case "enum":
      return ["eq", "neq", "in", "exists"];
    case "list":
      return ["contains", "exists"];
    default:
      return CONDITION_OPERATORS.filter((op) => !["gt", "gte", "lt", "lte"].includes(op));
  }
}

/** A condition's value typed by its field: a number for a number field, a boolean for a yes/no one. */
function typed(text: string, kind: FieldKind): string | number | boolean | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (kind.kind === "number") {
    const number = Number(trimmed);
    return Number.isFinite(number) ? number : trimmed;
  }
  if (kind.kind === "boolean") return trimmed === "true";
  return trimmed;
}

export function toCondition(values: ConditionValues, kind: FieldKind): Condition {
  if (values.op === "exists") return { field: values.field, op: "exists" };
  if (values.op === "in") {
    const list = values.list.map((item) => typed(item, kind)).filter((item): item is string | number | boolean => item !== undefined);
    return { field: values.field, op: "in", value: list.length > 0 ? list : undefined };
  }
  return { field: values.field, op: values.op, value: typed(values.value, kind) };
}

export function toRuleInput(values: RuleFormValues) {
  const templates: Partial<Record<Language, { title: string; body: string }>> = {};
  for (const language of SUPPORTED_LANGUAGES) {
    const template = values.templates[language];
    // Another language than English is optional: left blank, the reader gets the English one.
    if (language === "en" || template.title.trim() !== "" || template.body.trim() !== "") templates[language] = template;
  }
  const days = values.expiresAfterDays.trim();
  return {
    name: values.name,
    eventTypes: values.eventTypes,
    conditions: values.conditions.map((condition) => toCondition(condition, commonFieldKind(values.eventTypes, condition.field))),
    recipientRoleIds: values.recipientRoleIds,
    recipientUserIds: values.recipientUserIds,
    severity: values.severity,
    // English is always put in above; the type cannot follow the loop.
    templates: templates as Templates,
    enabled: values.enabled,
    expiresAfterDays: days === "" ? null : Number(days),
  };
}

const valueText = (value: Condition["value"]): string => (value === undefined || Array.isArray(value) ? "" : String(value));

export function toFormValues(rule: RuleOutput | null): RuleFormValues {
  const templates = Object.fromEntries(
    SUPPORTED_LANGUAGES.map((language) => {
      const template = rule?.templates[language];
      return [language, { title: template?.title ?? "", body: template?.body ?? "" }];
    }),
  ) as RuleFormValues["templates"];
  return {
    name: rule?.name ?? "",
    eventTypes: rule?.eventTypes ?? [],
    conditions: (rule?.conditions ?? []).map((c) => ({ field: c.field, op: c.op, value: valueText(c.value), list: Array.isArray(c.value) ? c.value.map(String) : [] })),
    recipientRoleIds: rule?.recipientRoleIds ?? [],
    recipientUserIds: rule?.recipientUserIds ?? [],
    severity: rule?.severity ?? "info",
    templates,
    enabled: rule?.enabled ?? true,
    expiresAfterDays: rule?.expiresAfterDays == null ? "" : String(rule.expiresAfterDays),
  };
}

/** The event catalog by module, in the catalog's order: the groups of the event type picker. */
export function eventTypesByModule(): [string, EventType[]][] {
  const groups = new Map<string, EventType[]>();
  for (const type of EVENT_TYPES) groups.set(EVENTS[type].module, [...(groups.get(EVENTS[type].module) ?? []), type]);
  return [...groups.entries()];
}

/** `text` with `{field}` put at the caret (or at the end), and where the caret goes after it. */
export function insertPlaceholder(text: string, field: string, selectionStart: number | null, selectionEnd: number | null): { text: string; caret: number } {
  const start = selectionStart ?? text.length;
  const end = selectionEnd ?? start;
  const chip = `{${field}}`;
  return { text: text.slice(0, start) + chip + text.slice(end), caret: start + chip.length };
}
