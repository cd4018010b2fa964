// The key lists sort names by: "Émilie" among the E's, "émile" beside "Emile", whatever the database's
// collation (PGlite has no ICU, a PostgreSQL server may sort bytes). Compatibility-decomposed, lowercased,
// diacritics dropped, and the Latin letters without a decomposition spelled out (ß -> ss, ø -> o), so the
// database orders it correctly byte by byte; the row's id breaks ties. Services write it beside the name on
// every create and rename; the migration that added it fills existing rows with the same steps in SQL.
// See docs/decisions/0019-language-aware-name-sorting.md.

/** Combining diacritical marks (the blocks Latin, Greek and Cyrillic letters decompose into). */
// eslint-disable-next-line no-misleading-character-class -- ranges of combining marks, each removed on its own on purpose
const MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/** Letters with no decomposition, as they sort in the languages that use them among Latin letters. */
export const SPELLED_OUT: readonly (readonly [string, string])[] = [
  ["ß", "ss"],
  ["æ", "ae"],
  ["œ", "oe"],
  ["ø", "o"],
  ["ł", "l"],
  ["đ", "d"],
  ["ħ", "h"],
  ["ı", "i"],
  ["þ", "th"],
];

export function nameSortKey(name: string): string {
  let key = name.normalize("NFKD").toLowerCase().replace(MARKS, "");
  for (const [letter, spelled] of SPELLED_OUT) key = key.replaceAll(letter, spelled);
  return key;
}
