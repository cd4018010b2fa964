import { describe, expect, it } from "vitest";
import { invoiceActions } from "./invoice-actions.js";

describe("the actions offered on an invoice", () => {
  it("are the transitions the API allows from its status, and none from a final one", () => {
    expect(invoiceActions("open")).toEqual(["pay", "void", "mark_uncollectible"]);
    expect(invoiceActions("uncollectible")).toEqual(["pay", "void"]);
    expect(invoiceActions("draft")).toEqual([]);
    expect(invoiceActions("paid")).toEqual([]);
    expect(invoiceActions("void")).toEqual([]);
  });
});
