// The server holds tenants to the maintained reference lists: current ISO 3166-1 countries, IANA zones
// (a former name is stored as its canonical zone) and active ISO 4217 currencies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./harness.js";

let h: Harness;
let ops: Awaited<ReturnType<Harness["platformAdmin"]>>;
beforeAll(async () => {
  h = await createHarness();
  ops = await h.platformAdmin();
});
afterAll(async () => h?.close());

const tenant = (slug: string, fields: Partial<{ country: string; timeZone: string; currency: string }>) => ({
  name: `Reference ${slug}`,
  slug,
  contactEmail: `hello@${slug}.example`,
  country: "FR",
  timeZone: "Europe/Paris",
  currency: "EUR",
  language: "fr",
  admin: { email: `admin@${slug}.example`, name: "Admin", password: "a long enough passphrase" },
  ...fields,
});

describe("reference data on the server", () => {
  it("refuses withdrawn, reserved and user-assigned country codes with a clear error, writing nothing", async () => {
    for (const country of ["DD", "SU", "YU", "EU", "UN", "XK"]) {
      const error = await ops.platform.tenants.create(tenant(`ref-${country.toLowerCase()}`, { country })).catch((e: unknown) => e);
      expect(error, country).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("country.invalid") });
    }
    expect(await h.db.prisma.tenant.count({ where: { slug: { startsWith: "ref-" } } })).toBe(0);
  });

  it("refuses withdrawn currencies and unknown zones", async () => {
    await expect(ops.platform.tenants.create(tenant("ref-hrk", { country: "HR", currency: "HRK" }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(ops.platform.tenants.create(tenant("ref-mars", { timeZone: "Mars/Olympus_Mons" }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("stores a former zone name as the canonical zone, and takes it back from a tenant that still has one", async () => {
    const { tenant: created } = await ops.platform.tenants.create(tenant("ref-kyiv", { country: "UA", timeZone: "Europe/Kiev", currency: "UAH" }));
    expect(created.timeZone).toBe("Europe/Kyiv");
    // A tenant saved before the rename: its stored former name still validates when its settings are saved.
    await h.db.prisma.tenant.update({ where: { id: created.id }, data: { timeZone: "Asia/Calcutta" } });
    const updated = await ops.platform.tenants.update({ tenantId: created.id, timeZone: "Asia/Calcutta", currency: "INR" });
    expect(updated).toMatchObject({ timeZone: "Asia/Kolkata", currency: "INR" });
  });
});
