// Rate limits on password checks (login per account and per IP, the current password of a password change),
// stored in the database so every API process shares them.
//
// An attempt is reserved BEFORE the password is verified, by one atomic statement per key that counts it
// only while the key is under its limit in the current window: however many requests run at once (or sit
// in one batched HTTP request), no more than `limit` passwords are evaluated per key and window. A correct
// password hands its reservation back (`passwordAccepted`), so only wrong guesses use up the allowance.
// See docs/decisions/0010-login-throttle-reservation.md.
import type { PrismaClient } from "@tenancy/db";
import { AppError } from "../../lib/app-error.js";

export const WINDOW_MS = 15 * 60 * 1000;
export const LIMITS = { account: 5, ip: 50, currentPassword: 5 };

export interface ThrottleKeys {
  account: string;
  ip: string | null;
}

interface Limit {
  key: string;
  limit: number;
  /** On a correct password the key is cleared (the account, the principal); else only the attempt is refunded (the IP). */
  clearOnSuccess: boolean;
}

/** What a granted reservation holds: the windows it counted in, so `release` gives back exactly those. */
export interface Reservation {
  taken: Array<Limit & { windowStart: Date }>;
}

export const accountKey = (account: string) => `account:${account}`;

/** The login keys: the IP first, so a locked account refunds the IP slot it would otherwise waste. */
function loginLimits(keys: ThrottleKeys): Limit[] {
  const list: Limit[] = [];
  if (keys.ip) list.push({ key: `ip:${keys.ip}`, limit: LIMITS.ip, clearOnSuccess: false });
  list.push({ key: accountKey(keys.account), limit: LIMITS.account, clearOnSuccess: true });
  return list;
}

// Granted when the window is over (and no block runs) or the key is under its limit. The attempt that
// reaches the limit blocks the key for 15 minutes from then, as a failure did before reservations.
// `ON CONFLICT ... DO UPDATE ... WHERE` locks the row, so concurrent reservations of one key queue here.
const RESERVE = `
  INSERT INTO login_throttles AS t (key, failures, "windowStart", "blockedUntil")
  VALUES ($1, 1, $2::timestamptz, CASE WHEN 1 >= $4::int THEN $2::timestamptz + interval '15 minutes' END)
  ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN t."windowStart" <= $3::timestamptz AND (t."blockedUntil" IS NULL OR t."blockedUntil" <= $2::timestamptz)
      THEN 1 ELSE t.failures + 1 END,
    "windowStart" = CASE WHEN t."windowStart" <= $3::timestamptz AND (t."blockedUntil" IS NULL OR t."blockedUntil" <= $2::timestamptz)
      THEN $2::timestamptz ELSE t."windowStart" END,
    "blockedUntil" = CASE
      WHEN t."windowStart" <= $3::timestamptz AND (t."blockedUntil" IS NULL OR t."blockedUntil" <= $2::timestamptz)
        THEN CASE WHEN 1 >= $4::int THEN $2::timestamptz + interval '15 minutes' END
      WHEN t.failures + 1 >= $4::int THEN $2::timestamptz + interval '15 minutes'
      ELSE t."blockedUntil" END
  WHERE (t."windowStart" <= $3::timestamptz AND (t."blockedUntil" IS NULL OR t."blockedUntil" <= $2::timestamptz))
     OR t.failures < $4::int
  RETURNING t."windowStart"`;

// Gives one attempt back, only in the window it was taken in; below the limit the block is lifted.
const REFUND = `
  UPDATE login_throttles SET
    failures = failures - 1,
    "blockedUntil" = CASE WHEN failures - 1 < $3::int THEN NULL ELSE "blockedUntil" END
  WHERE key = $1 AND "windowStart" = $2::timestamptz AND failures > 0`;

/** How long a refused key stays refused: to the end of its block or window, whichever is later. */
const RETRY_AFTER = `
  SELECT CEIL(EXTRACT(EPOCH FROM (GREATEST(COALESCE("blockedUntil", "windowStart"), "windowStart" + interval '15 minutes') - $2::timestamptz)))::int AS "seconds"
  FROM login_throttles WHERE key = $1`;

async function reserve(prisma: PrismaClient, limits: Limit[], now: Date, what: string): Promise<Reservation> {
  const cutoff = new Date(now.getTime() - WINDOW_MS);
  const reservation: Reservation = { taken: [] };
  for (const { key, limit, clearOnSuccess } of limits) {
    const rows = await prisma.$queryRawUnsafe<Array<{ windowStart: Date }>>(RESERVE, key, now, cutoff, limit);
    const granted = rows[0];
    if (!granted) {
      await release(prisma, reservation);
      const [row] = await prisma.$queryRawUnsafe<Array<{ seconds: number | null }>>(RETRY_AFTER, key, now);
      const retryAfterSeconds = Math.max(1, Number(row?.seconds ?? WINDOW_MS / 1000));
      throw new AppError("RATE_LIMITED", `Too many ${what}. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, {
        retryAfterSeconds,
      });
    }
    reservation.taken.push({ key, limit, clearOnSuccess, windowStart: new Date(granted.windowStart) });
  }
  return reservation;
}

/** Gives back the attempts of a reservation whose password was never checked. */
async function release(prisma: PrismaClient, reservation: Reservation): Promise<void> {
  for (const { key, limit, windowStart } of reservation.taken) {
    await prisma.$executeRawUnsafe(REFUND, key, windowStart, limit);
  }
}

/** The password was right: it was no guess. Clears the account (or principal) key and refunds the IP's attempt. */
export async function passwordAccepted(prisma: PrismaClient, reservation: Reservation): Promise<void> {
  for (const { key, limit, clearOnSuccess, windowStart } of reservation.taken) {
    if (clearOnSuccess) await prisma.loginThrottle.deleteMany({ where: { key } });
    else await prisma.$executeRawUnsafe(REFUND, key, windowStart, limit);
  }
}

/** Reserves one login attempt on the account and IP keys, or refuses with RATE_LIMITED. */
export function reserveLogin(prisma: PrismaClient, keys: ThrottleKeys, now: Date): Promise<Reservation> {
  return reserve(prisma, loginLimits(keys), now, "failed attempts");
}

/** Reserves one check of a signed-in principal's current password, or refuses with RATE_LIMITED. */
export function reservePasswordCheck(prisma: PrismaClient, principal: { kind: string; id: string }, now: Date): Promise<Reservation> {
  return reserve(prisma, [{ key: `password:${principal.kind}:${principal.id}`, limit: LIMITS.currentPassword, clearOnSuccess: true }], now, "wrong current passwords");
}

/** Forgets every attempt counted against the account (after a successful login, or an admin recovery). */
export async function clearAccount(prisma: Pick<PrismaClient, "loginThrottle">, account: string): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key: accountKey(account) } });
}

/** The account part of a login key: the workspace (or "platform") and the e-mail. */
export const loginAccount = (workspace: string | null | undefined, email: string) => `${workspace ?? "platform"}:${email}`;
