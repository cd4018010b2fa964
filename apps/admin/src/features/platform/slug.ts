// Suggests a tenant slug from its name: ASCII letters and digits separated by single dashes, at most 40
// characters, as the Slug schema in contracts accepts.
const SLUG_MAX = 40;

/** Latin letters that Unicode does not decompose into a base letter plus accents. */
const LIGATURES: Record<string, string> = { æ: "ae", œ: "oe", ø: "o", ß: "ss", ł: "l", đ: "d", þ: "th" };

export function suggestSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[æœøßłđþ]/g, (letter) => LIGATURES[letter] ?? "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, "");
}
