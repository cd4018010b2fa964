// The input guard's walk and the raw JSON depth scan, without a server.
import { describe, expect, it } from "vitest";
import { deepNesting, deepNestingJson, HOSTILE_STRINGS, REFUSED_STRINGS } from "../../../test/hostile-inputs.js";
import { inputProblem, jsonNestedDeeperThan, MAX_INPUT_DEPTH } from "./input-guard.js";

const fieldOf = (input: unknown) => inputProblem(input)?.details?.field;

describe("inputProblem", () => {
  it("accepts ordinary input, dates, shared (acyclic) objects and every hostile string that is valid text", () => {
    const shared = { a: 1 };
    expect(inputProblem({ name: "Ann", when: new Date(), tags: ["x", "y"], left: shared, right: shared })).toBeNull();
    for (const text of HOSTILE_STRINGS.filter((s) => !REFUSED_STRINGS.includes(s))) expect(inputProblem({ text })).toBeNull();
  });

  it("names the field holding a NUL character or a lone surrogate, in values and in keys", () => {
    expect(fieldOf({ user: { name: "a\u0000b" } })).toBe("user.name");
    expect(fieldOf({ list: ["ok", "\uD800"] })).toBe("list.1");
    expect(fieldOf({ ["k\uDC00"]: 1 })).toBe("k\uFFFD");
    expect(inputProblem("\u0000")?.message).toMatch(/^input: contains a NUL character/);
  });

  it("refuses nesting deeper than the limit, at the first level too deep, and walks a million levels without recursion", () => {
    expect(inputProblem(deepNesting(MAX_INPUT_DEPTH))).toBeNull();
    expect(fieldOf(deepNesting(MAX_INPUT_DEPTH + 1))).toBe(Array(MAX_INPUT_DEPTH).fill("0").join("."));
    expect(inputProblem(deepNesting(1_000_000))?.message).toMatch(/nested deeper than 32/);
  });

  it("refuses a cycle, naming where it closes", () => {
    const node: Record<string, unknown> = { name: "loop" };
    node.next = { back: node };
    expect(inputProblem({ node })?.message).toBe("node.next.back: refers to itself (a cycle); send plain data.");
  });

  it("walks Maps and Sets", () => {
    expect(fieldOf({ m: new Map([["k", "\u0000"]]) })).toBe("m.k");
    expect(fieldOf({ s: new Set(["\uDFFF"]) })).toBe("s.0");
  });
});

describe("jsonNestedDeeperThan", () => {
  it("counts the nesting of objects and arrays, not the brackets inside strings", () => {
    expect(jsonNestedDeeperThan(deepNestingJson(64), 64)).toBe(false);
    expect(jsonNestedDeeperThan(deepNestingJson(65), 64)).toBe(true);
    expect(jsonNestedDeeperThan(JSON.stringify({ a: "[[[[[[[[[[{{{{{{{{" }), 2)).toBe(false);
    expect(jsonNestedDeeperThan(JSON.stringify({ a: 'quote \\" then [[[[' }), 2)).toBe(false);
    expect(jsonNestedDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
  });
});
