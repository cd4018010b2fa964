// The module catalog, for platform admins: modules (draft -> published -> retired) and plan versions. A
// change of a plan's terms makes a new version; retiring a module or plan stops new subscriptions.
import type { CreateModuleInput, CreatePlanInput, ListModulesInput, ModuleMetric, NewPlanVersionInput, UpdateModuleInput } from "@tenancy/contracts";
import { uuidv7, type Prisma } from "@tenancy/db";
import type { z } from "zod";
import { AppError, isUniqueViolation } from "../../lib/app-error.js";
import { diff, record } from "../../lib/record.js";
import type { Scope } from "../../lib/scope.js";
import { familyKey, latestVersionIds, MODULE_SELECT, moduleMetrics, PLAN_SELECT, planLimits, toModuleDto, toPlanDto, type PlanRow } from "./catalog.js";

type Tx = Prisma.TransactionClient;

const moduleNotFound = (key: string) => new AppError("MODULE_NOT_FOUND", `There is no module "${key}" in the catalog.`, { moduleKey: key });

async function findModule(db: Tx | Scope["prisma"], key: string) {
  const row = await db.module.findUnique({ where: { key }, select: MODULE_SELECT });
  if (!row) throw moduleNotFound(key);
  return row;
}

async function findPlan(db: Tx | Scope["prisma"], planId: string) {
  const row = await db.plan.findUnique({ where: { id: planId }, select: PLAN_SELECT });
  if (!row) throw new AppError("PLAN_NOT_FOUND", "This plan does not exist.", { planId });
  return row;
}

const planRef = (p: Pick<PlanRow, "id" | "moduleKey" | "code" | "interval" | "version">) => ({
  planId: p.id,
  moduleKey: p.moduleKey,
  code: p.code,
  interval: p.interval,
  version: p.version,
});

/** Limits may only name metrics the module declares. */
function assertDeclaredMetrics(limits: Record<string, number>, metrics: ModuleMetric[], moduleKey: string) {
  const declared = new Set(metrics.map((m) => m.key));
  const unknown = Object.keys(limits).filter((key) => !declared.has(key));
  if (unknown.length > 0) {
    throw new AppError(
      "BAD_INPUT",
      `The module "${moduleKey}" declares no metric ${unknown.map((k) => `"${k}"`).join(", ")}; limit only its metrics (${[...declared].join(", ") || "none declared"}).`,
      { field: "limits" },
    );
  }
}

async function withPlans<T extends { key: string }>(db: Scope["prisma"], modules: T[], includeOldVersions: boolean) {
  const plans = await db.plan.findMany({
    where: { moduleKey: { in: modules.map((m) => m.key) } },
    orderBy: [{ code: "asc" }, { interval: "asc" }, { version: "desc" }],
    select: PLAN_SELECT,
  });
  const latest = latestVersionIds(plans);
  return modules.map((m) => ({
    ...m,
    plans: plans.filter((p) => p.moduleKey === m.key && (includeOldVersions || latest.has(p.id))).map((p) => toPlanDto(p, latest.has(p.id))),
  }));
}

export async function list(scope: Scope, input: z.infer<typeof ListModulesInput>) {
  const rows = await scope.prisma.module.findMany({
    where: input.status ? { status: input.status } : {},
    orderBy: { key: "asc" },
    select: MODULE_SELECT,
  });
  return { items: await withPlans(scope.prisma, rows.map(toModuleDto), input.includeOldVersions) };
}

export async function get(scope: Scope, key: string) {
  const row = await findModule(scope.prisma, key);
  const [module] = await withPlans(scope.prisma, [toModuleDto(row)], true);
  return module!;
}

export async function create(scope: Scope, input: z.infer<typeof CreateModuleInput>) {
  const taken = () => new AppError("MODULE_KEY_TAKEN", `A module with the key "${input.key}" already exists; choose another key.`, { field: "key" });
  if (await scope.prisma.module.findUnique({ where: { key: input.key }, select: { key: true } })) throw taken();
  try {
    return await scope.prisma.$transaction(async (tx) => {
      const row = await tx.module.create({ data: { ...input, status: "draft", createdAt: scope.clock.now() }, select: MODULE_SELECT });
      await record(tx, scope, {
        type: "module.created",
        tenantId: null,
        target: { type: "module", id: row.key, name: input.name.en },
        changes: { ...input },
        payload: { moduleKey: row.key },
      });
      return { ...toModuleDto(row), plans: [] };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

export async function update(scope: Scope, input: z.infer<typeof UpdateModuleInput>) {
  const { key, ...fields } = input;
  return scope.prisma.$transaction(async (tx) => {
    const before = await findModule(tx, key);
    if (before.status === "retired") throw new AppError("INVALID_STATE", "This module is retired; a retired module cannot be edited.");
    if (fields.metrics) {
      const kept = new Set(fields.metrics.map((m) => m.key));
      const plans = await tx.plan.findMany({ where: { moduleKey: key }, select: { limits: true } });
      const limited = [...new Set(plans.flatMap((p) => Object.keys(planLimits(p))))].filter((metric) => !kept.has(metric));
      if (limited.length > 0) {
        throw new AppError("INVALID_STATE", `Plans of this module set limits on ${limited.join(", ")}; these metrics cannot be removed.`, { field: "metrics" });
      }
    }
    const changes = diff(before as unknown as Record<string, unknown>, fields);
    if (Object.keys(changes).length === 0) throw new AppError("INVALID_STATE", "Nothing to change: every field already has this value.");
    const row = await tx.module.update({ where: { key }, data: fields, select: MODULE_SELECT });
    await record(tx, scope, {
      type: "module.updated",
      tenantId: null,
      target: { type: "module", id: key, name: (row.name as { en: string }).en },
      changes,
      payload: { moduleKey: key, fields: Object.keys(changes) },
    });
    return toModuleDto(row);
  });
}

export async function publish(scope: Scope, key: string) {
  return scope.prisma.$transaction(async (tx) => {
    const before = await findModule(tx, key);
    if (before.status !== "draft") {
      throw new AppError("INVALID_STATE", before.status === "published" ? "This module is already published." : "A retired module cannot be published again.");
    }
    const activePlans = await tx.plan.count({ where: { moduleKey: key, status: "active" } });
    if (activePlans === 0) throw new AppError("INVALID_STATE", "Add at least one plan to this module before publishing it.");
    const row = await tx.module.update({ where: { key }, data: { status: "published", publishedAt: scope.clock.now() }, select: MODULE_SELECT });
    await record(tx, scope, {
      type: "module.published",
      tenantId: null,
      target: { type: "module", id: key, name: (row.name as { en: string }).en },
      changes: { status: { from: before.status, to: "published" } },
      payload: { moduleKey: key },
    });
    return toModuleDto(row);
  });
}

export async function retire(scope: Scope, key: string) {
  return scope.prisma.$transaction(async (tx) => {
    const before = await findModule(tx, key);
    if (before.status === "retired") throw new AppError("INVALID_STATE", "This module is already retired.");
    const row = await tx.module.update({ where: { key }, data: { status: "retired", retiredAt: scope.clock.now() }, select: MODULE_SELECT });
    await record(tx, scope, {
      type: "module.retired",
      tenantId: null,
      target: { type: "module", id: key, name: (row.name as { en: string }).en },
      changes: { status: { from: before.status, to: "retired" } },
      payload: { moduleKey: key },
    });
    return toModuleDto(row);
  });
}

export async function createPlan(scope: Scope, input: z.infer<typeof CreatePlanInput>) {
  const taken = () =>
    new AppError("PLAN_CODE_TAKEN", `The module "${input.moduleKey}" already has a ${input.interval} plan "${input.code}"; make a new version of it instead.`, {
      field: "code",
    });
  try {
    return await scope.prisma.$transaction(async (tx) => {
      const module = await findModule(tx, input.moduleKey);
      if (module.status === "retired") throw new AppError("INVALID_STATE", "This module is retired; it takes no new plans.");
      assertDeclaredMetrics(input.limits, moduleMetrics(module), input.moduleKey);
      const existing = await tx.plan.findFirst({ where: { moduleKey: input.moduleKey, code: input.code, interval: input.interval }, select: { id: true } });
      if (existing) throw taken();
      const id = uuidv7(scope.clock.now().getTime());
      const row = await tx.plan.create({ data: { id, ...input, version: 1, status: "active", createdAt: scope.clock.now() }, select: PLAN_SELECT });
      await record(tx, scope, {
        type: "plan.created",
        tenantId: null,
        target: { type: "plan", id, name: familyKey(row) },
        changes: { ...input },
        payload: planRef(row),
      });
      return toPlanDto(row, true);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

/**
 * Running subscriptions on older versions renew onto the new one at their period's end: each tenant is told
 * now (an event, for notifications), in the transaction that makes the version.
 */
async function announceNewTerms(tx: Tx, scope: Scope, next: PlanRow) {
  const subscriptions = await tx.subscription.findMany({
    where: {
      status: { in: ["trialing", "active", "past_due"] },
      OR: [
        { plan: { moduleKey: next.moduleKey, code: next.code, interval: next.interval, version: { lt: next.version } } },
        { pendingPlan: { moduleKey: next.moduleKey, code: next.code, interval: next.interval, version: { lt: next.version } } },
      ],
    },
    select: { id: true, tenantId: true, moduleKey: true, planId: true, currentPeriodEnd: true },
  });
  for (const sub of subscriptions) {
    await record(tx, scope, {
      type: "subscription.renewal_terms_changed",
      tenantId: sub.tenantId,
      target: { type: "subscription", id: sub.id, name: sub.moduleKey },
      changes: { newPlanId: next.id, effectiveAt: sub.currentPeriodEnd.toISOString() },
      payload: { subscriptionId: sub.id, moduleKey: sub.moduleKey, planId: sub.planId, newPlanId: next.id, effectiveAt: sub.currentPeriodEnd.toISOString() },
    });
  }
}

export async function newPlanVersion(scope: Scope, input: z.infer<typeof NewPlanVersionInput>) {
  const { planId, ...terms } = input;
  try {
    return await scope.prisma.$transaction(async (tx) => {
      const given = await findPlan(tx, planId);
      const latest = (await tx.plan.findFirst({
        where: { moduleKey: given.moduleKey, code: given.code, interval: given.interval },
        orderBy: { version: "desc" },
        select: PLAN_SELECT,
      }))!;
      if (latest.status === "retired") throw new AppError("INVALID_STATE", "This plan is retired; make a new plan instead of a new version.");
      const module = await findModule(tx, given.moduleKey);
      if (module.status === "retired") throw new AppError("INVALID_STATE", "This module is retired; its plans take no new versions.");
      if (terms.limits) assertDeclaredMetrics(terms.limits, moduleMetrics(module), module.key);
      const changes = diff(latest as unknown as Record<string, unknown>, terms);
      if (Object.keys(changes).length === 0) throw new AppError("INVALID_STATE", "Nothing to change: the newest version already has these terms.");
      const id = uuidv7(scope.clock.now().getTime());
      const { id: _id, createdAt: _createdAt, retiredAt: _retiredAt, version, ...copied } = latest;
      const row = await tx.plan.create({
        data: {
          ...copied,
          name: copied.name as Prisma.InputJsonValue,
          prices: copied.prices as Prisma.InputJsonValue,
          limits: copied.limits as Prisma.InputJsonValue,
          ...terms,
          id,
          version: version + 1,
          createdAt: scope.clock.now(),
        },
        select: PLAN_SELECT,
      });
      await record(tx, scope, {
        type: "plan.version_created",
        tenantId: null,
        target: { type: "plan", id, name: `${familyKey(row)} v${row.version}` },
        changes,
        payload: { ...planRef(row), previousPlanId: latest.id, fields: Object.keys(changes) },
      });
      await announceNewTerms(tx, scope, row);
      return toPlanDto(row, true);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "Another new version of this plan was just made; reload and try again.");
    throw error;
  }
}

/** Retires every version of the plan: no new subscriptions; running ones end at their period end. */
export async function retirePlan(scope: Scope, planId: string) {
  return scope.prisma.$transaction(async (tx) => {
    const given = await findPlan(tx, planId);
    if (given.status === "retired") throw new AppError("INVALID_STATE", "This plan is already retired.");
    const now = scope.clock.now();
    await tx.plan.updateMany({ where: { moduleKey: given.moduleKey, code: given.code, interval: given.interval }, data: { status: "retired", retiredAt: now } });
    const versions = await tx.plan.findMany({ where: { moduleKey: given.moduleKey, code: given.code, interval: given.interval }, select: PLAN_SELECT });
    const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));
    await record(tx, scope, {
      type: "plan.retired",
      tenantId: null,
      target: { type: "plan", id: latest.id, name: familyKey(latest) },
      changes: { status: { from: "active", to: "retired" } },
      payload: planRef(latest),
    });
    return toPlanDto(versions.find((v) => v.id === planId)!, latest.id === planId);
  });
}
