import { describe, expect, it } from "vitest";
import { gateDecision, openModuleKeys } from "./module-gate.js";
import { tenantNav } from "./navigation.js";

const access = (open: boolean, reason: "not_subscribed" | "canceled" | "trial_expired" | "deactivated" | null = open ? null : "not_subscribed") => ({
  items: [{ moduleKey: "integrations", open, reason }],
});
const admin = ["billing.read", "integrations.manage"];

describe("module gating in the app", () => {
  it("shows a module's navigation entry only while the module is open (and never before it is known)", () => {
    const paths = (modules: ReturnType<typeof openModuleKeys>) => tenantNav(admin, modules).map((entry) => entry.path);
    expect(paths(openModuleKeys(access(true)))).toContain("/t/integrations");
    expect(paths(openModuleKeys(access(false, "deactivated")))).not.toContain("/t/integrations");
    expect(paths(openModuleKeys(undefined))).not.toContain("/t/integrations");
    // The permission still applies to an open module.
    expect(tenantNav(["billing.read"], openModuleKeys(access(true))).map((entry) => entry.path)).not.toContain("/t/integrations");
  });

  it("opens the page while the module is open, waits while unknown", () => {
    expect(gateDecision(access(true), "integrations", admin)).toEqual({ state: "open" });
    expect(gateDecision(undefined, "integrations", admin)).toEqual({ state: "loading" });
  });

  it("says why a module is closed and sends those who can act to the right page", () => {
    expect(gateDecision(access(false, "not_subscribed"), "integrations", admin)).toEqual({
      state: "closed",
      reason: "not_subscribed",
      link: { to: "/t/marketplace", label: "moduleGate.toMarketplace" },
    });
    expect(gateDecision(access(false, "trial_expired"), "integrations", admin)).toMatchObject({ reason: "trial_expired", link: { to: "/t/marketplace" } });
    expect(gateDecision(access(false, "canceled"), "integrations", admin)).toMatchObject({ reason: "canceled", link: { to: "/t/marketplace" } });
    expect(gateDecision(access(false, "deactivated"), "integrations", admin)).toMatchObject({ reason: "deactivated", link: { to: "/t/subscriptions" } });
    // A user who cannot see billing is told to ask an administrator instead.
    expect(gateDecision(access(false, "deactivated"), "integrations", ["integrations.manage"])).toEqual({ state: "closed", reason: "deactivated", link: null });
    // A module the answer does not list is not subscribed.
    expect(gateDecision({ items: [] }, "integrations", admin)).toMatchObject({ state: "closed", reason: "not_subscribed" });
  });
});
