import { describe, expect, it } from "vitest";
import { addLive, type LiveRow } from "./live-buffer.js";

const row = (seq: number): LiveRow => ({ seq: String(seq), id: `e${seq}`, type: "role.created", module: "core", payload: {}, createdAt: new Date(0) });

describe("addLive", () => {
  it("keeps the newest first, each sequence once", () => {
    let rows: LiveRow[] = [];
    for (const seq of [5, 6, 6, 9, 10]) rows = addLive(rows, row(seq));
    expect(rows.map((r) => r.seq)).toEqual(["10", "9", "6", "5"]);
  });

  it("drops the oldest beyond the cap", () => {
    let rows: LiveRow[] = [];
    for (let seq = 1; seq <= 5; seq++) rows = addLive(rows, row(seq), 3);
    expect(rows.map((r) => r.seq)).toEqual(["5", "4", "3"]);
  });
});
