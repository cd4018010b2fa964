import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BACKFILL_SQL, monthStartsCovered, Rollup } from "./platform-rollup.js";

const migrations = join(import.meta.dirname, "../../../../../packages/db/prisma/migrations");

describe("the analytics rollup", () => {
  it("counts the month starts a period covers: start included, end excluded, UTC", () => {
    const d = (iso: string) => new Date(iso);
    expect(monthStartsCovered(d("2026-03-01T00:00:00Z"), d("2026-04-01T00:00:00Z"))).toEqual(["2026-03-01"]);
    expect(monthStartsCovered(d("2026-03-10T12:00:00Z"), d("2026-04-10T12:00:00Z"))).toEqual(["2026-04-01"]);
    expect(monthStartsCovered(d("2026-03-10T12:00:00Z"), d("2026-04-01T00:00:00Z"))).toEqual([]);
    expect(monthStartsCovered(d("2026-03-10T12:00:00Z"), d("2026-04-01T00:00:00.001Z"))).toEqual(["2026-04-01"]);
    expect(monthStartsCovered(d("2025-06-15T00:00:00Z"), d("2026-06-15T00:00:00Z"))).toHaveLength(12);
  });

  it("turns an invoice's change of status into increments: a void moves its total from billed to voided", () => {
    const r = new Rollup();
    const open = { status: "uncollectible", currency: "EUR", total: 1500, issuedAt: new Date("2026-03-10T12:00:00Z"), paidAt: null, voidedAt: null };
    r.invoice(open, { ...open, status: "void", voidedAt: new Date("2026-05-02T00:00:00Z") });
    expect([...r.money]).toEqual([
      ["2026-03-01|EUR", { billed: -1500n, voided: 0n, paid: 0n, entries: -1 }],
      ["2026-05-01|EUR", { billed: 0n, voided: 1500n, paid: 0n, entries: 1 }],
    ]);
  });

  it("is backfilled by the migration with the same SQL the product keeps as BACKFILL_SQL", () => {
    const dir = readdirSync(migrations).find((name) => name.endsWith("_billing_rollup"))!;
    const sql = readFileSync(join(migrations, dir, "migration.sql"), "utf8");
    for (const statement of BACKFILL_SQL) expect(sql).toContain(`${statement};`);
  });
});
