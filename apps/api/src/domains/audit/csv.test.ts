import { describe, expect, it } from "vitest";
import { csvCell, csvRow, localTimeFormatter, maskEmailOrName, maskIp } from "./csv.js";

const entry = {
  id: "01a2107c-12eb-7041-9c96-ee3b94d0dd31", tenantId: "t", action: "user.created", crud: "c", module: "core",
  actorType: "user", actorId: "a1", actorName: "Zoé, \"the admin\"", targetType: "user", targetId: "u1", targetName: "zoe@example.com",
  changes: { b: 1, a: "x" }, ip: "203.0.113.7", userAgent: "UA", success: true, eventVersion: 1, requestId: null,
  createdAt: new Date("2026-03-10T23:30:00Z"), seq: 7n, prevHash: null, hash: null, sealedAt: null,
};

describe("CSV", () => {
  it("quotes per RFC 4180, shows local time, and sorts changes' keys", () => {
    const row = csvRow(entry, { mask: false, local: localTimeFormatter("Europe/Paris") });
    expect(row).toContain(',"Zoé, ""the admin""",');
    expect(row).toContain(",2026-03-11 00:30:00,");
    expect(row).toContain(',"{""a"":""x"",""b"":1}",7\r\n');
  });

  it("neutralises spreadsheet formulas and masks personal data", () => {
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(maskEmailOrName("zoe@example.com")).toBe("z***@example.com");
    expect(maskIp("203.0.113.7")).toBe("203.0.113.x");
    const masked = csvRow(entry, { mask: true, local: localTimeFormatter("UTC") });
    expect(masked).not.toContain("zoe@example.com");
    expect(masked).not.toContain("203.0.113.7");
    expect(masked).toContain("(masked)");
  });
});
