// Unsaved changes that outlive a session: when the session ends behind the user's back (session-end.ts), every
// open form that asked for it (`useKeepDraft`) and holds changes is written to this tab's sessionStorage,
// under its key and the principal's id; when that same principal signs in again and the form opens, its
// changes come back (to review and save), and a toast says so. Another principal never sees them: signing
// in as someone else drops them. Forms with passwords never ask for it.
import type { UseFormReturnType } from "@mantine/form";
import { useEffect, useRef } from "react";

const PREFIX = "tenancy.draft:";

interface StoredDraft {
  principalId: string;
  values: unknown;
}

/** The open forms that keep drafts: their key, and their changes when they have any. */
const open = new Map<string, () => unknown>();

function storage(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}

function keys(store: Storage): string[] {
  return Array.from({ length: store.length }, (_, i) => store.key(i)).filter((key): key is string => key?.startsWith(PREFIX) ?? false);
}

function readDraft(store: Storage, key: string): StoredDraft | null {
  try {
    const parsed = JSON.parse(store.getItem(key) ?? "null") as StoredDraft | null;
    return parsed && typeof parsed.principalId === "string" ? parsed : null;
  } catch {
    return null;
  }
}

/** Writes the changes of every open form that has some, as drafts of `principalId`. */
export function saveOpenDrafts(principalId: string): void {
  const store = storage();
  if (!store) return;
  for (const [key, changes] of open) {
    const values = changes();
    if (values === null) continue;
    try {
      store.setItem(PREFIX + key, JSON.stringify({ principalId, values } satisfies StoredDraft));
    } catch {
      // A full or disabled storage: the draft is lost, as it would have been without this.
    }
  }
}

/** Whether `principalId` has a kept draft (under `key`, or any). */
export function hasDraft(principalId: string, key?: string): boolean {
  const store = storage();
  if (!store) return false;
  return (key ? [PREFIX + key] : keys(store)).some((stored) => readDraft(store, stored)?.principalId === principalId);
}

/** The draft under `key` if it is `principalId`'s, removed from storage; any other principal's is dropped. */
export function takeDraft(key: string, principalId: string): unknown {
  const store = storage();
  const draft = store ? readDraft(store, PREFIX + key) : null;
  if (!store || !draft) return null;
  store.removeItem(PREFIX + key);
  return draft.principalId === principalId ? draft.values : null;
}

/** Registers an open form: `changes` gives its unsaved values, or null when it has none. Returns the unregistration. */
export function offerDraft(key: string, changes: () => unknown): () => void {
  open.set(key, changes);
  return () => {
    if (open.get(key) === changes) open.delete(key);
  };
}

/** Drops every draft that is not `principalId`'s (someone else signed in here). */
export function dropDraftsNotOf(principalId: string | null): void {
  const store = storage();
  if (!store) return;
  for (const key of keys(store)) if (readDraft(store, key)?.principalId !== principalId) store.removeItem(key);
}

/**
 * Lets a form's unsaved changes survive the end of the session: registers it while it is open, and when it
 * opens with a draft of the signed-in principal under `key`, puts the draft's values in (the form stays
 * dirty against what the server has) and calls `onRestored`.
 */
export function useKeepDraft<V extends object>(form: UseFormReturnType<V>, key: string, principalId: string, onRestored: () => void): void {
  const latest = useRef({ form, onRestored });
  latest.current = { form, onRestored };
  useEffect(() => {
    const draft = takeDraft(key, principalId);
    if (draft && typeof draft === "object") {
      latest.current.form.setValues(draft as Partial<V>);
      latest.current.onRestored();
    }
    return offerDraft(key, () => (latest.current.form.isDirty() ? latest.current.form.getValues() : null));
  }, [key, principalId]);
}
