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

describe("TRUST_PROXY", () => {
  it("trusts no proxy when unset or false", () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: "" }).TRUST_PROXY).toBe(false);
  });

  it("refuses true at start-up, saying what to write instead", () => {
    expect(() => loadEnv({ TRUST_PROXY: "true" })).toThrow(EnvError);
    expect(() => loadEnv({ TRUST_PROXY: "TRUE" })).toThrow(/TRUST_PROXY: true would trust an X-Forwarded-For header sent by anyone.*TRUST_PROXY=1.*TRUST_PROXY=10\.0\.0\.0\/8/);
  });

  it("takes a hop count of at least 1, trusting exactly that many hops from the server", () => {
    const trust = loadEnv({ TRUST_PROXY: "2" }).TRUST_PROXY;
    expect(typeof trust).toBe("function");
    const fn = trust as Extract<typeof trust, (...args: never[]) => unknown>;
    expect(fn.hops).toBe(2);
    expect([0, 1, 2].map((hop) => fn("10.0.0.1", hop))).toEqual([true, true, false]);
    expect(() => loadEnv({ TRUST_PROXY: "0" })).toThrow(/TRUST_PROXY: must be a number of proxies from 1/);
    expect(() => loadEnv({ TRUST_PROXY: "-1" })).toThrow(/TRUST_PROXY:/);
    expect(() => loadEnv({ TRUST_PROXY: "1.5" })).toThrow(/TRUST_PROXY:/);
  });

  it("takes a comma-separated list of proxy addresses and CIDRs", () => {
    expect(loadEnv({ TRUST_PROXY: "10.0.0.0/8, 192.168.1.5,fd00::/8, loopback" }).TRUST_PROXY).toEqual(["10.0.0.0/8", "192.168.1.5", "fd00::/8", "loopback"]);
  });

  it("names what is not an address", () => {
    expect(() => loadEnv({ TRUST_PROXY: "10.0.0.1,proxy.internal" })).toThrow(/TRUST_PROXY: .*not an address: proxy\.internal/);
    expect(() => loadEnv({ TRUST_PROXY: "10.0.0.0/33" })).toThrow(/not an address: 10\.0\.0\.0\/33/);
    expect(() => loadEnv({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY:/);
  });
});

describe("APP_ORIGINS", () => {
  it("takes a comma-separated list of origins", () => {
    expect(loadEnv({ APP_ORIGINS: "https://admin.example.com, http://localhost:5173" }).APP_ORIGINS).toEqual(["https://admin.example.com", "http://localhost:5173"]);
  });

  it.each(["admin.example.com", "https://admin.example.com/", "https://admin.example.com/path", "*"])("refuses %s, which no Origin header could equal", (value) => {
    expect(() => loadEnv({ APP_ORIGINS: value })).toThrow(/APP_ORIGINS: .*is not an origin/);
  });
});
