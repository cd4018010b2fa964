// Fresh databases for tests: an in-memory PGlite restored from a migrated template (fast), or, when
// TEST_DATABASE_URL / DATABASE_URL points at a PostgreSQL server, a new database cloned from a migrated
// template database and dropped at close.
import { createHash, randomBytes } from "node:crypto";
import { newPGlite } from "./pglite.js";
import { openDatabase, type Database } from "./client.js";
import { migrate, readMigrations } from "./migrate.js";
import { pgliteConnection, postgresConnection } from "./sql.js";

let pgliteTemplate: Promise<Blob> | undefined;

async function buildPgliteTemplate(): Promise<Blob> {
  const db = newPGlite();
  await migrate(pgliteConnection(db));
  const dump = await db.dumpDataDir("none");
  await db.close();
  return dump;
}

export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? undefined;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function ensurePostgresTemplate(url: string): Promise<string> {
  const migrations = readMigrations();
  const digest = createHash("sha256")
    .update(migrations.map((m) => m.checksum).join(","))
    .digest("hex")
    .slice(0, 12);
  const name = `tenancy_tpl_${digest}`;
  const admin = await postgresConnection(url);
  try {
    await admin.query("SELECT pg_advisory_lock(4242)");
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (exists.length === 0) {
      await admin.exec(`CREATE DATABASE "${name}_build"`);
      const conn = await postgresConnection(withDatabase(url, `${name}_build`));
      try {
        await migrate(conn);
      } finally {
        await conn.close();
      }
      await admin.exec(`ALTER DATABASE "${name}_build" RENAME TO "${name}"`);
    }
  } finally {
    await admin.query("SELECT pg_advisory_unlock(4242)").catch(() => undefined);
    await admin.close();
  }
  return name;
}

/** A migrated, empty database of its own; `close()` releases (and on a server, drops) it. */
export async function createTestDatabase(): Promise<Database> {
  const url = testServerUrl();
  if (!url) {
    pgliteTemplate ??= buildPgliteTemplate();
    return openDatabase({ kind: "pglite", loadDataDir: await pgliteTemplate });
  }
  const template = await ensurePostgresTemplate(url);
  const name = `tenancy_test_${randomBytes(6).toString("hex")}`;
  const admin = await postgresConnection(url);
  await admin.exec(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await admin.close();
  const db = await openDatabase({ kind: "postgres", url: withDatabase(url, name), poolSize: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      const cleanup = await postgresConnection(url);
      await cleanup.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await cleanup.close();
    },
  };
}
