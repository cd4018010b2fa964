// The only reader of process.env: every setting validated at start-up, with a message naming each bad value.
import { isIP } from "node:net";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { z } from "zod";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Names proxy-addr (Fastify's trustProxy) understands besides addresses and CIDRs. */
const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Trust by hop count, as a function: Fastify 5 accepts a number for `trustProxy` but then trusts no proxy at
 * all (hop counts cannot tell a proxy from a direct client), so the count is passed as this function. `hops`
 * keeps the number readable.
 */
export interface TrustHops {
  (address: string, hop: number): boolean;
  hops: number;
}

const trustHops = (hops: number): TrustHops => Object.assign((_address: string, hop: number) => hop < hops, { hops });

/**
 * Which proxies in front of the API may tell the client's address (X-Forwarded-For): a hop count, or their
 * addresses. Never "any": with `true` a client could forge its IP and escape the per-IP login limit.
 * The value goes to Fastify's `trustProxy` as is.
 */
const TrustProxy = z
  .string()
  .default("false")
  .transform((value, ctx): false | string[] | TrustHops => {
    const v = value.trim().toLowerCase();
    if (v === "false") return false;
    if (v === "true") {
      ctx.addIssue({
        code: "custom",
        message:
          "true would trust an X-Forwarded-For header sent by anyone, so a client could choose its own IP. Write the number of proxies in front of the API (e.g. TRUST_PROXY=1 for one load balancer) or their addresses (e.g. TRUST_PROXY=10.0.0.0/8,192.168.1.5)",
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops >= 1 && hops <= 100) return trustHops(hops);
      ctx.addIssue({ code: "custom", message: "must be a number of proxies from 1 to 100; leave it unset (or false) when no proxy is in front of the API" });
      return z.NEVER;
    }
    const list = v.split(",").map((entry) => entry.trim()).filter(Boolean);
    const bad = list.filter((entry) => !isProxyAddress(entry));
    if (list.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `must be false, a number of proxies (e.g. 1), or a comma-separated list of proxy addresses or CIDRs (e.g. 10.0.0.0/8,192.168.1.5)${bad.length ? `; not an address: ${bad.join(", ")}` : ""}`,
      });
      return z.NEVER;
    }
    return list;
  });

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z
    .string()
    .min(1)
    .default(".data")
    .transform((dir) => resolve(repoRoot, dir)),
  DATABASE_URL: z
    .string()
    .refine((url) => /^postgres(ql)?:\/\//.test(url), "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PLATFORM_ADMIN_EMAIL: z.email().optional(),
  PLATFORM_ADMIN_PASSWORD: z.string().min(12, "must have at least 12 characters").optional(),
  ADMIN_DIST: z
    .string()
    .default("apps/admin/dist")
    .transform((dir) => resolve(repoRoot, dir)),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Extra origins allowed to make state-changing requests (comma-separated), besides the server's own. */
  APP_ORIGINS: z
    .string()
    .default("")
    .transform((list) => list.split(",").map((o) => o.trim()).filter(Boolean))
    .superRefine((origins, ctx) => {
      // Compared exactly with a request's Origin header, so each must be one: scheme://host[:port], nothing more.
      for (const origin of origins) {
        let normal: string | undefined;
        try {
          normal = new URL(origin).origin;
        } catch {
          normal = undefined;
        }
        if (normal !== origin) ctx.addIssue({ code: "custom", message: `"${origin}" is not an origin; write it as scheme://host[:port], e.g. https://admin.example.com` });
      }
    }),
  /** `false` (trust no proxy), a hop count (as a trust function), or proxy addresses/CIDRs: Fastify's `trustProxy`. */
  TRUST_PROXY: TrustProxy,
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  EMAIL_SENDER: z.enum(["log", "none"]).default("log"),
  /** The payment gateway: "log" (log-only: charges nothing, invoices stay open until marked paid) until a provider is chosen. */
  PAYMENT_GATEWAY: z.enum(["log"]).default("log"),
  /** Run the background jobs in the API process; set false when `pnpm --filter @tenancy/api worker` runs them. */
  RUN_JOBS: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /**
   * Browser tests only (decision 39): a clock the loopback-only route POST /test/clock moves forward, and that
   * route to run the billing job now. Refused with NODE_ENV=production.
   */
  TEST_CLOCK: z
    .enum(["0", "1"], { message: "must be 1 (browser tests only) or unset" })
    .default("0")
    .transform((v) => v === "1"),
  /**
   * Tests only (the dispatcher's crash test, decision 49): holds each dispatch batch's transaction open this
   * many milliseconds, so a SIGKILL lands mid-batch. Honoured only with NODE_ENV=test.
   */
  TEST_DISPATCH_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
}).refine((env) => !(env.TEST_CLOCK && env.NODE_ENV === "production"), {
  path: ["TEST_CLOCK"],
  message: "a test clock lets whoever reaches it move time; it is refused with NODE_ENV=production",
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** A complete config for tests and tools, overriding only what they name. */
export function testEnv(overrides: Partial<Record<keyof Env, string>> = {}): Env {
  return loadEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", EMAIL_SENDER: "none", ...overrides });
}
