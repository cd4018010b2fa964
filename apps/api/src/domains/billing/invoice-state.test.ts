import { describe, expect, it } from "vitest";
import { INVOICE_STATUSES, INVOICE_TRANSITIONS, invoiceTransition, type InvoiceEvent, type InvoiceStatus } from "./invoice-state.js";

const EXPECTED: Array<[InvoiceStatus, InvoiceEvent, InvoiceStatus]> = [
  ["draft", "finalize", "open"],
  ["open", "pay", "paid"],
  ["uncollectible", "pay", "paid"],
  ["open", "void", "void"],
  ["uncollectible", "void", "void"],
  ["open", "mark_uncollectible", "uncollectible"],
];
const allowed = new Map(EXPECTED.map(([from, event, to]) => [`${from} ${event}`, to]));
const pairs = (Object.keys(INVOICE_TRANSITIONS) as InvoiceEvent[]).flatMap((event) => INVOICE_STATUSES.map((from) => [from, event] as const));

describe("invoice transitions", () => {
  it.each(pairs)("%s --%s-->", (from, event) => {
    const expected = allowed.get(`${from} ${event}`);
    if (expected) expect(invoiceTransition(from, event)).toBe(expected);
    else expect(() => invoiceTransition(from, event)).toThrow(expect.objectContaining({ code: "INVALID_STATE", message: expect.stringContaining(`is ${from}`) }));
  });
});
