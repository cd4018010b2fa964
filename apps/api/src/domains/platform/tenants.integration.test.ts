import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../test/harness.js";

let h: Harness;
let ops: Awaited<ReturnType<Harness["platformAdmin"]>>;
beforeAll(async () => {
  h = await createHarness();
  ops = await h.platformAdmin();
});
afterAll(async () => h?.close());

const validTenant = (slug: string) => ({
  name: "Acme Lyon",
  slug,
  legalName: "Acme Lyon SAS",
  contactEmail: "billing@acme.example",
  phone: "+33 4 00 00 00 00",
  addressLine: "1 rue de la République",
  city: "Lyon",
  postalCode: "69001",
  country: "fr",
  timeZone: "Europe/Paris",
  currency: "eur",
  language: "fr",
  admin: { email: "Marie@Acme.example", name: "Marie Curie", password: "radium and polonium" },
});

async function fails(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as TRPCError;
  }
  throw new Error("expected failure");
}

const counts = async () => ({
  tenants: await h.db.prisma.tenant.count(),
  users: await h.db.prisma.user.count(),
  audit: await h.db.prisma.auditEntry.count(),
  events: await h.db.prisma.event.count(),
});

describe("tenant provisioning", () => {
  it("creates the tenant, its admin role and admin user in one go, normalising codes, and sends the welcome e-mail", async () => {
    const result = await ops.platform.tenants.create(validTenant("acme-lyon"));
    expect(result.tenant).toMatchObject({ slug: "acme-lyon", country: "FR", currency: "EUR", status: "active" });
    expect(result.admin).toMatchObject({ email: "marie@acme.example", mustChangePassword: true });
    expect(result.generatedPassword).toBeNull();
    const role = await h.db.prisma.role.findFirst({ where: { tenantId: result.tenant.id, key: "tenant_admin" } });
    expect(role?.builtIn).toBe(true);
    expect(h.sentEmails.map((m) => m.template)).toEqual(expect.arrayContaining(["welcome", "verify_email"]));
    const event = await h.db.prisma.event.findFirst({ where: { type: "tenant.created", tenantId: result.tenant.id } });
    expect(event?.payload).toMatchObject({ slug: "acme-lyon", adminEmail: "marie@acme.example" });
  });

  it("generates a one-time admin password when none is given", async () => {
    const input = { ...validTenant("acme-gen"), admin: { email: "gen@acme.example", name: "Gen" } };
    const result = await ops.platform.tenants.create(input);
    expect(result.generatedPassword).toHaveLength(23);
    const admin = h.caller();
    const { me } = await admin.auth.login({ email: "gen@acme.example", password: result.generatedPassword!, workspace: "acme-gen" });
    expect(me.mustChangePassword).toBe(true);
  });

  it("refuses a duplicate slug with SLUG_TAKEN and changes nothing", async () => {
    await ops.platform.tenants.create(validTenant("dup-slug"));
    const before = await counts();
    const error = await fails(ops.platform.tenants.create({ ...validTenant("DUP-slug"), admin: { email: "other@x.example", name: "O", password: "another fine passphrase" } }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/already used/);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["an invalid time zone", { timeZone: "Mars/Olympus" }, "timeZone"],
    ["an invalid currency", { currency: "EURO" }, "currency"],
    ["an unsupported language", { language: "xx-invalid-" }, "language"],
    ["an invalid country", { country: "ZZ" }, "country"],
    ["an oversized name", { name: "x".repeat(121) }, "name"],
    ["a bad slug", { slug: "-Bad Slug!" }, "slug"],
    ["a weak admin password", { admin: { email: "a@b.example", name: "A", password: "short" } }, "admin.password"],
  ])("refuses %s with a field error and writes nothing", async (_label, patch, field) => {
    const before = await counts();
    const error = await fails(ops.platform.tenants.create({ ...validTenant("bad-input"), ...patch } as never));
    expect(error.code).toBe("BAD_REQUEST");
    const shape = (error.cause as { issues?: Array<{ path: PropertyKey[] }> }).issues;
    expect(shape?.map((i) => i.path.join("."))).toContain(field);
    expect(await counts()).toEqual(before);
  });
});

describe("tenant administration", () => {
  it("lists with search, status filter and keyset pagination", async () => {
    for (let i = 0; i < 5; i++) {
      await ops.platform.tenants.create({ ...validTenant(`page-${i}`), name: `Paged ${i}`, admin: { email: `p${i}@x.example`, name: "P", password: "paging passphrase ok" } });
      h.clock.advance(1000);
    }
    const first = await ops.platform.tenants.list({ search: "paged", limit: 2 });
    expect(first.total).toBe(5);
    expect(first.items.map((t) => t.name)).toEqual(["Paged 4", "Paged 3"]);
    const second = await ops.platform.tenants.list({ search: "paged", limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((t) => t.name)).toEqual(["Paged 2", "Paged 1"]);
    const third = await ops.platform.tenants.list({ search: "paged", limit: 2, cursor: second.nextCursor! });
    expect(third.items.map((t) => t.name)).toEqual(["Paged 0"]);
    expect(third.nextCursor).toBeNull();
    // Search text is literal: "page_" matches the slugs "page-0".."page-4" only if "_" were a wildcard.
    expect((await ops.platform.tenants.list({ search: "page_" })).total).toBe(0);
    expect((await ops.platform.tenants.list({ search: "%" })).total).toBe(0);
    const bad = await fails(ops.platform.tenants.list({ cursor: "not-a-cursor" }));
    expect(bad.code).toBe("BAD_REQUEST");
  });

  it("edits general info and localization, recording what changed", async () => {
    const { tenant } = await ops.platform.tenants.create(validTenant("edit-me"));
    const updated = await ops.platform.tenants.update({ tenantId: tenant.id, name: "Acme Grenoble", timeZone: "America/New_York" });
    expect(updated).toMatchObject({ name: "Acme Grenoble", timeZone: "America/New_York", city: "Lyon" });
    const entry = await h.db.prisma.auditEntry.findFirst({ where: { action: "tenant.updated", tenantId: tenant.id } });
    expect(entry?.changes).toEqual({ name: { from: "Acme Lyon", to: "Acme Grenoble" }, timeZone: { from: "Europe/Paris", to: "America/New_York" } });
    expect((await fails(ops.platform.tenants.update({ tenantId: tenant.id, slug: "acme-lyon" }))).message).toMatch(/already used/);
    expect((await fails(ops.platform.tenants.update({ tenantId: "0190aaaa-0000-7000-8000-000000000000", name: "x" }))).code).toBe("NOT_FOUND");
  });

  it("suspending ends the tenant's sessions and blocks login; reactivating lets them back", async () => {
    const t = await h.makeTenant();
    expect(await t.admin.tenant.dashboard()).toMatchObject({ tenant: { slug: t.slug } });
    await ops.platform.tenants.suspend({ tenantId: t.tenantId, reason: "Unpaid invoices" });
    expect(await t.admin.auth.me()).toBeNull();
    expect(await h.db.prisma.session.count({ where: { tenantId: t.tenantId } })).toBe(0);
    const login = await fails(h.caller().auth.login({ email: t.adminEmail, password: t.adminPassword, workspace: t.slug }));
    expect(login.message).toMatch(/suspended/);
    expect((await fails(ops.platform.tenants.suspend({ tenantId: t.tenantId }))).code).toBe("CONFLICT");
    await ops.platform.tenants.reactivate({ tenantId: t.tenantId });
    await expect(h.caller().auth.login({ email: t.adminEmail, password: t.adminPassword, workspace: t.slug })).resolves.toBeTruthy();
  });

  it("resetting the admin's password ends their sessions and forces a change at next login", async () => {
    const t = await h.makeTenant();
    const detail = await ops.platform.tenants.get({ tenantId: t.tenantId });
    expect(detail.admins.map((a) => a.email)).toEqual([t.adminEmail]);
    const { generatedPassword } = await ops.platform.tenants.resetAdminPassword({ tenantId: t.tenantId, userId: t.adminId });
    expect(await t.admin.auth.me()).toBeNull();
    const { me } = await h.caller().auth.login({ email: t.adminEmail, password: generatedPassword!, workspace: t.slug });
    expect(me.mustChangePassword).toBe(true);
    const other = await h.makeTenant();
    const cross = await fails(ops.platform.tenants.resetAdminPassword({ tenantId: t.tenantId, userId: other.adminId }));
    expect(cross.code).toBe("NOT_FOUND");
  });

  it("tenant users cannot reach the platform area", async () => {
    const t = await h.makeTenant();
    expect((await fails(t.admin.platform.tenants.list({}))).code).toBe("FORBIDDEN");
  });
});

describe("platform admins", () => {
  it("can be added, deactivated (ending their sessions) and reactivated; the last one is protected", async () => {
    const { admin, generatedPassword } = await ops.platform.admins.create({ email: "helper@example.com", name: "Helper" });
    const helper = h.caller();
    await helper.auth.login({ email: "helper@example.com", password: generatedPassword! });
    await ops.platform.admins.deactivate({ adminId: admin.id });
    expect(await helper.auth.me()).toBeNull();
    expect((await fails(h.caller().auth.login({ email: "helper@example.com", password: generatedPassword! }))).message).toMatch(/deactivated/);
    await ops.platform.admins.reactivate({ adminId: admin.id });
    const me = (await ops.auth.me())!;
    expect((await fails(ops.platform.admins.deactivate({ adminId: me.id }))).message).toMatch(/yourself/);
    expect((await fails(ops.platform.admins.create({ email: "HELPER@example.com", name: "Again" }))).code).toBe("CONFLICT");
  });
});
