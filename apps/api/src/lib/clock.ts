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
 * month ahead to a renewal.
 */
export interface TestClock extends Clock {
  advance(ms: number): void;
}

export function offsetClock(): TestClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}
