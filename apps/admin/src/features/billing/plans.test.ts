import { describe, expect, it } from "vitest";
import { nextStatus, SUBSCRIPTION_STATUSES } from "../../../../api/src/domains/subscriptions/state.js";
import { canChangePlan } from "./plans.js";

describe("canChangePlan", () => {
  it("offers a plan or interval change exactly where the API's state table allows it", () => {
    for (const status of SUBSCRIPTION_STATUSES) expect([status, canChangePlan(status)]).toEqual([status, nextStatus(status, "change_plan") !== null]);
    expect(canChangePlan("past_due")).toBe(false);
  });
});
