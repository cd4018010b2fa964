// Pure pieces of the fan-out: conditions on a payload, templates with placeholders, and what an event is
// about (the thread's subject and the link to it). No I/O, so they are tested on their own.
import { placeholders, type Condition, type Templates } from "@tenancy/contracts";

/** The value at a dotted path of a payload. */
export function valueAt(payload: unknown, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const comparable = (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string");

/** Whether one condition holds on a payload (the contracts' operators). */
export function conditionHolds(payload: unknown, c: Condition): boolean {
  const v = valueAt(payload, c.field);
  const target = c.value;
  switch (c.op) {
    case "exists":
      return v !== undefined && v !== null;
    case "eq":
      return v === target;
    case "neq":
      return v !== target;
    case "gt":
      return comparable(v, target) && (v as number) > (target as number);
    case "gte":
      return comparable(v, target) && (v as number) >= (target as number);
    case "lt":
      return comparable(v, target) && (v as number) < (target as number);
    case "lte":
      return comparable(v, target) && (v as number) <= (target as number);
    case "in":
      return Array.isArray(target) && target.some((t) => t === v);
    case "contains":
      if (typeof v === "string" && typeof target === "string") return v.includes(target);
      return Array.isArray(v) && v.some((item) => item === target);
  }
}

export const conditionsHold = (payload: unknown, conditions: Condition[]) => conditions.every((c) => conditionHolds(payload, c));

const text = (value: unknown): string => {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map(text).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
};

/** A template text with its `{field}`, `{event.type}` and `{event.module}` placeholders filled in. */
export function fill(template: string, event: { type: string; module: string; payload: unknown }): string {
  if (placeholders(template).length === 0) return template;
  return template.replace(/\{([^{}]*)\}/g, (_, raw: string) => {
    const name = raw.trim();
    if (name === "event.type") return event.type;
    if (name === "event.module") return event.module;
    return text(valueAt(event.payload, name));
  });
}

export type Texts = Record<string, { title: string; body: string }>;

/** Every language of the rule's templates, rendered for one event. */
export function renderAll(templates: Partial<Templates>, event: { type: string; module: string; payload: unknown }): Texts {
  const out: Texts = {};
  for (const [language, template] of Object.entries(templates)) {
    if (template) out[language] = { title: fill(template.title, event), body: fill(template.body ?? "", event) };
  }
  return out;
}

/** The reader's text: their language, else English, else any. */
export function textFor(texts: unknown, language: string): { title: string; body: string } {
  const all = (texts ?? {}) as Texts;
  return all[language] ?? all.en ?? Object.values(all)[0] ?? { title: "", body: "" };
}

/** What an event is about, for grouping into threads, and where the admin app shows it. */
export function subjectOf(event: { type: string; payload: unknown }, area: "tenant" | "platform", tenantId: string | null): { subject: string; link: string | null } {
  const p = (event.payload ?? {}) as Record<string, unknown>;
  const prefix = event.type.slice(0, event.type.indexOf("."));
  const id = (key: string) => (typeof p[key] === "string" ? (p[key] as string) : "");
  if (area === "platform") {
    if (prefix === "platform_admin") return { subject: `admin:${id("adminId")}`, link: "/platform/admins" };
    if (prefix === "invoice") return { subject: `invoice:${id("invoiceId")}`, link: tenantId ? `/platform/tenants/${tenantId}` : null };
    if (tenantId) return { subject: `tenant:${tenantId}`, link: `/platform/tenants/${tenantId}` };
    return { subject: event.type, link: null };
  }
  switch (prefix) {
    case "user":
      return { subject: `user:${id("userId")}`, link: `/t/users/${id("userId")}` };
    case "invoice":
      return { subject: `invoice:${id("invoiceId")}`, link: `/t/invoices/${id("invoiceId")}` };
    case "subscription":
      return { subject: `subscription:${id("subscriptionId")}`, link: "/t/subscriptions" };
    case "usage":
      return { subject: `usage:${id("moduleKey")}:${id("metric")}`, link: "/t/subscriptions" };
    case "role":
      return { subject: `role:${id("roleId")}`, link: "/t/roles" };
    case "tenant":
      return { subject: "tenant", link: "/t/settings" };
    default:
      return { subject: event.type, link: null };
  }
}
