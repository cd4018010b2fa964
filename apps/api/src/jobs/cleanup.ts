// Housekeeping job: deletes expired sessions, the notes of why sessions ended once those sessions would have
// expired, and login-throttle rows that count nothing any more (their window is over and they block nothing). Each statement deletes at most `batchSize` rows and a run stops
// after `maxBatches`, so a backlog is worked off over several runs instead of in one long delete.
import type { PrismaClient } from "@tenancy/db";
import type { Services } from "../lib/scope.js";
import { WINDOW_MS } from "../domains/auth/throttle.js";

export interface CleanupLimits {
  batchSize?: number;
  maxBatches?: number;
}

// SKIP LOCKED: rows another process is deleting, or a login is reserving on, are left for the next run.
const EXPIRED_SESSIONS = `
  DELETE FROM sessions WHERE id IN (
    SELECT id FROM sessions WHERE "expiresAt" <= $1::timestamptz LIMIT $2::int FOR UPDATE SKIP LOCKED)`;

const EXPIRED_SESSION_NOTES = `
  DELETE FROM ended_sessions WHERE id IN (
    SELECT id FROM ended_sessions WHERE "expiresAt" <= $1::timestamptz LIMIT $2::int FOR UPDATE SKIP LOCKED)`;

// The same condition under which a reservation would start a new window (see throttle.ts).
const STALE_THROTTLES = `
  DELETE FROM login_throttles WHERE key IN (
    SELECT key FROM login_throttles
    WHERE "windowStart" <= $2::timestamptz AND ("blockedUntil" IS NULL OR "blockedUntil" <= $1::timestamptz)
    LIMIT $3::int FOR UPDATE SKIP LOCKED)`;

async function inBatches(maxBatches: number, batchSize: number, deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const deleted = await deleteBatch();
    total += deleted;
    if (deleted < batchSize) break;
  }
  return total;
}

export async function deleteExpiredSessions(prisma: PrismaClient, now: Date, { batchSize = 1000, maxBatches = 10 }: CleanupLimits = {}): Promise<number> {
  return inBatches(maxBatches, batchSize, () => prisma.$executeRawUnsafe(EXPIRED_SESSIONS, now, batchSize));
}

/** Notes of ended sessions (ended_sessions) whose session would have expired by now: nobody can present it any more. */
export async function deleteExpiredSessionNotes(prisma: PrismaClient, now: Date, { batchSize = 1000, maxBatches = 10 }: CleanupLimits = {}): Promise<number> {
  return inBatches(maxBatches, batchSize, () => prisma.$executeRawUnsafe(EXPIRED_SESSION_NOTES, now, batchSize));
}

export async function deleteStaleThrottles(prisma: PrismaClient, now: Date, { batchSize = 1000, maxBatches = 10 }: CleanupLimits = {}): Promise<number> {
  const windowOver = new Date(now.getTime() - WINDOW_MS);
  return inBatches(maxBatches, batchSize, () => prisma.$executeRawUnsafe(STALE_THROTTLES, now, windowOver, batchSize));
}

/** One run of the job; returns the number of rows deleted. */
export async function cleanUp(services: Pick<Services, "prisma" | "clock">, limits: CleanupLimits = {}): Promise<number> {
  const now = services.clock.now();
  return (
    (await deleteExpiredSessions(services.prisma, now, limits)) +
    (await deleteExpiredSessionNotes(services.prisma, now, limits)) +
    (await deleteStaleThrottles(services.prisma, now, limits))
  );
}
