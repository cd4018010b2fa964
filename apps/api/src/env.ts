// The only reader of process.env: every setting validated at start-up, with a message naming each bad value.
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { z } from "zod";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

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
    .transform((list) => list.split(",").map((o) => o.trim()).filter(Boolean)),
  TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  EMAIL_SENDER: z.enum(["log", "none"]).default("log"),
  /** Run the background jobs in the API process; set false when `pnpm --filter @tenancy/api worker` runs them. */
  RUN_JOBS: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
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
