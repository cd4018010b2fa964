// Fresh databases for one scenario run: an in-memory migrated PGlite, or a PostgreSQL database cloned
// by @tenancy/db/testing and dropped at close. Each comes with a raw SQL handle for the ceilings
// (PGlite's own query on the same instance; a `pg` pool of the same size as Prisma's on PostgreSQL).
import { openDatabase, type Database } from "@tenancy/db";
import { createTestDatabase, testServerUrl } from "@tenancy/db/testing";
import pg from "pg";

export type DbKind = "pglite" | "postgres";

export interface RawSql {
  query<T>(text: string, params: unknown[]): Promise<T[]>;
}

export interface BenchDatabase {
  kind: DbKind;
  db: Database;
  raw: RawSql;
  /** Connections in Prisma's pool and in the raw pool (1 on PGlite: one in-process connection). */
  poolSize: number;
  close(): Promise<void>;
}

export async function openBenchDatabase(kind: DbKind, poolSize: number): Promise<BenchDatabase> {
  if (kind === "pglite") {
    const db = await openDatabase({ kind: "pglite" }, { runMigrations: true });
    const pglite = db.pglite!;
    return {
      kind,
      db,
      raw: { query: async <T>(text: string, params: unknown[]) => (await pglite.query<T>(text, params)).rows },
      poolSize: 1,
      close: () => db.close(),
    };
  }
  // The clone's own handle has a small pool; the servers get one sized like production's default instead.
  const clone = await createTestDatabase();
  try {
    const [row] = await clone.sql.query<{ name: string }>("SELECT current_database() AS name");
    const url = new URL(testServerUrl()!);
    url.pathname = `/${row!.name}`;
    const db = await openDatabase({ kind: "postgres", url: url.toString(), poolSize });
    const pool = new pg.Pool({ connectionString: url.toString(), max: poolSize });
    let closing = false;
    // An idle client's error must not crash the run; at close, clients still hanging up when the database
    // is dropped report "terminating connection", which is expected.
    pool.on("error", (error) => closing || console.error("bench pg pool:", error.message));
    return {
      kind,
      db,
      raw: { query: async <T>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as T[] },
      poolSize,
      async close() {
        closing = true;
        await pool.end();
        await db.close();
        await clone.close();
      },
    };
  } catch (error) {
    await clone.close();
    throw error;
  }
}
