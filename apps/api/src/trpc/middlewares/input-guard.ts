// Refuses hostile shapes of client input before any schema, service or database sees them: nesting deeper
// than MAX_INPUT_DEPTH, cycles (superjson's referentialEqualities can build them), more values than
// MAX_INPUT_VALUES (shared references can multiply a small body), NUL characters (PostgreSQL cannot store
// them) and lone UTF-16 surrogates (not text: Prisma's JSON encoding fails on them). Each refusal is a
// BAD_INPUT naming the field. The walk is iterative, so no input can overflow the stack here.
import { AppError } from "../../lib/app-error.js";
import { t } from "../init.js";

/** Deepest nesting of objects and arrays accepted in an input; our contracts need well under 10. */
export const MAX_INPUT_DEPTH = 32;
/** Most values (strings, numbers, objects, ...) walked in one input, counting shared references each time. */
export const MAX_INPUT_VALUES = 100_000;

/** A field's path as a linked list, so the walk never copies paths; joined only to name a refused field. */
interface FieldPath {
  parent: FieldPath | null;
  key: string;
}

/** A key as it may appear in a message: well-formed, without NUL, and short (it is the client's text). */
const printable = (key: string) =>
  key.toWellFormed().replaceAll("\u0000", "\uFFFD").slice(0, 100);

function refuse(path: FieldPath | null, problem: string): AppError {
  const keys: string[] = [];
  for (let p = path; p; p = p.parent) keys.push(printable(p.key));
  const field = keys.reverse().join(".") || "input";
  return new AppError("BAD_INPUT", `${field}: ${problem}`, { field });
}


/** What is wrong with a piece of text, completing "contains ...", or null. */
function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "a NUL character, which cannot be stored; remove it.";
  if (!text.isWellFormed()) return "an invalid character (a lone UTF-16 surrogate); send well-formed Unicode text.";
  return null;
}

type Frame = { enter: true; value: unknown; path: FieldPath | null; depth: number } | { enter: false; value: object };

/** The first problem of an input as a BAD_INPUT AppError naming the field, or null when the input is safe. */
export function inputProblem(input: unknown): AppError | null {
  const stack: Frame[] = [{ enter: true, value: input, path: null, depth: 0 }];
  // Objects on the path from the root to the current value: meeting one again is a cycle. Shared but
  // acyclic references are walked again on each path, so depth and the value budget hold per path.
  const ancestors = new Set<object>();
  let walked = 0;
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (!frame.enter) {
      ancestors.delete(frame.value);
      continue;
    }
    const { value, path, depth } = frame;
    if (++walked > MAX_INPUT_VALUES) return refuse(null, `has more than ${MAX_INPUT_VALUES} values; send less at once.`);
    if (typeof value === "string") {
      const problem = textProblem(value);
      if (problem) return refuse(path, `contains ${problem}`);
      continue;
    }
    if (typeof value !== "object" || value === null || value instanceof Date) continue;
    if (ancestors.has(value)) return refuse(path, "refers to itself (a cycle); send plain data.");
    if (depth >= MAX_INPUT_DEPTH) return refuse(path, `is nested deeper than ${MAX_INPUT_DEPTH} levels; send flatter data.`);
    const entries: Iterable<[unknown, unknown]> =
      value instanceof Map ? value.entries() : value instanceof Set ? [...value].entries() : Object.entries(value);
    ancestors.add(value);
    stack.push({ enter: false, value });
    for (const [key, item] of entries) {
      const child: FieldPath = { parent: path, key: String(key) };
      if (typeof key === "string") {
        const problem = textProblem(key);
        if (problem) return refuse(child, `has a name that contains ${problem}`);
      } else {
        stack.push({ enter: true, value: key, path: child, depth: depth + 1 });
      }
      stack.push({ enter: true, value: item, path: child, depth: depth + 1 });
    }
  }
  return null;
}

/** Throws the BAD_INPUT of `inputProblem`; for routes outside tRPC (the CSV export's query string). */
export function assertSafeInput(input: unknown): void {
  const problem = inputProblem(input);
  if (problem) throw problem;
}

/**
 * Nesting of a JSON text before it is parsed, in one linear pass without recursion: true when objects and
 * arrays nest deeper than `limit`. Guards what runs before the middleware (superjson's recursive walk of its
 * annotations), so a 20,000-deep body is a 400, not a stack overflow.
 */
export function jsonNestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* backslash: skip the escaped character */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

/** The tRPC middleware: runs on the raw input, before `.input()` parses it. */
export const inputGuard = t.middleware(async ({ getRawInput, next }) => {
  assertSafeInput(await getRawInput());
  return next();
});
