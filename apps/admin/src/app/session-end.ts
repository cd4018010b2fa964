// When a session ends without the user signing out here (it expired; an admin deactivated them, reset their
// password or suspended the workspace; they signed out in another tab), the sign-in page says why, in the
// language the app was speaking to them, and their unsaved forms come back after they sign in again
// (drafts.ts). The API says why on the call that finds the session gone (decision 0020); this module turns
// that into a reason, keeps it for the sign-in page (in this tab's sessionStorage, so a reload keeps it),
// and tells the app's other tabs when this one signs out or in (BroadcastChannel).
import type { Me } from "@tenancy/contracts";
import { useSyncExternalStore } from "react";
import { saveOpenDrafts } from "./drafts.js";
import { preferredLocale } from "./i18n/translate.js";
import { errorCodeOf, errorDetailsOf } from "./server-error.js";

export const SESSION_END_REASONS = ["expired", "signed_out", "revoked", "password_changed", "password_reset", "deactivated", "suspended", "ended"] as const;
/** Why the session ended; "ended" when nothing more is known. */
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

const isReason = (value: unknown): value is SessionEndReason => SESSION_END_REASONS.includes(value as SessionEndReason);

/**
 * The reason a failed call gives when it says the session has ended; null for any other failure (including
 * PASSWORD_CHANGE_REQUIRED, which changes the session but does not end it).
 */
export function sessionEndReasonOf(error: unknown): SessionEndReason | null {
  const code = errorCodeOf(error);
  const details = errorDetailsOf(error);
  switch (code) {
    case "SESSION_EXPIRED":
      return "expired";
    case "ACCOUNT_DEACTIVATED":
      return "deactivated";
    case "TENANT_SUSPENDED":
      return "suspended";
    case "UNAUTHENTICATED":
      return isReason(details?.reason) ? details.reason : "ended";
    default:
      return null;
  }
}

/**
 * The best reason known for a session found gone: the server's when it said one, else "expired" when the
 * session's known end has passed (the browser then drops the cookie, so the server cannot say), else "ended".
 */
export function refineReason(reason: SessionEndReason | null, me: Pick<Me, "sessionExpiresAt"> | null, now = new Date()): SessionEndReason {
  if (reason && reason !== "ended") return reason;
  return me && new Date(me.sessionExpiresAt).getTime() <= now.getTime() ? "expired" : "ended";
}

/** What the sign-in page shows after a session ended: why, in whose language, and who was signed in. */
export interface EndedSession {
  reason: SessionEndReason;
  language: string;
  principalId: string;
  email: string;
  workspace: string | null;
}

const STORAGE_KEY = "tenancy.sessionEnd";
const listeners = new Set<() => void>();

function read(): EndedSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<EndedSession>) : null;
    return parsed && isReason(parsed.reason) && typeof parsed.language === "string" && typeof parsed.principalId === "string"
      ? (parsed as EndedSession)
      : null;
  } catch {
    return null;
  }
}

let current: EndedSession | null = typeof sessionStorage === "undefined" ? null : read();

function write(next: EndedSession | null): void {
  current = next;
  try {
    if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled; the reason then lasts until the page is reloaded.
  }
  // Later, not now: this may run while React renders (RequireSession), where updating others is not allowed.
  queueMicrotask(() => {
    for (const listener of listeners) listener();
  });
}

/** The principal this tab last showed as signed in, until it signs out or in here. */
let signedIn: Me | null = null;

/** Who this tab showed signed in until now, if the session was not ended here on purpose. */
export function signedInUntilNow(): Me | null {
  return signedIn;
}

/**
 * Notes that the session of whoever this tab showed ended, and why: keeps the open forms' unsaved changes as
 * drafts for that principal and keeps the reason for the sign-in page. Does nothing when nobody was shown
 * signed in (a visitor's first, signed-out load) or when a reason is already noted for them.
 */
export function noteSessionEnd(reason: SessionEndReason | null): void {
  const me = signedIn;
  if (!me) return;
  signedIn = null;
  notedAt = Date.now();
  saveOpenDrafts(me.id);
  write({ reason: refineReason(reason, me), language: me.language ?? preferredLocale(navigator.languages), principalId: me.id, email: me.email, workspace: me.tenant?.slug ?? null });
}

/** Called on a sign-in or a sign-out done here: nothing ended behind the user's back. */
export function forgetSessionEnd(): void {
  signedIn = null;
  if (current) write(null);
}

/** When this tab last noted an end (not kept across reloads: a reload reads `auth.me` afresh). */
let notedAt = 0;

/**
 * Called when the app shows someone signed in, with when that was last read from the server. A noted end is
 * forgotten only when `auth.me` answered again after it (the session goes on after all): the page may well
 * render again with the principal it had, between the failed call and `auth.me`'s new answer.
 */
export function sessionGoesOn(me: Me, readAt: number): void {
  if (current) {
    if (readAt <= notedAt) return;
    write(null);
  }
  signedIn = me;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentSessionEnd(): EndedSession | null {
  return current;
}

/** The noted end of the last session, for the sign-in page and its language. */
export function useSessionEnd(): EndedSession | null {
  return useSyncExternalStore(subscribe, currentSessionEnd, () => null);
}

/** What one tab tells the others: it signed out (their session is gone too), or someone signed in. */
export type SessionAnnouncement = { kind: "signed-out" } | { kind: "signed-in"; principalId: string };

const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("tenancy.session");

export function announce(message: SessionAnnouncement): void {
  channel?.postMessage(message);
}

export function onAnnouncement(handler: (message: SessionAnnouncement) => void): void {
  channel?.addEventListener("message", (event: MessageEvent<SessionAnnouncement>) => handler(event.data));
}
