// The sort key of names: the application's nameSortKey and the SQL the migration fills existing rows with
// must agree, on PGlite and on PostgreSQL (TEST_DATABASE_URL), and sorting by it puts names in the
// language's order whatever the database's collation.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { migrate, readMigrations } from "./migrate.js";
import { newPGlite } from "./pglite.js";
import { nameSortKey } from "./sort-key.js";
import { pgliteConnection, postgresConnection, type SqlConnection } from "./sql.js";
import { testServerUrl } from "./testing.js";

const NAMES = [
  "Émilie", "Eve", "Zoë", "Ångström", "émile", "Emile", "ÉMILE", "adam", "Adam", "BOB", "bob", "Øystein", "Łukasz", "Straße", "Ærø",
  "Œuvre", "İpek", "Đorđe", "Þóra", "Ça va", "Ñandú", "Ⅻ King", "ﬁona", "Ελένη", "Юлия", "李雷", "Eve Adams", "Evelyn",
];

/** An empty database of its own, on the server when TEST_DATABASE_URL is set, else in memory. */
async function emptyDatabase(): Promise<{ conn: SqlConnection; drop: () => Promise<void> }> {
  const url = testServerUrl();
  if (!url) {
    const db = newPGlite();
    return { conn: pgliteConnection(db), drop: () => db.close() };
  }
  const name = `tenancy_sortkey_${randomBytes(6).toString("hex")}`;
  const admin = await postgresConnection(url);
  await admin.exec(`CREATE DATABASE "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const conn = await postgresConnection(target.toString());
  return {
    conn,
    drop: async () => {
      await conn.close();
      await admin.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.close();
    },
  };
}

describe("name sort keys", () => {
  it("are filled for existing rows by the migration exactly as the application computes them", async () => {
    const migrations = readMigrations();
    const at = migrations.findIndex((m) => m.name.endsWith("_name_sort_keys"));
    expect(at).toBeGreaterThan(0);
    const { conn, drop } = await emptyDatabase();
    try {
      await migrate(conn, migrations.slice(0, at));
      const tenantId = "00000000-0000-7000-8000-000000000001";
      await conn.query(
        `INSERT INTO tenants (id, slug, name, "contactEmail", country, "timeZone", currency, language, "updatedAt") VALUES ($1, 'acme', 'Ångström SA', 'a@acme.example', 'FR', 'UTC', 'EUR', 'fr', now())`,
        [tenantId],
      );
      for (const [i, name] of NAMES.entries()) {
        const id = `00000000-0000-7000-8000-${String(i + 100).padStart(12, "0")}`;
        await conn.query(`INSERT INTO users (id, "tenantId", email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, $4, 'x', now())`, [id, tenantId, `u${i}@acme.example`, name]);
        await conn.query(`INSERT INTO roles (id, "tenantId", name, permissions, "updatedAt") VALUES ($1, $2, $3, '{}', now())`, [id, tenantId, name]);
      }
      await migrate(conn, migrations);
      const users = await conn.query<{ name: string; nameSortKey: string }>(`SELECT name, "nameSortKey" FROM users`);
      const roles = await conn.query<{ name: string; nameSortKey: string }>(`SELECT name, "nameSortKey" FROM roles`);
      const tenants = await conn.query<{ name: string; nameSortKey: string }>(`SELECT name, "nameSortKey" FROM tenants`);
      for (const row of [...users, ...roles, ...tenants]) expect(row.nameSortKey, row.name).toBe(nameSortKey(row.name));
      expect(users).toHaveLength(NAMES.length);
      // The helper function lived only during the migration.
      expect(await conn.query(`SELECT 1 FROM pg_proc WHERE proname = 'tenancy_name_sort_key'`)).toHaveLength(0);

      // Sorted by the key (id breaking ties), accented and capitalised names sit among their letter.
      const sorted = await conn.query<{ name: string }>(`SELECT name FROM users ORDER BY "nameSortKey", id`);
      const latin = sorted.map((row) => row.name).filter((name) => /^[\p{Script=Latin}]/u.test(name));
      const firstLetters = latin.map((name) => nameSortKey(name)[0]);
      expect(firstLetters).toEqual([...firstLetters].sort());
      const names = sorted.map((row) => row.name);
      expect(names.indexOf("Ångström")).toBeLessThan(names.indexOf("BOB"));
      expect(names.indexOf("Émilie")).toBeLessThan(names.indexOf("Eve"));
      expect(names.indexOf("Eve")).toBeLessThan(names.indexOf("Zoë"));
      expect(names.indexOf("Eve Adams")).toBeLessThan(names.indexOf("Evelyn"));
      expect(names.indexOf("Zoë")).toBeLessThan(names.indexOf("Ελένη"));
    } finally {
      await drop();
    }
  }, 60_000);

  it("fold case, accents and the letters without a decomposition", () => {
    expect(nameSortKey("Émilie")).toBe("emilie");
    expect(nameSortKey("ÉMILE")).toBe(nameSortKey("émile"));
    expect(nameSortKey("Ångström")).toBe("angstrom");
    expect(nameSortKey("Zoë")).toBe("zoe");
    expect(nameSortKey("Straße")).toBe("strasse");
    expect(nameSortKey("Øystein Łukasz")).toBe("oystein lukasz");
    expect(nameSortKey("İpek")).toBe("ipek");
    expect(nameSortKey("ﬁona")).toBe("fiona");
    expect(nameSortKey("Юлия")).toBe("юлия");
  });
});
