// Time as a dependency, so tests can move it (session expiry, rate-limit windows).
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date): Clock & { advance(ms: number): void; set(date: Date): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (date) => {
      current = date.getTime();
    },
  };
}

/**
 * The browser tests' clock (TEST_CLOCK=1, never in production: decision 39): real time plus an offset that
 * a loopback-only test route moves forward, so sessions, ids and ordering keep working while a test jumps a
 * month ahead to a renewal. It can be frozen for a moment (a preview and the action it previews then see the
 * same instant, so a proration is compared to the cent); unfreezing resumes from there, never going back.
 */
export interface TestClock extends Clock {
  advance(ms: number): void;
  freeze(frozen: boolean): void;
}

export function offsetClock(): TestClock {
  let offset = 0;
  let frozenAt: number | null = null;
  return {
    now: () => new Date(frozenAt ?? Date.now() + offset),
    advance: (ms) => {
      if (frozenAt !== null) frozenAt += ms;
      else offset += ms;
    },
    freeze: (frozen) => {
      if (frozen && frozenAt === null) frozenAt = Date.now() + offset;
      if (!frozen && frozenAt !== null) {
        offset = frozenAt - Date.now();
        frozenAt = null;
      }
    },
  };
}
