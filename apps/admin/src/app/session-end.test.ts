import type { Me } from "@tenancy/contracts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hasDraft, offerDraft, takeDraft } from "./drafts.js";
import { currentSessionEnd, forgetSessionEnd, noteSessionEnd, refineReason, sessionEndReasonOf, sessionGoesOn } from "./session-end.js";
import { memoryStorage } from "./test-storage.js";

const failure = (code: string, details?: Record<string, unknown>) => ({ message: "m", data: { code, httpStatus: 401, details } });

const me: Me = {
  kind: "user",
  id: "0190a000-0000-7000-8000-000000000001",
  email: "claire@atelier.example",
  name: "Claire",
  mustChangePassword: false,
  language: "fr",
  permissions: ["users.read"],
  tenant: { id: "t", slug: "atelier", name: "Atelier", timeZone: "Europe/Paris", currency: "EUR", language: "fr", dateFormat: "dd/MM/yyyy", numberFormat: "1 234,56" },
  sessionExpiresAt: new Date("2030-01-01T00:00:00Z"),
};

describe("why a session ended", () => {
  it("is read from the server's code, and from its reason for a bare UNAUTHENTICATED", () => {
    expect(sessionEndReasonOf(failure("SESSION_EXPIRED", { reason: "expired" }))).toBe("expired");
    expect(sessionEndReasonOf(failure("ACCOUNT_DEACTIVATED"))).toBe("deactivated");
    expect(sessionEndReasonOf(failure("TENANT_SUSPENDED"))).toBe("suspended");
    expect(sessionEndReasonOf(failure("UNAUTHENTICATED", { reason: "password_reset" }))).toBe("password_reset");
    expect(sessionEndReasonOf(failure("UNAUTHENTICATED", { reason: "signed_out" }))).toBe("signed_out");
    expect(sessionEndReasonOf(failure("UNAUTHENTICATED", { reason: "made up" }))).toBe("ended");
    expect(sessionEndReasonOf(failure("UNAUTHENTICATED"))).toBe("ended");
  });

  it("is no end at all for other failures, a required password change included", () => {
    expect(sessionEndReasonOf(failure("PASSWORD_CHANGE_REQUIRED"))).toBeNull();
    expect(sessionEndReasonOf(failure("FORBIDDEN"))).toBeNull();
    expect(sessionEndReasonOf(new Error("network"))).toBeNull();
  });

  it("is an expiry when nothing more is known and the session's end has passed", () => {
    const now = new Date("2030-01-02T00:00:00Z");
    expect(refineReason("ended", me, now)).toBe("expired");
    expect(refineReason(null, me, new Date("2029-12-31T00:00:00Z"))).toBe("ended");
    expect(refineReason("deactivated", me, now)).toBe("deactivated");
  });
});

describe("noting the end of a session", () => {
  beforeEach(() => {
    Object.defineProperty(globalThis, "sessionStorage", { value: memoryStorage(), configurable: true });
    forgetSessionEnd();
  });
  afterEach(() => {
    forgetSessionEnd();
    Reflect.deleteProperty(globalThis, "sessionStorage");
  });

  it("keeps the reason in the user's language, with who they were, and the open forms' changes as their drafts", () => {
    const stopProfile = offerDraft("profile", () => ({ name: "Claire M." }));
    const stopSettings = offerDraft("settings.general", () => null);
    sessionGoesOn(me, Date.now());
    noteSessionEnd("password_reset");
    expect(currentSessionEnd()).toEqual({ reason: "password_reset", language: "fr", principalId: me.id, email: me.email, workspace: "atelier" });
    expect(hasDraft(me.id)).toBe(true);
    expect(hasDraft(me.id, "settings.general")).toBe(false);
    expect(takeDraft("profile", "someone else")).toBeNull();
    expect(hasDraft(me.id, "profile")).toBe(false);
    stopProfile();
    stopSettings();
  });

  it("gives the drafts back to the same principal only, once", () => {
    const stop = offerDraft("profile", () => ({ name: "Claire M." }));
    sessionGoesOn(me, Date.now());
    noteSessionEnd(null);
    stop();
    expect(takeDraft("profile", me.id)).toEqual({ name: "Claire M." });
    expect(takeDraft("profile", me.id)).toBeNull();
  });

  it("is forgotten once auth.me answers again after it, not when the page merely renders again", () => {
    sessionGoesOn(me, Date.now());
    noteSessionEnd("deactivated");
    sessionGoesOn(me, Date.now() - 1000);
    expect(currentSessionEnd()?.reason).toBe("deactivated");
    sessionGoesOn(me, Date.now() + 1000);
    expect(currentSessionEnd()).toBeNull();
  });

  it("notes nothing when nobody was shown signed in, or after a sign-out done here", () => {
    noteSessionEnd("expired");
    expect(currentSessionEnd()).toBeNull();
    sessionGoesOn(me, Date.now());
    forgetSessionEnd();
    noteSessionEnd("expired");
    expect(currentSessionEnd()).toBeNull();
  });
});
