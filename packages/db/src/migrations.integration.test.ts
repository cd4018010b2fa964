// Fails when prisma/schema.prisma and the migrations disagree: applies every migration to one fresh
// PGlite and the from-empty script of schema.prisma to another, then compares their catalogs.
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { schemaDiffScript } from "../scripts/schema-diff.js";
import { migrate, readMigrations } from "./migrate.js";
import { newPGlite } from "./pglite.js";
import { pgliteConnection } from "./sql.js";

const CATALOG = `
SELECT 'column' AS kind, table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS def
  FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
UNION ALL
SELECT 'index', indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
UNION ALL
SELECT 'constraint', conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
UNION ALL
SELECT 'enum', t.typname || '.' || e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
UNION ALL
SELECT 'trigger', tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
ORDER BY 1, 2`;

async function catalog(db: PGlite): Promise<string[]> {
  const rows = (await db.query<{ kind: string; def: string }>(CATALOG)).rows;
  return rows.map((row) => `${row.kind}: ${row.def}`);
}

describe("migrations", () => {
  it("produce exactly the schema that schema.prisma describes", async () => {
    const fromSchema = schemaDiffScript(null, "prisma/schema.prisma");
    const migrated = newPGlite();
    const direct = newPGlite();
    await migrate(pgliteConnection(migrated));
    await direct.exec(fromSchema);
    // Triggers and functions are written by hand in migrations (audit append-only guard), not by Prisma.
    const strip = (lines: string[]) => lines.filter((line) => !line.startsWith("trigger:"));
    expect(strip(await catalog(migrated))).toEqual(strip(await catalog(direct)));
    await migrated.close();
    await direct.close();
  }, 60_000);

  it("records checksums the way prisma migrate deploy does, and refuses an edited migration", async () => {
    const db = newPGlite();
    const conn = pgliteConnection(db);
    const migrations = readMigrations();
    expect(await migrate(conn, migrations)).toEqual(migrations.map((m) => m.name));
    expect(await migrate(conn, migrations)).toEqual([]);
    const rows = (await db.query<{ checksum: string; finished_at: Date | null }>(`SELECT checksum, finished_at FROM _prisma_migrations`)).rows;
    expect(rows.map((r) => r.checksum)).toEqual(migrations.map((m) => m.checksum));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(migrate(conn, edited)).rejects.toThrow(/edited after it was applied/);
    await db.close();
  }, 60_000);

  it("rolls back a failing migration completely and says which one failed", async () => {
    const db = new PGlite();
    const conn = pgliteConnection(db);
    const bad = { name: "29990101000000_bad", sql: "CREATE TABLE ok_table (id int);\nSELECT no_such_column FROM ok_table;", checksum: "x".repeat(64) };
    await expect(migrate(conn, [bad])).rejects.toThrow(/29990101000000_bad failed/);
    const tables = (await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'ok_table'`)).rows;
    expect(tables).toHaveLength(0);
    await db.close();
  });
});
