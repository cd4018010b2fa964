// Applies Prisma migration folders (prisma/migrations/<timestamp>_<name>/migration.sql) in order and records
// them in `_prisma_migrations` exactly as `prisma migrate deploy` does (same table, same SHA-256 checksums,
// same advisory lock), so either tool can take over from the other.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SqlConnection } from "./sql.js";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../prisma/migrations", import.meta.url));
const PRISMA_ADVISORY_LOCK = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export class MigrationError extends Error {}

/** Applies every pending migration; returns the names applied. Safe to run from several processes at once. */
export async function migrate(conn: SqlConnection, migrations: Migration[] = readMigrations()): Promise<string[]> {
  await conn.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK})`);
  try {
    await conn.exec(CREATE_TABLE);
    const rows = await conn.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const live = rows.filter((row) => row.rolled_back_at === null);
    const failed = live.find((row) => row.finished_at === null);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migration_name} started but did not finish. Fix the database by hand, then mark it rolled back (prisma migrate resolve --rolled-back ${failed.migration_name}).`,
      );
    }
    const applied = new Map(live.map((row) => [row.migration_name, row.checksum]));
    const done: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was edited after it was applied (checksum differs). Never edit an applied migration; add a new one.`,
          );
        }
        continue;
      }
      const id = randomUUID();
      await conn.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
        [id, migration.checksum, migration.name],
      );
      try {
        await conn.exec(`BEGIN;\n${migration.sql}\nCOMMIT;`);
      } catch (error) {
        await conn.exec("ROLLBACK").catch(() => undefined);
        await conn.query(`UPDATE "_prisma_migrations" SET logs = $2, rolled_back_at = now() WHERE id = $1`, [
          id,
          String(error),
        ]);
        throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${String(error)}`);
      }
      await conn.query(
        `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
      done.push(migration.name);
    }
    return done;
  } finally {
    await conn.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK})`);
  }
}

/** Names of migrations not yet applied (for a server database that is migrated by `pnpm db:deploy`). */
export async function pendingMigrations(conn: SqlConnection, migrations: Migration[] = readMigrations()): Promise<string[]> {
  const table = await conn.query(`SELECT 1 FROM information_schema.tables WHERE table_name = '_prisma_migrations'`);
  if (table.length === 0) return migrations.map((m) => m.name);
  const rows = await conn.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
}
