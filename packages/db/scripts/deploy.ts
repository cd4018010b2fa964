// `pnpm db:deploy`: applies pending migrations to the PostgreSQL server named by DATABASE_URL.
import { migrate } from "../src/migrate.js";
import { postgresConnection } from "../src/sql.js";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. The embedded database migrates itself at start-up; db:deploy is for a server.");
  process.exit(1);
}
const conn = await postgresConnection(url);
try {
  const applied = await migrate(conn);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
} finally {
  await conn.close();
}
