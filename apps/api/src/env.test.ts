import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env.js";

describe("configuration", () => {
  it("has working defaults: embedded database under .data, port 3000", () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toMatch(/\.data$/);
  });

  it("stops with a message naming each bad value", () => {
    expect(() => loadEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", NODE_ENV: "staging" })).toThrow(EnvError);
    try {
      loadEnv({ PORT: "eighty", DATABASE_URL: "mysql://x" });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT:/);
      expect((error as Error).message).toMatch(/DATABASE_URL: must be a postgres/);
    }
  });
});
