// Login rate limiting, per account and per IP, stored in the database so every API process shares it.
// A key that fails `limit` times within the window is blocked for the rest of the window.
import type { PrismaClient } from "@tenancy/db";
import { AppError } from "../../lib/app-error.js";

const WINDOW_MS = 15 * 60 * 1000;
export const LIMITS = { account: 5, ip: 50 };

export interface ThrottleKeys {
  account: string;
  ip: string | null;
}

function keysOf(keys: ThrottleKeys): Array<{ key: string; limit: number }> {
  const list = [{ key: `account:${keys.account}`, limit: LIMITS.account }];
  if (keys.ip) list.push({ key: `ip:${keys.ip}`, limit: LIMITS.ip });
  return list;
}

export async function assertNotThrottled(prisma: PrismaClient, keys: ThrottleKeys, now: Date): Promise<void> {
  const rows = await prisma.loginThrottle.findMany({
    where: { key: { in: keysOf(keys).map((k) => k.key) }, blockedUntil: { gt: now } },
    select: { blockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil!.getTime()));
  if (until > now.getTime()) {
    const retryAfterSeconds = Math.ceil((until - now.getTime()) / 1000);
    throw new AppError("RATE_LIMITED", `Too many failed attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, {
      retryAfterSeconds,
    });
  }
}

export async function noteFailure(prisma: PrismaClient, keys: ThrottleKeys, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  for (const { key, limit } of keysOf(keys)) {
    // One atomic statement: a new window restarts the count; reaching the limit blocks until the window ends.
    await prisma.$executeRawUnsafe(
      `INSERT INTO login_throttles (key, failures, "windowStart", "blockedUntil") VALUES ($1, 1, $2, CASE WHEN 1 >= $4 THEN $2::timestamptz + interval '15 minutes' END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttles."windowStart" < $3 THEN 1 ELSE login_throttles.failures + 1 END,
         "windowStart" = CASE WHEN login_throttles."windowStart" < $3 THEN $2 ELSE login_throttles."windowStart" END,
         "blockedUntil" = CASE
           WHEN (CASE WHEN login_throttles."windowStart" < $3 THEN 1 ELSE login_throttles.failures + 1 END) >= $4
           THEN $2::timestamptz + interval '15 minutes'
           ELSE login_throttles."blockedUntil" END`,
      key,
      now,
      windowStart,
      limit,
    );
  }
}

export async function clearAccount(prisma: PrismaClient, keys: ThrottleKeys): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key: `account:${keys.account}` } });
}
