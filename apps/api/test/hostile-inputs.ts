// Classes of client input that broke (or could break) the API at its boundary, for probes that feed them into
// every text field of every procedure: none may produce a 5xx. Lone surrogates, NUL and too-deep nesting
// must be refused with BAD_INPUT; the others must be accepted or refused by their contract, never crash.
// Deep nesting comes as builders: JSON.stringify itself overflows the stack on 20,000 levels.

/** Strings that are not valid text: a lone high or low UTF-16 surrogate (Prisma's JSON encoding fails on them). */
export const LONE_SURROGATES: readonly string[] = ["\uD800", "a\uDFFFb", "\uDBFF\uDBFF", "x\uDC00"];

/** NUL characters: PostgreSQL cannot store them in text. */
export const NUL_STRINGS: readonly string[] = ["\u0000", "a\u0000b"];

/** LIKE / ILIKE metacharacters: a search must match them literally, not as wildcards or escapes. */
export const LIKE_METACHARACTERS: readonly string[] = ["%", "_", "\\", "%_\\", "100%", "a_b", "\\%", "%%%%", "\\\\"];

/** Dates outside any sane range (and not-quite dates) that overflowed day arithmetic or the database. */
export const FAR_DATES: readonly string[] = ["9999-12-31", "0001-01-01", "1969-12-31", "3000-01-01", "2026-02-30", "+275760-09-13", "-000001-01-01"];

/** Longer than any field allows (the body limit is 1 MiB, so these still arrive). */
export const OVERLONG_STRINGS: readonly string[] = ["x".repeat(10_000), "é".repeat(5_000), "🧑‍🤝‍🧑".repeat(2_000)];

/** Valid but odd Unicode: direction overrides, combining marks, invisible and astral characters. */
export const ODD_UNICODE: readonly string[] = [
  "\u202Eevil\u202C", // right-to-left override
  "e\u0301\u0301\u0301\u0301", // stacked combining marks
  "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357", // "zalgo"
  "\uFEFFbom", // byte order mark
  "a\u200Bb\u200Dc", // zero-width space and joiner
  "𝕳𝖊𝖑𝖑𝖔", // astral plane (surrogate pairs, well-formed)
  "İ", // case mapping changes the length (İ -> i̇)
];

/** Text that is harmless as data but dangerous when a layer treats it as code. */
export const INJECTION_STRINGS: readonly string[] = ["' OR 1=1 --", "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "__proto__", "constructor"];

/** Every hostile string above, one list. */
export const HOSTILE_STRINGS: readonly string[] = [
  ...LONE_SURROGATES,
  ...NUL_STRINGS,
  ...LIKE_METACHARACTERS,
  ...FAR_DATES,
  ...OVERLONG_STRINGS,
  ...ODD_UNICODE,
  ...INJECTION_STRINGS,
];

/** Strings the input guard must refuse with BAD_INPUT whatever the field. */
export const REFUSED_STRINGS: readonly string[] = [...LONE_SURROGATES, ...NUL_STRINGS];

/** An array nested `depth` levels around `leaf`, built without recursion (`deepNesting(3)` is `[[[null]]]`). */
export function deepNesting(depth: number, leaf: unknown = null): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** The JSON text of `deepNesting(depth)`, for depths JSON.stringify cannot handle. */
export function deepNestingJson(depth: number, leafJson = "null"): string {
  return "[".repeat(depth) + leafJson + "]".repeat(depth);
}

/** A superjson payload whose referentialEqualities make `value.self` the value itself: a cycle after parsing. */
export function superjsonCycle(field: string): { json: Record<string, unknown>; meta: { referentialEqualities: Record<string, string[]> } } {
  return { json: { [field]: { self: null } }, meta: { referentialEqualities: { [field]: [`${field}.self`] } } };
}

/**
 * A superjson payload whose referentialEqualities make each level's two items one shared object: `levels`
 * levels of a few bytes each that read as 2^levels values once parsed.
 */
export function superjsonFanOut(field: string, levels: number): { json: Record<string, unknown>; meta: { referentialEqualities: Record<string, string[]> } } {
  const equalities: Record<string, string[]> = {};
  let path = field;
  for (let i = 0; i < levels; i++) {
    equalities[`${path}.0`] = [`${path}.1`];
    path = `${path}.0`;
  }
  return { json: { [field]: deepFanOut(levels) }, meta: { referentialEqualities: equalities } };
}

function deepFanOut(levels: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < levels; i++) value = [value, null];
  return value;
}
