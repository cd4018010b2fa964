// The client factory: one PrismaClient over PGlite (embedded, the default) or PostgreSQL (DATABASE_URL),
// plus a raw SQL connection on the same database for migrations and the rare hand-written query.
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.js";
import { lockDataDir } from "./data-dir-lock.js";
import { newPGlite } from "./pglite.js";
import { migrate } from "./migrate.js";
import { pgliteConnection, postgresConnection, type SqlConnection } from "./sql.js";

export type DatabaseConfig =
  | { kind: "postgres"; url: string; poolSize?: number }
  /** `dataDir` is the product's data folder, or undefined for an in-memory database. `loadDataDir` restores a dump. */
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob };

/**
 * A parameterised query on the connection pool, bypassing Prisma, for the few per-request hot paths where
 * Prisma's per-query cost dominates (the session lookup). `name` makes it a prepared statement on PostgreSQL.
 */
export type HotQuery = <T>(statement: { name: string; text: string; values: unknown[] }) => Promise<T[]>;

export interface Database {
  prisma: PrismaClient;
  sql: SqlConnection;
  query: HotQuery;
  kind: DatabaseConfig["kind"];
  /** The PGlite instance in embedded mode (for LISTEN/NOTIFY and dumps), else undefined. */
  pglite?: PGlite;
  /** The server's connection string (PostgreSQL), for connections of their own such as LISTEN. */
  url?: string;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig, { runMigrations = false } = {}): Promise<Database> {
  if (config.kind === "postgres") {
    const sql = await postgresConnection(config.url);
    if (runMigrations) await migrate(sql);
    // One pool serves Prisma and the hot-path queries, so they share the connection budget.
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
    pool.on("error", () => undefined); // an idle client dropped by the server is replaced on next use
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    await prisma.$connect();
    return {
      prisma,
      sql,
      query: async <T>(statement: { name: string; text: string; values: unknown[] }) => (await pool.query(statement)).rows as T[],
      kind: "postgres",
      url: config.url,
      async close() {
        await prisma.$disconnect();
        await pool.end();
        await sql.close();
      },
    };
  }
  const unlock = config.dataDir ? lockDataDir(config.dataDir) : () => undefined;
  let pglite: PGlite;
  try {
    // The database files live in <dataDir>/pglite, beside the lock file (PGlite wants a folder of its own).
    pglite = newPGlite({ dataDir: config.dataDir ? join(config.dataDir, "pglite") : undefined, loadDataDir: config.loadDataDir });
    await pglite.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  const sql = pgliteConnection(pglite);
  if (runMigrations) await migrate(sql);
  // pglite-prisma-adapter 0.7 is built for Prisma 7's driver adapters: no cast, it reads argTypes (Bytes
  // round-trip as on PostgreSQL) and maps PostgreSQL errors to Prisma's codes like @prisma/adapter-pg.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    sql,
    query: async <T>({ text, values }: { name: string; text: string; values: unknown[] }) => (await pglite.query<T>(text, values)).rows,
    kind: "pglite",
    pglite,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      unlock();
    },
  };
}
