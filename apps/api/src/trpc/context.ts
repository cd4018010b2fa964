// The per-request context: shared services plus what the transport knows (IP, user agent, cookies).
// The session is resolved lazily by the auth middleware, so public procedures pay nothing for it.
import type { EventHub } from "../events/hub.js";
import type { Services, RequestInfo } from "../lib/scope.js";

export interface Cookies {
  get(name: string): string | undefined;
  set(name: string, value: string, expires: Date): void;
  clear(name: string): void;
}

export interface Context extends Services {
  request: RequestInfo;
  cookies: Cookies;
  sessionCookieName: string;
  /** The process's hub of live signals, for subscriptions (the bell, the inbox, live events). */
  hub: EventHub;
  /** Aborted when the server stops, so open live streams end instead of holding the shutdown. */
  closing?: AbortSignal;
}

export const sessionCookieName = (production: boolean) => (production ? "__Host-session" : "session");

/** A cookie jar kept in memory, for createCaller in tests and scripts. */
export function memoryCookies(initial: Record<string, string> = {}): Cookies & { values: Record<string, string> } {
  const values = { ...initial };
  return {
    values,
    get: (name) => values[name],
    set: (name, value) => {
      values[name] = value;
    },
    clear: (name) => {
      delete values[name];
    },
  };
}
