// Suggests a tenant slug from its name: ASCII letters and digits separated by single dashes, at most 40
// characters, as the Slug schema in contracts accepts.
const SLUG_MAX = 40;

export function suggestSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, "");
}
