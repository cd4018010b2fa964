// The session lookup resolves permissions from the user's own tenant only: a grant row pointing at another
// tenant's role (impossible through the composite foreign keys, forced here past them) gives nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../test/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

describe("session lookup", () => {
  it("ignores a role of another tenant linked to the user", async () => {
    const a = await h.makeTenant();
    const b = await h.makeTenant();
    const viewer = await a.admin.roles.create({ name: "Viewer", permissions: ["users.read"] });
    await a.admin.users.create({ email: "victim@a.example", name: "Victim", roleIds: [viewer.id], password: "victim long passphrase" });
    const foreign = await b.admin.roles.create({ name: "Foreign", permissions: ["audit.read", "settings.manage"] });
    const user = await h.db.prisma.user.findFirstOrThrow({ where: { email: "victim@a.example" }, select: { id: true } });
    // Past the foreign keys (replica mode skips their triggers), as a faulty hand-written migration could.
    await h.db.sql.exec(`SET session_replication_role = replica`);
    try {
      await h.db.sql.query(`INSERT INTO user_roles ("tenantId", "userId", "roleId") VALUES ($1, $2, $3)`, [a.tenantId, user.id, foreign.id]);
    } finally {
      await h.db.sql.exec(`SET session_replication_role = DEFAULT`);
    }
    const victim = h.caller();
    const { me } = await victim.auth.login({ email: "victim@a.example", password: "victim long passphrase", workspace: a.slug });
    expect(me.permissions).toEqual(["users.read"]);
    expect((await victim.auth.me())!.permissions).toEqual(["users.read"]);
  });
});
