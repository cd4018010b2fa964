// A minimal raw-SQL connection over either runtime, used by the migration runner, test databases and
// the few hot paths that bypass Prisma on purpose (benchmarks' ceilings).
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export interface SqlConnection {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a multi-statement script (no parameters). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

export function pgliteConnection(db: PGlite, { owned = false } = {}): SqlConnection {
  return {
    async query<T>(text: string, params?: unknown[]) {
      const result = await db.query<T>(text, params);
      return result.rows;
    },
    async exec(script: string) {
      await db.exec(script);
    },
    async close() {
      if (owned) await db.close();
    },
  };
}

export async function postgresConnection(connectionString: string): Promise<SqlConnection> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return {
    async query<T>(text: string, params?: unknown[]) {
      const result = await client.query(text, params);
      return result.rows as T[];
    },
    async exec(script: string) {
      await client.query(script);
    },
    async close() {
      await client.end();
    },
  };
}
