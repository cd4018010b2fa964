import { describe, expect, it } from "vitest";
import { frame, startBanner } from "./start-banner.js";

describe("start banner", () => {
  it("frames every line in a box as wide as the longest one", () => {
    const lines = frame(["short", "a longer line"]).split("\n").filter(Boolean);
    expect(lines).toEqual(["┌───────────────┐", "│ short         │", "│ a longer line │", "└───────────────┘"]);
  });

  it("shows the generated one-time password of the first platform admin inside the frame", () => {
    const text = startBanner({
      url: "http://127.0.0.1:3000",
      database: "embedded (PGlite) in /srv/.data",
      hasAdmin: true,
      firstAdmin: { email: "admin@example.com", generatedPassword: "QQg4H-kEz3L-mEBxu-s7ENz" },
    });
    const lines = text.split("\n").filter(Boolean);
    expect(lines[0]).toMatch(/^┌─+┐$/);
    expect(lines.at(-1)).toMatch(/^└─+┘$/);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(text).toContain("│ Tenancy is running at http://127.0.0.1:3000");
    expect(text).toMatch(/│ {3}password: QQg4H-kEz3L-mEBxu-s7ENz +│/);
    expect(text).not.toContain("not built");
  });

  it("tells how to build the admin app with the command the README gives", () => {
    const text = startBanner({ url: "http://localhost:3000", database: "PostgreSQL", hasAdmin: false, firstAdmin: null });
    expect(text).toContain("run `npm start`");
    expect(text).not.toContain("pnpm start");
  });
});
