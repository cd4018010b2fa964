// Audit coverage: every mutation of the router, found from the router itself, writes an audit entry (who,
// tenant, action, module, target, IP, user agent, time) and an outbox event of the same type, and does so in
// the transaction of its change: when the outbox write fails, nothing of the mutation remains. A mutation
// without a valid-call factory below fails the suite, so new mutations cannot skip this.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { logOnlyGateway } from "../src/domains/billing/gateway.js";
import { runBilling } from "../src/jobs/billing.js";
import { makeModule } from "./catalog.js";
import { ADMIN_EMAIL, ADMIN_PASSWORD, createHarness, STRONG_PASSWORD, type Harness } from "./harness.js";
import { callPath, discoverProcedures } from "./procedures.js";

type Caller = ReturnType<Harness["caller"]>;
type Tenant = Awaited<ReturnType<Harness["makeTenant"]>>;

/** A call that must succeed, and what its audit entry must say. */
interface MutationCall {
  caller: Caller;
  input: unknown;
  /** The tenant the entry concerns (null for platform-level actions); a function when only the output knows it. */
  tenantId: string | null | ((output: unknown) => string);
  /** Who the entry must name as actor. */
  actorId: string;
}

type Factory = (h: Harness) => Promise<MutationCall>;

/** Every call below comes from this client, so its IP and user agent must be in the entries. */
const CLIENT = { ip: "198.51.100.23", userAgent: "audit-coverage/1.0" };

let n = 0;
const unique = () => ++n;

async function ops(h: Harness): Promise<{ caller: Caller; id: string }> {
  const caller = h.caller(CLIENT);
  const { me } = await caller.auth.login({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  return { caller, id: me.id };
}

/** A tenant, and its admin logged in from CLIENT. */
async function tenant(h: Harness): Promise<Tenant & { client: Caller }> {
  const t = await h.makeTenant({ slug: `audit-${unique()}` });
  const client = h.caller(CLIENT);
  await client.auth.login({ email: t.adminEmail, password: t.adminPassword, workspace: t.slug });
  return { ...t, client };
}

async function tenantWithUser(h: Harness) {
  const t = await tenant(h);
  const role = await t.client.roles.create({ name: `Readers ${unique()}`, permissions: ["users.read"] });
  const { user } = await t.client.users.create({ email: `user-${unique()}@example.com`, name: "Some User", roleIds: [role.id], password: STRONG_PASSWORD });
  return { ...t, roleId: role.id, userId: user.id };
}

async function platformAdmin(h: Harness, status: "active" | "deactivated") {
  const o = await ops(h);
  const { admin } = await o.caller.platform.admins.create({ email: `ops-${unique()}@example.com`, name: "Second Admin" });
  if (status === "deactivated") await o.caller.platform.admins.deactivate({ adminId: admin.id });
  return { ...o, adminId: admin.id };
}

const text = (en: string) => ({ en, fr: `${en} (fr)` });

/** A draft module in the catalog (and, with `plan`, its first monthly plan), made by a platform admin. */
async function catalogModule(h: Harness, { plan = false, publish = false } = {}) {
  const o = await ops(h);
  const key = `audit_mod_${unique()}`;
  await o.caller.modules.create({ key, name: text("Audit Module"), description: text("For audit coverage."), category: "productivity", icon: "puzzle" });
  const created = plan || publish ? await o.caller.modules.plans.create({ moduleKey: key, code: "basic", name: text("Basic"), interval: "monthly", prices: { EUR: 1000 } }) : null;
  if (publish) await o.caller.modules.publish({ key });
  return { ...o, key, planId: created?.id ?? "" };
}

const asPlatformAdmin = (o: { caller: Caller; id: string }, input: unknown): MutationCall => ({ caller: o.caller, input, tenantId: null, actorId: o.id });

/** A tenant (its admin logged in from CLIENT) and a published module, the tenant on `status` of its basic plan. */
async function subscriber(h: Harness, status: "none" | "trialing" | "active" = "active") {
  const m = await makeModule(h);
  const t = await tenant(h);
  if (status === "trialing") await t.client.subscriptions.startTrial({ planId: m.plans.basic });
  if (status === "active") await t.client.subscriptions.subscribe({ planId: m.plans.basic });
  return { t, m };
}

/** An open invoice of a tenant, issued by the billing job, for a platform admin (from CLIENT) to settle. */
async function openInvoice(h: Harness) {
  const { t } = await subscriber(h);
  await runBilling(h.services, { gateway: logOnlyGateway(pino({ level: "silent" })) });
  const invoice = await h.db.prisma.invoice.findFirstOrThrow({ where: { tenantId: t.tenantId, status: "open" } });
  const o = await ops(h);
  return { caller: o.caller, input: { invoiceId: invoice.id }, tenantId: t.tenantId, actorId: o.id };
}

const asTenantAdmin = (t: Tenant & { client: Caller }, input: unknown): MutationCall => ({ caller: t.client, input, tenantId: t.tenantId, actorId: t.adminId });

const FACTORIES: Record<string, Factory> = {
  "auth.login": async (h) => {
    const t = await h.makeTenant({ slug: `audit-${unique()}` });
    return { caller: h.caller(CLIENT), input: { email: t.adminEmail, password: t.adminPassword, workspace: t.slug }, tenantId: t.tenantId, actorId: t.adminId };
  },
  "auth.logout": async (h) => asTenantAdmin(await tenant(h), undefined),
  "auth.changePassword": async (h) => {
    const t = await tenant(h);
    return asTenantAdmin(t, { currentPassword: t.adminPassword, newPassword: `${STRONG_PASSWORD} changed` });
  },
  "platform.tenants.create": async (h) => {
    const o = await ops(h);
    const slug = `created-${unique()}`;
    return {
      caller: o.caller,
      input: {
        name: "Created Co", slug, contactEmail: `contact@${slug}.example`, country: "FR", timeZone: "Europe/Paris", currency: "EUR", language: "fr",
        admin: { email: `admin@${slug}.example`, name: "First Admin", password: STRONG_PASSWORD },
      },
      tenantId: (output) => (output as { tenant: { id: string } }).tenant.id,
      actorId: o.id,
    };
  },
  "platform.tenants.update": async (h) => {
    const t = await h.makeTenant({ slug: `audit-${unique()}` });
    const o = await ops(h);
    return { caller: o.caller, input: { tenantId: t.tenantId, name: "Renamed Co" }, tenantId: t.tenantId, actorId: o.id };
  },
  "platform.tenants.suspend": async (h) => {
    const t = await h.makeTenant({ slug: `audit-${unique()}` });
    const o = await ops(h);
    return { caller: o.caller, input: { tenantId: t.tenantId, reason: "Unpaid invoices" }, tenantId: t.tenantId, actorId: o.id };
  },
  "platform.tenants.reactivate": async (h) => {
    const t = await h.makeTenant({ slug: `audit-${unique()}` });
    const o = await ops(h);
    await o.caller.platform.tenants.suspend({ tenantId: t.tenantId });
    return { caller: o.caller, input: { tenantId: t.tenantId }, tenantId: t.tenantId, actorId: o.id };
  },
  "platform.tenants.resetAdminPassword": async (h) => {
    const t = await h.makeTenant({ slug: `audit-${unique()}` });
    const o = await ops(h);
    return { caller: o.caller, input: { tenantId: t.tenantId, userId: t.adminId }, tenantId: t.tenantId, actorId: o.id };
  },
  "platform.admins.create": async (h) => {
    const o = await ops(h);
    return { caller: o.caller, input: { email: `ops-${unique()}@example.com`, name: "New Admin" }, tenantId: null, actorId: o.id };
  },
  "platform.admins.deactivate": async (h) => {
    const a = await platformAdmin(h, "active");
    return { caller: a.caller, input: { adminId: a.adminId }, tenantId: null, actorId: a.id };
  },
  "platform.admins.reactivate": async (h) => {
    const a = await platformAdmin(h, "deactivated");
    return { caller: a.caller, input: { adminId: a.adminId }, tenantId: null, actorId: a.id };
  },
  "platform.admins.resetPassword": async (h) => {
    const a = await platformAdmin(h, "active");
    return { caller: a.caller, input: { adminId: a.adminId }, tenantId: null, actorId: a.id };
  },
  "platform.profile.update": async (h) => {
    const o = await ops(h);
    return { caller: o.caller, input: { name: `Renamed Ops ${unique()}`, language: "fr" }, tenantId: null, actorId: o.id };
  },
  "users.create": async (h) => {
    const t = await tenantWithUser(h);
    return asTenantAdmin(t, { email: `new-${unique()}@example.com`, name: "New User", roleIds: [t.roleId] });
  },
  "users.update": async (h) => {
    const t = await tenantWithUser(h);
    return asTenantAdmin(t, { userId: t.userId, name: "Renamed User" });
  },
  "users.deactivate": async (h) => {
    const t = await tenantWithUser(h);
    return asTenantAdmin(t, { userId: t.userId });
  },
  "users.reactivate": async (h) => {
    const t = await tenantWithUser(h);
    await t.client.users.deactivate({ userId: t.userId });
    return asTenantAdmin(t, { userId: t.userId });
  },
  "users.resetPassword": async (h) => {
    const t = await tenantWithUser(h);
    return asTenantAdmin(t, { userId: t.userId });
  },
  "users.updateProfile": async (h) => asTenantAdmin(await tenant(h), { name: "My New Name", language: "en" }),
  "roles.create": async (h) => asTenantAdmin(await tenant(h), { name: "Auditors", permissions: ["audit.read"] }),
  "roles.update": async (h) => {
    const t = await tenantWithUser(h);
    return asTenantAdmin(t, { roleId: t.roleId, name: "Renamed Role", permissions: ["users.read", "audit.read"] });
  },
  "roles.delete": async (h) => {
    const t = await tenant(h);
    const role = await t.client.roles.create({ name: "Short-lived", permissions: [] });
    return asTenantAdmin(t, { roleId: role.id });
  },
  "settings.update": async (h) => asTenantAdmin(await tenant(h), { localization: { dateFormat: "yyyy-MM-dd" }, compliance: { auditRetentionDays: 400 } }),
  "usage.spendCap.set": async (h) => {
    const t = await tenant(h);
    const { currency } = await t.client.usage.spendCap.get();
    return asTenantAdmin(t, { cap: 50_000, currency });
  },
  "subscriptions.startTrial": async (h) => {
    const { t, m } = await subscriber(h, "none");
    return asTenantAdmin(t, { planId: m.plans.pro, continueAfterTrial: true });
  },
  "subscriptions.subscribe": async (h) => {
    const { t, m } = await subscriber(h, "none");
    return asTenantAdmin(t, { planId: m.plans.basic });
  },
  "subscriptions.changePlan": async (h) => {
    const { t, m } = await subscriber(h);
    return asTenantAdmin(t, { planId: m.plans.pro });
  },
  "subscriptions.switchInterval": async (h) => {
    const { t, m } = await subscriber(h);
    return asTenantAdmin(t, { moduleKey: m.key });
  },
  "subscriptions.cancel": async (h) => {
    const { t, m } = await subscriber(h);
    return asTenantAdmin(t, { moduleKey: m.key });
  },
  "subscriptions.resume": async (h) => {
    const { t, m } = await subscriber(h);
    await t.client.subscriptions.cancel({ moduleKey: m.key });
    return asTenantAdmin(t, { moduleKey: m.key });
  },
  "subscriptions.activate": async (h) => {
    const { t, m } = await subscriber(h, "trialing");
    await t.client.subscriptions.deactivate({ moduleKey: m.key });
    return asTenantAdmin(t, { moduleKey: m.key });
  },
  "subscriptions.deactivate": async (h) => {
    const { t, m } = await subscriber(h);
    return asTenantAdmin(t, { moduleKey: m.key });
  },
  "billing.admin.invoices.markPaid": openInvoice,
  "billing.admin.invoices.markVoid": openInvoice,
  "billing.admin.invoices.markUncollectible": openInvoice,
  "billing.admin.settings.update": async (h) => asPlatformAdmin(await ops(h), { pastDueAfterDays: 10 + unique(), cancelAfterDays: 30 }),
  "modules.create": async (h) =>
    asPlatformAdmin(await ops(h), { key: `audit_new_${unique()}`, name: text("New"), description: text("New module."), category: "analytics", icon: "chart-bar" }),
  "modules.update": async (h) => {
    const m = await catalogModule(h);
    return asPlatformAdmin(m, { key: m.key, icon: "plug" });
  },
  "modules.publish": async (h) => {
    const m = await catalogModule(h, { plan: true });
    return asPlatformAdmin(m, { key: m.key });
  },
  "modules.retire": async (h) => {
    const m = await catalogModule(h, { publish: true });
    return asPlatformAdmin(m, { key: m.key });
  },
  "modules.plans.create": async (h) => {
    const m = await catalogModule(h);
    return asPlatformAdmin(m, { moduleKey: m.key, code: "pro", name: text("Pro"), interval: "annual", prices: { EUR: 10_000, USD: 11_000 } });
  },
  "modules.plans.newVersion": async (h) => {
    const m = await catalogModule(h, { plan: true });
    return asPlatformAdmin(m, { planId: m.planId, prices: { EUR: 1200 } });
  },
  "modules.plans.retire": async (h) => {
    const m = await catalogModule(h, { plan: true });
    return asPlatformAdmin(m, { planId: m.planId });
  },
  "notifications.rules.create": async (h) => {
    const t = await tenant(h);
    return asTenantAdmin(t, notificationRule(t.adminId));
  },
  "notifications.rules.update": async (h) => {
    const t = await tenant(h);
    const r = await t.client.notifications.rules.create(notificationRule(t.adminId));
    return asTenantAdmin(t, { ...notificationRule(t.adminId), name: "Renamed rule", ruleId: r.id, lockVersion: r.lockVersion });
  },
  "notifications.rules.setEnabled": async (h) => {
    const t = await tenant(h);
    const r = await t.client.notifications.rules.create(notificationRule(t.adminId));
    return asTenantAdmin(t, { ruleId: r.id, enabled: false });
  },
  "notifications.rules.delete": async (h) => {
    const t = await tenant(h);
    const r = await t.client.notifications.rules.create(notificationRule(t.adminId));
    return asTenantAdmin(t, { ruleId: r.id });
  },
  "notifications.preferences.setMuted": async (h) => {
    const t = await tenant(h);
    const r = await t.client.notifications.rules.create(notificationRule(t.adminId));
    return asTenantAdmin(t, { ruleId: r.id, muted: true });
  },
  "platform.notifications.preferences.setMuted": async (h) => asPlatformAdmin(await ops(h), { ruleId: "tenant_created", muted: true }),
};

/** A sound notification rule addressed to one user. */
function notificationRule(userId: string) {
  return { name: `Rule ${unique()}`, eventTypes: ["user.created" as const], templates: { en: { title: "New user {email}", body: "" } }, recipientUserIds: [userId] };
}

// Mutations that declare `audited: false` (a reader's own inbox state, decision 50) write no entry by design.
const mutations = discoverProcedures().filter((p) => p.type === "mutation" && p.meta?.audited !== false);

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

async function rowIds() {
  const [audit, events] = await Promise.all([h.db.prisma.auditEntry.findMany({ select: { id: true } }), h.db.prisma.event.findMany({ select: { id: true } })]);
  return { audit: audit.map((r) => r.id), events: events.map((r) => r.id) };
}

async function rowsSince(before: Awaited<ReturnType<typeof rowIds>>) {
  const [audit, events] = await Promise.all([
    h.db.prisma.auditEntry.findMany({ where: { id: { notIn: before.audit } } }),
    h.db.prisma.event.findMany({ where: { id: { notIn: before.events } } }),
  ]);
  return { audit, events };
}

/** A digest of every table's rows: equal digests mean the call left the database as it found it. */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = await h.db.sql.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await h.db.sql.query<{ digest: string }>(
      `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM "${name}" t`,
    );
    result[name] = row?.digest ?? "";
  }
  return result;
}

const OUTBOX_REFUSED = "outbox write refused by the audit coverage test";
const FAIL_OUTBOX = `
  CREATE OR REPLACE FUNCTION audit_coverage_fail_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION '${OUTBOX_REFUSED}'; END $$;
  CREATE TRIGGER audit_coverage_fail_outbox BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION audit_coverage_fail_outbox();`;
const RESTORE_OUTBOX = `DROP TRIGGER IF EXISTS audit_coverage_fail_outbox ON events; DROP FUNCTION IF EXISTS audit_coverage_fail_outbox();`;

/** The messages of an error and of its causes, joined. */
function messages(error: unknown): string {
  const parts: string[] = [];
  for (let e = error; e instanceof Error && parts.length < 10; e = e.cause) parts.push(e.message);
  return parts.join(" <- ");
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("mutation discovery", () => {
  it("finds the mutations, and every factory still names one", () => {
    expect(mutations.map((m) => m.path)).toEqual(expect.arrayContaining(["auth.login", "platform.tenants.create", "platform.admins.create"]));
    const paths = new Set(mutations.map((m) => m.path));
    const stale = Object.keys(FACTORIES).filter((path) => !paths.has(path));
    expect(stale, "factories for mutations the router no longer has; remove them").toEqual([]);
  });
});

describe.each(mutations.map((m) => m.path))("%s", (path) => {
  const factory = (): Factory => {
    const found = FACTORIES[path];
    if (!found) expect.fail(`add a factory for ${path} in test/audit-coverage.integration.test.ts`);
    return found;
  };

  it("writes an audit entry and an outbox event of the same type, naming who, which tenant, from where and when", async () => {
    const call = await factory()(h);
    const before = await rowIds();
    const output = await callPath(call.caller, path, call.input);
    const { audit, events } = await rowsSince(before);

    expect(audit.length, "no audit entry written").toBeGreaterThan(0);
    expect(events.length, "no outbox event written").toBeGreaterThan(0);
    const tenantId = typeof call.tenantId === "function" ? call.tenantId(output) : call.tenantId;
    for (const entry of audit) {
      expect(entry.action).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(entry.module).not.toBe("");
      expect(entry.targetType, "the entry names what was acted on").toEqual(expect.any(String));
      expect(entry).toMatchObject({ actorType: expect.any(String), actorId: call.actorId, tenantId, ip: CLIENT.ip, userAgent: CLIENT.userAgent, success: true });
      expect(entry.createdAt).toEqual(h.clock.now());
    }
    const key = (e: { tenantId: string | null; createdAt: Date }, type: string) => `${type} ${e.tenantId} ${e.createdAt.toISOString()}`;
    expect(events.map((e) => key(e, e.type)).sort(), "one event per audit entry, of the same type").toEqual(audit.map((a) => key(a, a.action)).sort());
  });

  it("keeps nothing of its change when the outbox write fails in its transaction", async () => {
    const call = await factory()(h);
    const before = await fingerprint();
    await h.db.sql.exec(FAIL_OUTBOX);
    let error: unknown;
    try {
      error = await rejection(callPath(call.caller, path, call.input));
    } finally {
      await h.db.sql.exec(RESTORE_OUTBOX);
    }
    // The failure must come from the outbox write itself, not from a precondition that stopped the call earlier.
    expect(messages(error)).toContain(OUTBOX_REFUSED);
    const after = await fingerprint();
    const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
    expect(changed, "tables changed although the mutation failed").toEqual([]);
  });
});

describe("failures write nothing", () => {
  const validTenant = (slug: string) => ({
    name: "Atomic Co", slug, contactEmail: "contact@atomic.example", country: "FR", timeZone: "Europe/Paris", currency: "EUR", language: "fr",
    admin: { email: `admin@${slug}.example`, name: "Atomic Admin", password: STRONG_PASSWORD },
  });
  const counts = async () => ({
    tenants: await h.db.prisma.tenant.count(),
    users: await h.db.prisma.user.count(),
    audit: await h.db.prisma.auditEntry.count(),
    events: await h.db.prisma.event.count(),
  });

  it("a tenant with a duplicate slug is refused with CONFLICT and leaves no tenant, audit entry or event", async () => {
    const o = await ops(h);
    await o.caller.platform.tenants.create(validTenant("atomic-dup"));
    const before = await counts();
    const error = await rejection(o.caller.platform.tenants.create({ ...validTenant("atomic-dup"), admin: { ...validTenant("x").admin, email: "other@atomic.example" } }));
    expect((error as TRPCError).code).toBe("CONFLICT");
    expect(await counts()).toEqual(before);
  });

  it("a tenant whose admin e-mail is invalid is refused with BAD_REQUEST and leaves nothing", async () => {
    const o = await ops(h);
    const before = await counts();
    const error = await rejection(o.caller.platform.tenants.create({ ...validTenant("atomic-bad-email"), admin: { email: "not an e-mail", name: "X" } }));
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect(await counts()).toEqual(before);
    expect(await h.db.prisma.tenant.findUnique({ where: { slug: "atomic-bad-email" } })).toBeNull();
  });

  it("a tenant whose outbox write fails leaves no tenant, role, user, audit entry or event", async () => {
    const o = await ops(h);
    const before = await counts();
    await h.db.sql.exec(FAIL_OUTBOX);
    try {
      expect(messages(await rejection(o.caller.platform.tenants.create(validTenant("atomic-outbox"))))).toContain(OUTBOX_REFUSED);
    } finally {
      await h.db.sql.exec(RESTORE_OUTBOX);
    }
    expect(await counts()).toEqual(before);
    expect(await h.db.prisma.tenant.findUnique({ where: { slug: "atomic-outbox" } })).toBeNull();
  });

  it("a failed login is refused yet audited, with an event of the same type", async () => {
    const t = await h.makeTenant({ slug: `audit-${unique()}` });
    const before = await rowIds();
    const error = await rejection(h.caller(CLIENT).auth.login({ email: t.adminEmail, password: "not the password at all", workspace: t.slug }));
    expect((error as TRPCError).code).toBe("UNAUTHORIZED");
    const { audit, events } = await rowsSince(before);
    expect(audit).toEqual([expect.objectContaining({ action: "auth.login_failed", tenantId: t.tenantId, success: false, ip: CLIENT.ip, userAgent: CLIENT.userAgent })]);
    expect(events.map((e) => e.type)).toEqual(["auth.login_failed"]);
  });
});
