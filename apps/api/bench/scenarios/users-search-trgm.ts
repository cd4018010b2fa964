// The counterfactual measured by users-search: the user list without its trigram GIN indexes (migration
// 20261125025800_user_search_trigram_indexes), so every run shows what they buy. They are dropped in the
// bench's own throwaway database only, after the product has been measured with them.
import type { RawSql } from "../lib/databases.js";

export const TRGM_INDEXES = ["users_name_trgm_idx", "users_email_trgm_idx"];

/** Drops the trigram indexes; fails when the schema no longer has them (the scenario's premise changed). */
export async function dropTrigramIndexes(raw: RawSql): Promise<void> {
  const found = await raw.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'users' AND indexname = ANY($1)`, [TRGM_INDEXES]);
  if (found.length !== TRGM_INDEXES.length) throw new Error(`expected the indexes ${TRGM_INDEXES.join(", ")} on users; found ${found.map((f) => f.name).join(", ") || "none"}`);
  for (const name of TRGM_INDEXES) await raw.query(`DROP INDEX "${name}"`, []);
  await raw.query(`ANALYZE users`, []);
}
