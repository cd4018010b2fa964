// Lists sorted by name follow the language ("Émilie" among the E's, "émile" beside "Emile"), on PGlite and
// PostgreSQL alike (TEST_DATABASE_URL), through every write that sets a name, with stable keyset pages.
import { nameSortKey } from "@tenancy/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./harness.js";

let h: Harness;
let t: Awaited<ReturnType<Harness["makeTenant"]>>;
let roleId: string;

const NAMES = ["Zoë", "Émilie", "eve", "Ångström", "émile", "Eve", "BOB", "bob", "Øystein", "Adam", "ÉMILE", "Emile", "Bernard", "zack"];

beforeAll(async () => {
  h = await createHarness();
  t = await h.makeTenant();
  roleId = (await t.admin.roles.create({ name: "Members", permissions: ["users.read"] })).id;
  for (const [i, name] of NAMES.entries()) {
    await t.admin.users.create({ email: `person-${i}@example.com`, name, roleIds: [roleId], password: "a long enough passphrase" });
  }
});
afterAll(async () => h?.close());

/** Every page of the users list by name, `limit` at a time. */
async function allByName(limit: number) {
  const names: string[] = [];
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await t.admin.users.list({ sort: "name", limit, cursor });
    names.push(...page.items.map((user) => user.name));
    ids.push(...page.items.map((user) => user.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { names, ids };
}

const letter = (name: string) => nameSortKey(name)[0];

describe("sorting users by name", () => {
  it("puts accented and capitalised names among their letter, ties by creation", async () => {
    const { names } = await allByName(100);
    const ours = names.filter((name) => NAMES.includes(name));
    expect(ours).toEqual(["Adam", "Ångström", "Bernard", "BOB", "bob", "émile", "ÉMILE", "Emile", "Émilie", "eve", "Eve", "Øystein", "zack", "Zoë"]);
    expect(names.map(letter)).toEqual([...names.map(letter)].sort());
  });

  it("gives the same order page by page as in one page, each user once", async () => {
    const whole = await allByName(100);
    for (const limit of [1, 3, 5]) {
      const paged = await allByName(limit);
      expect(paged.ids, `pages of ${limit}`).toEqual(whole.ids);
      expect(new Set(paged.ids).size).toBe(paged.ids.length);
    }
  });

  it("moves a renamed user, by an admin or in their own profile", async () => {
    const { items } = await t.admin.users.list({ sort: "name", limit: 100, search: "person-12@" });
    const bernard = items[0]!;
    await t.admin.users.update({ userId: bernard.id, name: "Élodie" });
    let { names } = await allByName(100);
    expect(names.slice(names.indexOf("bob"), names.indexOf("émile") + 1)).toEqual(["bob", "Élodie", "émile"]);

    const self = h.caller();
    await self.auth.login({ email: "person-13@example.com", password: "a long enough passphrase", workspace: t.slug });
    await self.auth.changePassword({ currentPassword: "a long enough passphrase", newPassword: "another long passphrase" });
    await self.users.updateProfile({ name: "Aaron" });
    ({ names } = await allByName(100));
    expect(names[0]).toBe("Aaron");
  });

  it("refuses a cursor of another sort with BAD_INPUT rather than a wrong page", async () => {
    const byDate = await t.admin.users.list({ sort: "createdAt", limit: 1 });
    await expect(t.admin.users.list({ sort: "name", limit: 1, cursor: byDate.nextCursor! })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("sorting roles by name", () => {
  it("lists the built-in role first, then the others in the language's order, following renames", async () => {
    for (const name of ["Zélateurs", "éditeurs", "Auditeurs", "Écrivains", "comptables"]) await t.admin.roles.create({ name, permissions: [] });
    const list = async () => (await t.admin.roles.list()).items.map((role) => role.name);
    expect(await list()).toEqual(["Tenant Admin", "Auditeurs", "comptables", "Écrivains", "éditeurs", "Members", "Zélateurs"]);
    const zel = (await t.admin.roles.list()).items.find((role) => role.name === "Zélateurs")!;
    await t.admin.roles.update({ roleId: zel.id, name: "Ångströms" });
    expect(await list()).toEqual(["Tenant Admin", "Ångströms", "Auditeurs", "comptables", "Écrivains", "éditeurs", "Members"]);
  });
});

describe("sorting tenants by name", () => {
  it("lists tenants A to Z in the language's order with stable pages, following renames and settings", async () => {
    const ops = await h.platformAdmin();
    const made: Record<string, string> = {};
    for (const name of ["Zoë Conseil", "Émeraude", "eve sarl", "Ångström AB", "Eve SA"]) made[name] = (await h.makeTenant({ name })).tenantId;
    const pages = async (limit: number) => {
      const names: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await ops.platform.tenants.list({ sort: "name", limit, cursor });
        names.push(...page.items.map((tenant) => tenant.name));
        cursor = page.nextCursor ?? undefined;
        expect(page.total).toBeGreaterThanOrEqual(6);
      } while (cursor);
      return names.filter((name) => !name.startsWith("Tenant "));
    };
    expect(await pages(100)).toEqual(["Ångström AB", "Émeraude", "Eve SA", "eve sarl", "Zoë Conseil"]);
    expect(await pages(2)).toEqual(await pages(100));

    await ops.platform.tenants.update({ tenantId: made["Zoë Conseil"]!, name: "Æther" });
    const eve = await h.makeTenant({ name: "placeholder" });
    await eve.admin.settings.update({ general: { name: "Déjà Vu" } });
    expect(await pages(2)).toEqual(["Æther", "Ångström AB", "Déjà Vu", "Émeraude", "Eve SA", "eve sarl"]);
  });
});
