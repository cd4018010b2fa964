// Every PGlite instance of the product loads the same extensions the schema declares (pg_trgm).
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

export function newPGlite(options: Omit<PGliteOptions, "extensions"> = {}): PGlite {
  return new PGlite({ ...options, extensions: { pg_trgm } });
}
