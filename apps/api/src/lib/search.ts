// Text search through Prisma's `contains`, which becomes a LIKE pattern without escaping: `%` and `_` in
// what a user typed would match anything, and `\` would escape the next character.
/** The user's text, escaped so that it matches itself only inside a `contains` / `startsWith` filter. */
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, "\\$&");
