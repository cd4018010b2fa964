// Synthetic users for the users-search scenario, generated in the database (INSERT ... SELECT FROM
// generate_series): names drawn from 64 first and 64 last names, e-mails first.last<n>@<domain> (unique by
// n), 5% deactivated, created over the three years before `endMs` with UUIDv7 ids from that time, one role
// each from the tenant's roles by share. Row n is a pure function of n, so every run seeds the same people.
import type { RawSql } from "../lib/databases.js";

const FIRST = [
  "Marie", "Jean", "Pierre", "Michel", "Nathalie", "Isabelle", "Sophie", "Philippe", "Catherine", "Nicolas",
  "Christophe", "Sandrine", "Laurent", "Julien", "Camille", "Léa", "Chloé", "Manon", "Emma", "Lucas",
  "Hugo", "Louis", "Gabriel", "Arthur", "Inès", "Sarah", "Mathilde", "Thomas", "Antoine", "Alexandre",
  "Marc", "Marion", "Omar", "Karim", "Yasmine", "Fatima", "Mohamed", "Aïcha", "Samuel", "David",
  "Anna", "Elena", "Giulia", "Marco", "Luca", "Sofia", "Paula", "Carlos", "Diego", "Lucía",
  "Hannah", "Lukas", "Jonas", "Mia", "Noah", "Oliver", "Amelia", "George", "Olivia", "Jack",
  "Tamara", "Nina", "Victor", "Zoé",
];
const LAST = [
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
  "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
  "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
  "Garnier", "Faure", "Rousseau", "Blanc", "Guerin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
  "Morin", "Mathieu", "Clement", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson",
  "Sanchez", "Gerard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger",
  "Marchand", "Rossi", "Schmidt", "Smith",
];
const DOMAINS = ["acme-corp.example", "acme-group.example", "acme-retail.example"];
export const THREE_YEARS_MS = 3 * 365 * 24 * 3600 * 1000;

export interface SeedRole {
  id: string;
  /** Per mille of users holding it. */
  share: number;
}

const list = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]`;

/** The user of number n, as SQL expressions over g.n (shared by both inserts so they agree). */
function userColumns(endMs: number) {
  const h = (k: number) => `(hashint8extended(g.n, ${k}) & 2147483647)`;
  const first = `(${list(FIRST)})[1 + ${h(1)} % ${FIRST.length}]`;
  const last = `(${list(LAST)})[1 + ${h(2)} % ${LAST.length}]`;
  const ms = `(${endMs}::bigint - ${h(3)}::bigint * 1000 % ${THREE_YEARS_MS}::bigint - ${h(4)} % 1000)`;
  const hx = `md5(g.n::text || 'user')`;
  return {
    id: `(lpad(to_hex(${ms}), 12, '0') || '7' || substr(${hx}, 1, 3) || '8' || substr(${hx}, 4, 15))::uuid`,
    name: `${first} || ' ' || ${last}`,
    // nameSortKey (packages/db/src/sort-key.ts) for these Latin names: decomposed, lowercased, accents dropped.
    nameSortKey: `regexp_replace(lower(normalize(${first} || ' ' || ${last}, NFKD)), E'[\\u0300-\\u036f]', '', 'g')`,
    email: `lower(translate(${first} || '.' || ${last}, 'éèëïîçöüôâàáíú', 'eeeiicouoaaaiu')) || g.n || '@' || (${list(DOMAINS)})[1 + ${h(5)} % ${DOMAINS.length}]`,
    createdAt: `to_timestamp(${ms} / 1000.0)`,
    status: `(CASE WHEN ${h(6)} % 100 < 5 THEN 'deactivated' ELSE 'active' END)::"AccountStatus"`,
    language: `(ARRAY[NULL, 'fr', 'en', 'de'])[1 + ${h(7)} % 4]`,
    roleDraw: `${h(8)} % 1000`,
  };
}

export async function seedUsers(sql: RawSql, opts: { tenantId: string; count: number; roles: SeedRole[]; endMs: number }): Promise<number> {
  const started = performance.now();
  const c = userColumns(opts.endMs);
  const series = `generate_series(1, ${opts.count}) AS g(n)`;
  await sql.query(
    `INSERT INTO users (id, "tenantId", email, name, "nameSortKey", "passwordHash", "mustChangePassword", status, language, "deactivatedAt", "createdAt", "updatedAt")
     SELECT ${c.id}, $1, ${c.email}, ${c.name}, ${c.nameSortKey}, 'not-a-password-hash (bench user, never logs in)', false, ${c.status}, ${c.language},
            CASE WHEN ${c.status} = 'deactivated' THEN ${c.createdAt} + interval '30 days' END, ${c.createdAt}, ${c.createdAt}
       FROM ${series}`,
    [opts.tenantId],
  );
  // One role each, by share: the draw picks the first role whose cumulative share exceeds it.
  let cumulative = 0;
  const cases = opts.roles.map((r) => `WHEN ${c.roleDraw} < ${(cumulative += r.share)} THEN '${r.id}'::uuid`).join(" ");
  await sql.query(
    `INSERT INTO user_roles ("tenantId", "userId", "roleId", "createdAt")
     SELECT $1, ${c.id}, CASE ${cases} ELSE '${opts.roles[0]!.id}'::uuid END, ${c.createdAt} FROM ${series}`,
    [opts.tenantId],
  );
  await sql.query(`VACUUM (ANALYZE) users`, []);
  await sql.query(`VACUUM (ANALYZE) user_roles`, []);
  return (performance.now() - started) / 1000;
}
