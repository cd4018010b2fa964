import { describe, expect, it } from "vitest";
import { snapshotOf } from "./bell.js";

describe("the bell's snapshot", () => {
  const snapshot = { unread: 2, critical: 1, latest: [] };

  it("reads a tracked message ({ id, data }) and a bare one alike", () => {
    expect(snapshotOf({ id: "d41d8cd9", data: snapshot })).toEqual(snapshot);
    expect(snapshotOf(snapshot)).toEqual(snapshot);
  });
});
