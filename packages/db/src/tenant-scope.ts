// The tenant boundary: `forTenant(prisma, tenantId)` returns the only client tenant code gets. It is a
// boundary, not a filter:
// - it exposes the tenant-owned models only (read from the schema metadata: a model with a `tenantId`
//   field and a relation to Tenant), plus named, tenant-bound helpers: the tenant's own row, the
//   sessions of its users, the head of its audit chain, and read-only access to the platform's module
//   catalog (the same for every tenant). No raw SQL, no other model, no way back to the unscoped client;
// - every read and write of a tenant-owned model is filtered by, or stamped with, the bound tenant;
// - it refuses (throws TenantScopeError) nested and relation writes, any change of `tenantId`, a create
//   for another tenant, and reading a relation into a model that is not tenant-owned.
// The database backs it: references between tenant-owned rows are composite foreign keys
// (tenantId, x) -> (tenantId, id), so even a bug here cannot link rows of two tenants.
import { endSessions } from "./end-sessions.js";
import type { Prisma, PrismaClient } from "./generated/prisma/client.js";
import type { SessionEndReason } from "./generated/prisma/enums.js";

/** A misuse of the tenant-scoped client: a programming error, never a client's mistake. */
export class TenantScopeError extends Error {
  constructor(message: string) {
    super(`Tenant scope: ${message}`);
    this.name = "TenantScopeError";
  }
}

// ---- The schema, as the generated client describes it -------------------------------------------

interface FieldInfo {
  name: string;
  kind: "scalar" | "object" | "enum" | "unsupported";
  type: string;
}
interface ModelInfo {
  name: string;
  /** Relation fields by name -> the model they point to. */
  relations: Map<string, string>;
  scalars: Set<string>;
}
interface Schema {
  models: Map<string, ModelInfo>;
  /** Delegate name (`userRole`) -> model, for the tenant-owned models only. */
  tenantDelegates: Map<string, ModelInfo>;
}

type RuntimeDataModel = { models: Record<string, { fields: FieldInfo[] }> };

const delegateName = (model: string) => model[0]!.toLowerCase() + model.slice(1);

function readSchema(prisma: PrismaClient): Schema {
  // The generated client carries its data model (the DMMF's models and fields); reading it here means
  // a new tenant-owned model is scoped the moment it is added to schema.prisma, with no list to keep.
  const runtime = (prisma as unknown as { _runtimeDataModel?: RuntimeDataModel })._runtimeDataModel;
  if (!runtime?.models) throw new TenantScopeError("the Prisma client exposes no data model; cannot derive the tenant-owned models.");
  const models = new Map<string, ModelInfo>();
  for (const [name, { fields }] of Object.entries(runtime.models)) {
    const relations = new Map(fields.filter((f) => f.kind === "object").map((f) => [f.name, f.type] as const));
    const scalars = new Set(fields.filter((f) => f.kind === "scalar" || f.kind === "enum").map((f) => f.name));
    models.set(name, { name, relations, scalars });
  }
  const tenantDelegates = new Map<string, ModelInfo>();
  for (const model of models.values()) {
    if (isTenantOwned(model)) tenantDelegates.set(delegateName(model.name), model);
  }
  return { models, tenantDelegates };
}

function isTenantOwned(model: ModelInfo): boolean {
  return model.scalars.has("tenantId") && [...model.relations.values()].includes("Tenant");
}

const schemas = new WeakMap<PrismaClient, Schema>();
function schemaOf(prisma: PrismaClient): Schema {
  let schema = schemas.get(prisma);
  if (!schema) {
    schema = readSchema(prisma);
    schemas.set(prisma, schema);
  }
  return schema;
}

/** The names of the tenant-owned models, as derived from the schema (for tests and docs). */
export function tenantModels(prisma: PrismaClient): string[] {
  return [...schemaOf(prisma).tenantDelegates.values()].map((m) => m.name).sort();
}

// ---- Types -----------------------------------------------------------------------------------------

type Models = Prisma.TypeMap["model"];
/** Same rule as `isTenantOwned`, at the type level: a `tenantId` scalar and a relation named `tenant`. */
export type TenantModelName = {
  [M in keyof Models]: "tenantId" extends keyof Models[M]["payload"]["scalars"]
    ? "tenant" extends keyof Models[M]["payload"]["objects"]
      ? M
      : never
    : never;
}[keyof Models];

type TenantDelegates = { readonly [M in TenantModelName as Uncapitalize<M>]: Prisma.TransactionClient[Uncapitalize<M>] };

type TenantScalar = Prisma.TenantScalarFieldEnum;
/** What tenant code may change on its own tenant row (not its id, status or timestamps). */
type OwnTenantWritable = Exclude<TenantScalar, "id" | "status" | "suspendedAt" | "createdAt" | "updatedAt">;
type ScalarSelect = { [K in TenantScalar]?: true };

/** The tenant's own row, read and written by id only, scalar fields only. */
export interface OwnTenant {
  get<S extends ScalarSelect>(select: S): Promise<Prisma.TenantGetPayload<{ select: S }>>;
  update<S extends ScalarSelect>(data: Pick<Prisma.TenantUncheckedUpdateInput, OwnTenantWritable>, select: S): Promise<Prisma.TenantGetPayload<{ select: S }>>;
  /**
   * Inside a transaction: locks the tenant's row until the transaction ends, so guards that must see each
   * other's writes (the last tenant admin) run one at a time per tenant. FOR NO KEY UPDATE, so inserts
   * that only reference the tenant (their foreign key checks) are not held up.
   */
  lock(): Promise<void>;
}

/** The sessions of the tenant's users: tenant code may end them, never read or create them. */
export interface TenantSessions {
  /**
   * Ends every session of one user of this tenant, except `exceptSessionId`, noting why (`reason`, by default
   * "revoked") for the browsers that hold them; returns how many.
   */
  endForUser(userId: string, options?: { exceptSessionId?: string; reason?: SessionEndReason }): Promise<number>;
}

/** The head of the tenant's own audit hash chain (kept by the sealing job), read-only. */
export interface TenantAuditChain {
  get(): Promise<Prisma.AuditChainGetPayload<object> | null>;
}

/** The platform's module catalog, read-only: what the platform sells is the same for every tenant. */
export interface TenantCatalog {
  readonly module: Pick<Prisma.TransactionClient["module"], "findUnique" | "findFirst" | "findMany" | "count">;
  readonly plan: Pick<Prisma.TransactionClient["plan"], "findUnique" | "findFirst" | "findMany" | "count">;
}

/** The tenant-bound client inside a transaction. */
export interface TenantTx extends TenantDelegates {
  readonly tenantId: string;
  readonly ownTenant: OwnTenant;
  readonly sessions: TenantSessions;
  readonly auditChain: TenantAuditChain;
  readonly catalog: TenantCatalog;
}

type TxOptions = { maxWait?: number; timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel };

/** The tenant-bound client: a transaction of its own, or tenant-owned model calls outside one. */
export interface TenantDb extends TenantTx {
  $transaction<T>(fn: (tx: TenantTx) => Promise<T>, options?: TxOptions): Promise<T>;
}

// ---- Argument rewriting ------------------------------------------------------------------------------

const READ_OPS = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count", "aggregate", "groupBy"]);
const UPDATE_OPS = new Set(["update", "updateMany", "updateManyAndReturn"]);
const DELETE_OPS = new Set(["delete", "deleteMany"]);
const CREATE_OPS = new Set(["create", "createMany", "createManyAndReturn"]);
const OPERATIONS = new Set([...READ_OPS, ...UPDATE_OPS, ...DELETE_OPS, ...CREATE_OPS, "upsert"]);

type Args = Record<string, unknown>;
const isObject = (value: unknown): value is Args => typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);

function checkWrite(model: ModelInfo, data: unknown, tenantId: string, creating: boolean): void {
  const rows = Array.isArray(data) ? data : [data];
  for (const row of rows) {
    if (!isObject(row)) continue;
    for (const key of Object.keys(row)) {
      if (model.relations.has(key)) {
        throw new TenantScopeError(`${model.name}.${key} is a relation: nested and relation writes are refused; write each row through its own model.`);
      }
      if (key === "tenantId" && (!creating || row.tenantId !== tenantId)) {
        throw new TenantScopeError(`${model.name}.tenantId cannot be written through a tenant-scoped client (it is set from the scope).`);
      }
    }
  }
}

/** Refuses select/include of a relation into a model that is not tenant-owned (Tenant, sessions, ...). */
function checkReadShape(schema: Schema, model: ModelInfo, args: Args, depth = 0): void {
  if (depth > 16) throw new TenantScopeError("select/include is nested too deeply.");
  for (const key of ["select", "include"] as const) {
    const shape = args[key];
    if (!isObject(shape)) continue;
    for (const [field, value] of Object.entries(shape)) {
      if (field === "_count") {
        const countSelect = isObject(value) && isObject(value.select) ? value.select : {};
        for (const relation of Object.keys(countSelect)) checkRelation(schema, model, relation);
        continue;
      }
      const target = checkRelation(schema, model, field);
      if (target && isObject(value)) checkReadShape(schema, target, value, depth + 1);
    }
  }
}

function checkRelation(schema: Schema, model: ModelInfo, field: string): ModelInfo | undefined {
  const targetName = model.relations.get(field);
  if (!targetName) return undefined;
  const target = schema.models.get(targetName)!;
  if (!isTenantOwned(target)) {
    throw new TenantScopeError(`${model.name}.${field} leads to ${targetName}, which is not tenant-owned; use the scope's named helpers.`);
  }
  return target;
}

function scopeArgs(schema: Schema, model: ModelInfo, operation: string, input: unknown, tenantId: string): Args {
  const args: Args = isObject(input) ? { ...input } : {};
  checkReadShape(schema, model, args);
  if (READ_OPS.has(operation) || UPDATE_OPS.has(operation) || DELETE_OPS.has(operation) || operation === "upsert") {
    args.where = { ...(isObject(args.where) ? args.where : {}), tenantId };
  }
  if (UPDATE_OPS.has(operation)) checkWrite(model, args.data, tenantId, false);
  if (CREATE_OPS.has(operation)) {
    checkWrite(model, args.data, tenantId, true);
    args.data = Array.isArray(args.data) ? args.data.map((row: Args) => ({ ...row, tenantId })) : { ...(args.data as Args), tenantId };
  }
  if (operation === "upsert") {
    checkWrite(model, args.create, tenantId, true);
    checkWrite(model, args.update, tenantId, false);
    args.create = { ...(args.create as Args), tenantId };
  }
  return args;
}

// ---- The client ------------------------------------------------------------------------------------

type AnyDelegate = Record<string, (args?: unknown) => unknown>;

function scopedDelegate(schema: Schema, model: ModelInfo, delegate: AnyDelegate, tenantId: string): AnyDelegate {
  const scoped: AnyDelegate = {};
  for (const operation of OPERATIONS) {
    scoped[operation] = (args?: unknown) => {
      let scopedArgs: Args;
      try {
        scopedArgs = scopeArgs(schema, model, operation, args, tenantId);
      } catch (error) {
        return Promise.reject(error); // like Prisma's own argument errors: a rejected query, not a throw
      }
      return delegate[operation]!(scopedArgs);
    };
  }
  return refuseUnknown(scoped, `${model.name} delegate`);
}

/** Wraps an object so that reading a property it does not have throws instead of yielding undefined. */
function refuseUnknown<T extends object>(target: T, what: string): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === "symbol" || property === "then" || property in object) return Reflect.get(object, property, receiver);
      throw new TenantScopeError(`${property} is not available on the ${what} of a tenant-scoped client (tenant-owned models and named helpers only; no raw SQL).`);
    },
  });
}

function ownTenant(client: Prisma.TransactionClient, schema: Schema, tenantId: string): OwnTenant {
  const tenant = schema.models.get("Tenant")!;
  const checkSelect = (select: object) => {
    for (const key of Object.keys(select)) {
      if (!tenant.scalars.has(key)) throw new TenantScopeError(`Tenant.${key} cannot be read through the own-tenant helper (scalar fields only).`);
    }
  };
  const WRITABLE_EXCLUDED = new Set(["id", "status", "suspendedAt", "createdAt", "updatedAt"]);
  return {
    async get(select) {
      checkSelect(select);
      return client.tenant.findUniqueOrThrow({ where: { id: tenantId }, select }) as never;
    },
    async update(data, select) {
      checkSelect(select);
      for (const key of Object.keys(data)) {
        if (!tenant.scalars.has(key) || WRITABLE_EXCLUDED.has(key)) throw new TenantScopeError(`Tenant.${key} cannot be changed through the own-tenant helper.`);
      }
      return client.tenant.update({ where: { id: tenantId }, data, select }) as never;
    },
    async lock() {
      await client.$queryRawUnsafe(`SELECT 1 FROM tenants WHERE id = $1::uuid FOR NO KEY UPDATE`, tenantId);
    },
  };
}

/** Platform models every tenant may read (never write): the module catalog. */
const CATALOG_MODELS = new Set(["Module", "Plan"]);
const CATALOG_OPERATIONS = ["findUnique", "findFirst", "findMany", "count"] as const;
const FILTER_COMBINATORS = new Set(["AND", "OR", "NOT"]);

/**
 * A catalog read may reach catalog models only: no select, include, filter or ordering through a relation
 * into tenant rows (a plan's subscriptions belong to every tenant).
 */
function checkCatalogArgs(schema: Schema, model: ModelInfo, args: Args, depth = 0): void {
  if (depth > 16) throw new TenantScopeError("catalog query is nested too deeply.");
  const target = (field: string): ModelInfo | undefined => {
    const name = model.relations.get(field);
    if (!name) return undefined;
    if (!CATALOG_MODELS.has(name)) throw new TenantScopeError(`${model.name}.${field} leads to ${name}, which the catalog helper cannot read.`);
    return schema.models.get(name)!;
  };
  for (const key of ["select", "include"] as const) {
    const shape = args[key];
    if (!isObject(shape)) continue;
    for (const [field, value] of Object.entries(shape)) {
      if (field === "_count") {
        const countSelect = isObject(value) && isObject(value.select) ? value.select : {};
        for (const relation of Object.keys(countSelect)) target(relation);
        continue;
      }
      const next = target(field);
      if (next && isObject(value)) checkCatalogArgs(schema, next, value, depth + 1);
    }
  }
  checkCatalogFilter(schema, model, args.where, depth);
  const orderings = Array.isArray(args.orderBy) ? args.orderBy : [args.orderBy];
  for (const ordering of orderings) {
    if (!isObject(ordering)) continue;
    for (const field of Object.keys(ordering)) {
      if (!model.scalars.has(field)) throw new TenantScopeError(`${model.name} catalog reads order by scalar fields only, not ${field}.`);
    }
  }
}

function checkCatalogFilter(schema: Schema, model: ModelInfo, where: unknown, depth: number): void {
  if (depth > 16) throw new TenantScopeError("catalog filter is nested too deeply.");
  const filters = Array.isArray(where) ? where : [where];
  for (const filter of filters) {
    if (!isObject(filter)) continue;
    for (const [field, value] of Object.entries(filter)) {
      if (FILTER_COMBINATORS.has(field)) {
        checkCatalogFilter(schema, model, value, depth + 1);
        continue;
      }
      const name = model.relations.get(field);
      if (!name) continue;
      if (!CATALOG_MODELS.has(name)) throw new TenantScopeError(`${model.name}.${field} leads to ${name}, which the catalog helper cannot filter on.`);
      const next = schema.models.get(name)!;
      // Relation filters: { some | every | none | is | isNot: {...} }, or the to-one shorthand itself.
      const nested = isObject(value) ? Object.entries(value) : [];
      const wrapped = nested.filter(([k]) => ["some", "every", "none", "is", "isNot"].includes(k));
      if (wrapped.length > 0) for (const [, inner] of wrapped) checkCatalogFilter(schema, next, inner, depth + 1);
      else checkCatalogFilter(schema, next, value, depth + 1);
    }
  }
}

function tenantCatalog(client: Prisma.TransactionClient, schema: Schema): TenantCatalog {
  const delegate = (modelName: string) => {
    const model = schema.models.get(modelName)!;
    const raw = (client as unknown as Record<string, AnyDelegate>)[delegateName(modelName)]!;
    const reads: AnyDelegate = {};
    for (const operation of CATALOG_OPERATIONS) {
      reads[operation] = (args?: unknown) => {
        const copy: Args = isObject(args) ? { ...args } : {};
        try {
          checkCatalogArgs(schema, model, copy);
        } catch (error) {
          return Promise.reject(error);
        }
        return raw[operation]!(copy);
      };
    }
    return refuseUnknown(reads, `${modelName} catalog helper (read-only)`);
  };
  return { module: delegate("Module"), plan: delegate("Plan") } as unknown as TenantCatalog;
}

function tenantSessions(client: Prisma.TransactionClient, tenantId: string): TenantSessions {
  return {
    endForUser(userId, { exceptSessionId, reason = "revoked" } = {}) {
      return endSessions(client, { tenantId, userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) }, reason);
    },
  };
}

function build(client: Prisma.TransactionClient, schema: Schema, tenantId: string): TenantTx {
  const db: Record<string, unknown> = {
    tenantId,
    ownTenant: refuseUnknown(ownTenant(client, schema, tenantId), "own-tenant helper"),
    sessions: refuseUnknown(tenantSessions(client, tenantId), "sessions helper"),
    auditChain: refuseUnknown({ get: () => client.auditChain.findUnique({ where: { chainId: tenantId } }) } satisfies TenantAuditChain, "audit chain helper"),
    catalog: refuseUnknown(tenantCatalog(client, schema), "catalog helper"),
  };
  for (const [name, model] of schema.tenantDelegates) {
    db[name] = scopedDelegate(schema, model, (client as unknown as Record<string, AnyDelegate>)[name]!, tenantId);
  }
  return db as unknown as TenantTx;
}

function create(prisma: PrismaClient, tenantId: string): TenantDb {
  const schema = schemaOf(prisma);
  const db = build(prisma, schema, tenantId) as TenantTx & { $transaction?: TenantDb["$transaction"] };
  db.$transaction = (fn, options) => prisma.$transaction((tx) => fn(refuseUnknown(build(tx, schema, tenantId), "transaction")), options);
  return refuseUnknown(db as TenantDb, "client");
}

const cache = new WeakMap<PrismaClient, Map<string, TenantDb>>();
const CACHE_LIMIT = 2000;

/** The tenant-bound client; cached per tenant, since it is built once and holds no per-request state. */
export function forTenant(prisma: PrismaClient, tenantId: string): TenantDb {
  if (typeof tenantId !== "string" || tenantId.length === 0) throw new TenantScopeError("a tenant id is required.");
  let perClient = cache.get(prisma);
  if (!perClient) {
    perClient = new Map();
    cache.set(prisma, perClient);
  }
  let scoped = perClient.get(tenantId);
  if (!scoped) {
    if (perClient.size >= CACHE_LIMIT) perClient.delete(perClient.keys().next().value!);
    scoped = create(prisma, tenantId);
    perClient.set(tenantId, scoped);
  }
  return scoped;
}
