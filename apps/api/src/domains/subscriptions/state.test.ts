import { describe, expect, it } from "vitest";
import { AppError } from "../../lib/app-error.js";
import { nextStatus, SUBSCRIPTION_EVENTS, SUBSCRIPTION_STATUSES, transition, type From, type SubscriptionEvent, type SubscriptionStatus } from "./state.js";

/** The lifecycle, written out independently of state.ts: every allowed (from, event) -> to. */
const EXPECTED: Array<[From, SubscriptionEvent, SubscriptionStatus]> = [
  ["none", "start_trial", "trialing"],
  ["none", "subscribe", "active"],
  ["canceled", "subscribe", "active"],
  ["expired", "subscribe", "active"],
  ["trialing", "set_continue_after_trial", "trialing"],
  ["trialing", "convert_trial", "active"],
  ["trialing", "expire_trial", "expired"],
  ["active", "renew", "active"],
  ["past_due", "renew", "past_due"],
  ["active", "end_at_period_end", "canceled"],
  ["past_due", "end_at_period_end", "canceled"],
  ["trialing", "change_plan", "trialing"],
  ["active", "change_plan", "active"],
  ["active", "schedule_cancel", "active"],
  ["past_due", "schedule_cancel", "past_due"],
  ["active", "resume", "active"],
  ["past_due", "resume", "past_due"],
  ["trialing", "activate", "trialing"],
  ["active", "activate", "active"],
  ["past_due", "activate", "past_due"],
  ["trialing", "deactivate", "trialing"],
  ["active", "deactivate", "active"],
  ["past_due", "deactivate", "past_due"],
  ["active", "payment_overdue", "past_due"],
  ["past_due", "payment_received", "active"],
  ["past_due", "dunning_cancel", "canceled"],
];

const FROM: From[] = ["none", ...SUBSCRIPTION_STATUSES];
const allowed = new Map(EXPECTED.map(([from, event, to]) => [`${from} ${event}`, to]));
const pairs = SUBSCRIPTION_EVENTS.flatMap((event) => FROM.map((from) => [from, event] as const));

describe("subscription transitions", () => {
  it.each(pairs.filter(([from, event]) => allowed.has(`${from} ${event}`)))("%s --%s--> allowed", (from, event) => {
    expect(transition(from, event)).toBe(allowed.get(`${from} ${event}`));
  });

  it.each(pairs.filter(([from, event]) => !allowed.has(`${from} ${event}`)))("%s --%s--> refused with INVALID_STATE", (from, event) => {
    expect(nextStatus(from, event)).toBeNull();
    let error: unknown;
    try {
      transition(from, event);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "INVALID_STATE", details: { status: from, event } });
    expect((error as Error).message).toMatch(/^You cannot .+: .+\.$/);
  });

  it("the expected list covers every event, and terminal states leave only by subscribing again", () => {
    expect(new Set(EXPECTED.map(([, event]) => event))).toEqual(new Set(SUBSCRIPTION_EVENTS));
    for (const from of ["canceled", "expired"] as const) {
      expect(SUBSCRIPTION_EVENTS.filter((event) => nextStatus(from, event) !== null)).toEqual(["subscribe"]);
    }
  });
});

describe("docs/billing.md", () => {
  it("draws exactly the transition table", async () => {
    const { readFile } = await import("node:fs/promises");
    const doc = await readFile(new URL("../../../../../docs/billing.md", import.meta.url), "utf8");
    const diagram = /```mermaid\n(stateDiagram-v2[\s\S]*?)```/.exec(doc)?.[1] ?? "";
    const drawn = [...diagram.matchAll(/^\s*(\S+) --> (\S+) : (\w+)$/gm)].map(([, from, to, event]) => `${from === "[*]" ? "none" : from} ${event} ${to}`);
    expect(drawn.sort()).toEqual(EXPECTED.map(([from, event, to]) => `${from} ${event} ${to}`).sort());
  });
});
