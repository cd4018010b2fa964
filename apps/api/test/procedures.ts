// Router introspection for the security suites: every procedure of the app router with its type and the
// guard it carries (read from its middleware chain, so a new procedure is found without anyone listing it),
// a way to call one by its path, and a seeded generator of inputs shaped by the procedure's Zod schema.
import type { AnyMiddlewareFunction, AnyProcedure, ProcedureType } from "@trpc/server";
import { z } from "zod";
import { appRouter } from "../src/root.js";
import type { Meta } from "../src/trpc/init.js";
import { requireModule } from "../src/trpc/middlewares/module.js";
import { requirePlatformAdmin, requireTenantUser } from "../src/trpc/middlewares/roles.js";
import { requireSession } from "../src/trpc/middlewares/session.js";

export type Access = "public" | "authed" | "platform" | "tenant";

export interface ProcedureInfo {
  path: string;
  type: ProcedureType;
  access: Access;
  meta: Meta | undefined;
  /** True when the module gate is in its middleware chain (it closes the procedure when `meta.module` says so). */
  moduleGated: boolean;
  /** The `.input()` schemas, in order (tRPC merges several object inputs into one). */
  inputs: z.core.$ZodType[];
}

/** What a built procedure holds at run time; tRPC types `inputs` but not `middlewares` or our meta. */
interface ProcedureRuntimeDef {
  type: ProcedureType;
  meta?: Meta;
  inputs: z.core.$ZodType[];
  middlewares: AnyMiddlewareFunction[];
}

// The most specific guard first: tenant and platform procedures also carry the session guard.
const GUARDS: ReadonlyArray<readonly [Access, readonly unknown[]]> = [
  ["tenant", requireTenantUser._middlewares],
  ["platform", requirePlatformAdmin._middlewares],
  ["authed", requireSession._middlewares],
];

function accessOf(middlewares: readonly unknown[]): Access {
  const chain = new Set(middlewares);
  for (const [access, functions] of GUARDS) if (functions.every((fn) => chain.has(fn))) return access;
  return "public";
}

/** Every procedure of the router, by flat path ("platform.tenants.create"), classified by its guard. */
export function discoverProcedures(): ProcedureInfo[] {
  const def = appRouter._def as unknown as { lazy: Record<string, unknown>; procedures: Record<string, AnyProcedure> };
  if (Object.keys(def.lazy).length > 0) {
    throw new Error(`Lazy routers (${Object.keys(def.lazy).join(", ")}) are not loaded by discovery; load them first.`);
  }
  // `_def.procedures` is flat at run time (path -> procedure), though typed as the nested record.
  return Object.entries(def.procedures).map(([path, procedure]) => {
    const runtime = procedure._def as unknown as ProcedureRuntimeDef;
    const chain = new Set<unknown>(runtime.middlewares);
    const moduleGated = requireModule._middlewares.every((fn) => chain.has(fn));
    return { path, type: runtime.type, access: accessOf(runtime.middlewares), meta: runtime.meta, moduleGated, inputs: runtime.inputs };
  });
}

/** Calls a procedure by its runtime path on a createCaller proxy. */
export function callPath(caller: object, path: string, input: unknown): Promise<unknown> {
  // The caller's type is a nested record known only at compile time; a runtime path needs an untyped walk.
  let node: unknown = caller;
  for (const key of path.split(".")) node = (node as Record<string, unknown>)[key];
  return (node as (input: unknown) => Promise<unknown>)(input);
}

/** A small seeded PRNG (mulberry32), so a failing fuzz case replays the same way. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let x = this.state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)]!;
  }
  hex(length: number): string {
    return Array.from({ length }, () => this.int(16).toString(16)).join("");
  }
  /** A random UUID of version 4, or 7 with a timestamp near `nearMs` (looks like our real ids). */
  uuid(version: 4 | 7, nearMs = Date.now()): string {
    const head = version === 7 ? Math.max(0, nearMs + this.int(2_000_000) - 1_000_000).toString(16).padStart(12, "0").slice(-12) : this.hex(12);
    const variant = "89ab"[this.int(4)]!;
    return `${head.slice(0, 8)}-${head.slice(8, 12)}-${version}${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }
}

/** Values the generator draws from when it fuzzes. */
export interface FuzzPools {
  /** For id-like fields: another tenant's real ids, random UUIDs, malformed strings, wrong types. */
  ids: readonly unknown[];
  /** For other text fields: another tenant's secrets (e-mails, slug, name) and malformed strings. */
  texts: readonly unknown[];
  /** For `cursor` fields: cursors forged from another tenant's rows, and garbage. */
  cursors: readonly string[];
  /** For date fields: valid and out-of-range dates, date strings, garbage. */
  dates: readonly unknown[];
}

export interface GenerateOptions {
  rng: Rng;
  pools: FuzzPools;
  /** Targeted mode: every id-like field gets this value, everything else a plausible one, optionals left out. */
  id?: string;
  /** In fuzz mode, how often a non-id field gets a hostile value instead of a plausible one (default 0.5). */
  fuzzRate?: number;
}

const ID_KEY = /(^id$|Id$|Ids$|^ids$)/;
const ID_FORMATS = new Set(["uuid", "guid", "cuid", "cuid2", "ulid", "nanoid", "xid", "ksuid"]);
const WRONG_TYPES: readonly unknown[] = [null, 0, -1, 42, true, [], {}, { id: "x" }];

const defOf = (schema: z.core.$ZodType) => (schema as z.core.$ZodTypes)._zod.def;

/** A leaf schema's limits, read through the public JSON Schema export (zod keeps them in internal checks). */
interface Constraints {
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  patterns: RegExp[];
}

const constraintsCache = new WeakMap<z.core.$ZodType, Constraints>();

function constraintsOf(schema: z.core.$ZodType): Constraints {
  const cached = constraintsCache.get(schema);
  if (cached) return cached;
  let json: Record<string, unknown> = {};
  try {
    json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  } catch {
    // Not representable (a custom type): no known limits.
  }
  const num = (key: string) => (typeof json[key] === "number" ? (json[key] as number) : undefined);
  const sources = [json, ...(Array.isArray(json.allOf) ? (json.allOf as Record<string, unknown>[]) : [])];
  const patterns = sources.flatMap((part) => (typeof part.pattern === "string" ? [new RegExp(part.pattern, "u")] : []));
  const exclusiveMin = num("exclusiveMinimum");
  const exclusiveMax = num("exclusiveMaximum");
  const integer = json.type === "integer";
  const result: Constraints = {
    minLength: num("minLength"),
    maxLength: num("maxLength"),
    minimum: num("minimum") ?? (exclusiveMin === undefined ? undefined : exclusiveMin + (integer ? 1 : 0.001)),
    maximum: num("maximum") ?? (exclusiveMax === undefined ? undefined : exclusiveMax - (integer ? 1 : 0.001)),
    format: typeof json.format === "string" ? json.format : undefined,
    patterns,
  };
  constraintsCache.set(schema, result);
  return result;
}

/** Unwraps optional/default/nullable/pipe wrappers to the schema that says what a field is. */
function core(schema: z.core.$ZodType): z.core.$ZodType {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "default":
    case "prefault":
    case "nullable":
    case "readonly":
    case "catch":
    case "nonoptional":
      return core(def.innerType);
    case "pipe":
      return core(def.in);
    default:
      return schema;
  }
}

export function isIdField(schema: z.core.$ZodType, key: string): boolean {
  const inner = core(schema);
  const def = defOf(inner);
  if (def.type === "array") return isIdField(def.element, key);
  if (def.type !== "string") return false;
  const format = constraintsOf(inner).format;
  return (format !== undefined && ID_FORMATS.has(format)) || ID_KEY.test(key);
}

// Values that satisfy common field kinds; the first one a field's length limits and patterns accept is used.
const CANDIDATES = [
  "probe", "2026-03-01", "2026-03-01T00:00:00.000Z", "probe@bravo.example", "https://bravo.example/hook", "probe-slug", "EUR", "en",
  "FR", "Europe/Paris", "+33 1 00 00 00 00", "correct horse battery staple 9", "12:00", "#336699", "0",
];

const HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/email/i, "probe@bravo.example"],
  [/url|uri/i, "https://bravo.example/hook"],
  [/password/i, "correct horse battery staple 9"],
  [/slug|workspace/i, "probe-slug"],
  [/timeZone/i, "Europe/Paris"],
  [/currency/i, "EUR"],
  [/language|locale/i, "en"],
  [/country/i, "FR"],
  [/phone/i, "+33 1 00 00 00 00"],
  [/date|At$/, "2026-03-01T00:00:00.000Z"],
];

const FORMATS: Record<string, string> = {
  email: "probe@bravo.example", uri: "https://bravo.example/hook", url: "https://bravo.example/hook", "date-time": "2026-03-01T00:00:00.000Z",
  datetime: "2026-03-01T00:00:00.000Z", date: "2026-03-01", time: "12:00:00",
};

function plausibleString(key: string, limits: Constraints): string {
  const min = limits.minLength ?? 0;
  const max = limits.maxLength ?? Infinity;
  const fits = (value: string) => value.length >= min && value.length <= max && limits.patterns.every((re) => re.test(value));
  const format = limits.format === undefined ? undefined : FORMATS[limits.format];
  const hinted = HINTS.find(([re]) => re.test(key))?.[1];
  const choices = [format, hinted, ...CANDIDATES].filter((v): v is string => v !== undefined);
  return choices.find(fits) ?? "probe".padEnd(min, "x").slice(0, max);
}

/** The same shape with other digits: "2026-03-01" becomes "9999-99-99" or "0000-00-00" or "4817-52-06". */
function redigit(value: string, rng: Rng): string {
  const mode = rng.int(3);
  return value.replace(/\d/g, () => (mode === 0 ? "9" : mode === 1 ? "0" : String(rng.int(10))));
}

function plausibleNumber(limits: Constraints, rng: Rng): number {
  const min = limits.minimum !== undefined && Number.isFinite(limits.minimum) ? limits.minimum : 1;
  const max = limits.maximum !== undefined && Number.isFinite(limits.maximum) ? limits.maximum : min + 50;
  return min + rng.int(Math.min(max - min, 50) + 1);
}

/** An input for the procedure: plausible where the schema says so, fuzzed where the options say so. */
export function generateInput(info: ProcedureInfo, options: GenerateOptions): unknown {
  if (info.inputs.length === 0) return undefined;
  const parts = info.inputs.map((schema) => generate(schema, "", options));
  if (parts.length === 1) return parts[0];
  return Object.assign({}, ...parts.filter((part) => typeof part === "object" && part !== null));
}

function generate(schema: z.core.$ZodType, key: string, options: GenerateOptions): unknown {
  const { rng, pools } = options;
  const targeted = options.id !== undefined;
  const rate = targeted ? 0 : (options.fuzzRate ?? 0.5);
  // Now and then any field gets a value of the wrong type; validation must turn it into BAD_REQUEST.
  if (key !== "" && rng.chance(rate * 0.05)) return rng.pick(WRONG_TYPES);
  const def = defOf(schema);
  switch (def.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [field, fieldSchema] of Object.entries(def.shape)) {
        const value = generate(fieldSchema, field, options);
        if (value !== undefined) out[field] = value;
      }
      if (rng.chance(rate * 0.05)) out.unexpectedField = rng.pick(pools.texts);
      return out;
    }
    case "optional":
    case "default":
    case "prefault": {
      const include = targeted ? isIdField(def.innerType, key) : rng.chance(0.6);
      return include ? generate(def.innerType, key, options) : undefined;
    }
    case "nullable":
      return rng.chance(rate * 0.2) ? null : generate(def.innerType, key, options);
    case "readonly":
    case "catch":
    case "nonoptional":
      return generate(def.innerType, key, options);
    case "pipe":
      return generate(def.in, key, options);
    case "lazy":
      return generate(def.getter(), key, options);
    case "string": {
      if (isIdField(schema, key)) return targeted ? options.id : rng.pick(pools.ids);
      if (key === "cursor" && !targeted && rng.chance(0.7)) return rng.pick(pools.cursors);
      const plausible = plausibleString(key, constraintsOf(schema));
      if (rng.chance(rate * 0.3) && /\d/.test(plausible)) return redigit(plausible, rng);
      return rng.chance(rate) ? rng.pick(pools.texts) : plausible;
    }
    case "number":
      if (rng.chance(rate * 0.3)) return rng.pick([-1, 0, 1.5, 101, 1e9, -1e9, Number.MAX_SAFE_INTEGER, Infinity, NaN]);
      return plausibleNumber(constraintsOf(schema), rng);
    case "bigint":
      return BigInt(plausibleNumber(constraintsOf(schema), rng));
    case "boolean":
      return targeted ? true : rng.chance(0.5);
    case "date":
      return rng.chance(rate) ? rng.pick(pools.dates) : new Date("2026-03-01T00:00:00Z");
    case "enum": {
      const values = Object.values(def.entries);
      return rng.chance(rate * 0.2) ? "NOT_AN_OPTION" : rng.pick(values);
    }
    case "literal":
      return def.values[0];
    case "array": {
      const length = targeted ? 1 : rng.int(4);
      return Array.from({ length }, () => generate(def.element, key, options));
    }
    case "tuple":
      return def.items.map((item) => generate(item, key, options));
    case "union":
      return generate(targeted ? def.options[0]! : rng.pick(def.options), key, options);
    case "intersection": {
      const left = generate(def.left, key, options);
      const right = generate(def.right, key, options);
      return typeof left === "object" && typeof right === "object" ? { ...left, ...right } : left;
    }
    case "record":
      return targeted ? {} : { probe: rng.pick(pools.texts) };
    case "void":
    case "undefined":
      return rng.chance(rate * 0.1) ? rng.pick(pools.texts) : undefined;
    case "null":
      return null;
    case "any":
    case "unknown":
      return targeted ? "probe" : rng.pick(pools.texts);
    default:
      // Schema kinds we cannot fill (custom, file, function...): the call fails validation, and the
      // cross-tenant suite reports the procedure as never reaching its resolver.
      return undefined;
  }
}
