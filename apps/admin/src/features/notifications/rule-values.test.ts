import { CreateRuleInput, UpdateRuleInput, type RuleOutput } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../app/i18n/translate.js";
import { issuesToErrors, zodResolver } from "../../app/zod-form.js";
import { commonFieldKind, commonFields, eventTypesByModule, fieldKind, insertPlaceholder, operatorsFor, toFormValues, toRuleInput, type RuleFormValues } from "./rule-values.js";

const ROLE = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

const sound = (): RuleFormValues => ({
  ...toFormValues(null),
  name: "Usage alerts",
  eventTypes: ["usage.threshold_reached"],
  conditions: [{ field: "percent", op: "eq", value: "100", list: [] }],
  recipientRoleIds: [ROLE],
  templates: { en: { title: "{metric} at {percent}%", body: "" }, fr: { title: "", body: "" } },
});

describe("the rule editor", () => {
  it("offers only the payload fields every chosen event type has", () => {
    expect(commonFields(["user.deactivated"])).toEqual(["email", "userId"]);
    expect(commonFields(["user.deactivated", "user.updated"])).toEqual(["email", "userId"]);
    expect(commonFields(["user.deactivated", "role.created"])).toEqual([]);
    expect(commonFields([])).toEqual([]);
  });

  it("types a condition by its field: numbers, choices of literals, yes/no, lists", () => {
    expect(fieldKind("usage.threshold_reached", "limit")).toEqual({ kind: "number" });
    expect(fieldKind("usage.threshold_reached", "percent")).toEqual({ kind: "number", options: ["80", "100"] });
    expect(fieldKind("subscription.trial_started", "continueAfterTrial")).toEqual({ kind: "boolean" });
    expect(fieldKind("user.updated", "fields")).toEqual({ kind: "list" });
    expect(fieldKind("user.updated", "nope")).toBeNull();
    expect(operatorsFor({ kind: "boolean" })).toEqual(["eq", "neq", "exists"]);
    expect(operatorsFor({ kind: "string" })).not.toContain("gt");
    expect(commonFieldKind(["usage.threshold_reached"], "value")).toEqual({ kind: "number" });
  });

  it("sends condition values typed by their field, `in` as a list, `exists` without one", () => {
    const input = toRuleInput({
      ...sound(),
      conditions: [
        { field: "percent", op: "eq", value: "100", list: [] },
        { field: "percent", op: "in", value: "", list: ["80", "100"] },
        { field: "metric", op: "exists", value: "x", list: [] },
        { field: "metric", op: "eq", value: "  ", list: [] },
      ],
      expiresAfterDays: "7",
    });
    expect(input.conditions).toEqual([
      { field: "percent", op: "eq", value: 100 },
      { field: "percent", op: "in", value: [80, 100] },
      { field: "metric", op: "exists" },
      { field: "metric", op: "eq", value: undefined },
    ]);
    expect(input.expiresAfterDays).toBe(7);
    // French left blank: the reader gets the English template.
    expect(input.templates).toEqual({ en: { title: "{metric} at {percent}%", body: "" } });
  });

  it("refuses what the server refuses, with the same messages, on the field at fault", () => {
    const resolve = zodResolver(CreateRuleInput, toRuleInput);
    expect(resolve(sound())).toEqual({});
    const bad = resolve({
      ...sound(),
      recipientRoleIds: [],
      conditions: [{ field: "percent", op: "gt", value: "", list: [] }],
      templates: { en: { title: "At {percentage}%", body: "" }, fr: { title: "", body: "" } },
    });
    expect(bad["templates.en.title"]).toBe('The placeholder {percentage} is not a field of the payload of usage.threshold_reached.');
    expect(bad["conditions.0.value"]).toBe('The condition "gt" needs a value.');
    expect(bad.recipientRoleIds).toBe("Choose at least one role or user to notify.");
    // The same in French.
    const fr = issuesToErrors(CreateRuleInput.safeParse(toRuleInput({ ...sound(), templates: { en: { title: "{nope}", body: "" }, fr: { title: "", body: "" } } })).error!.issues, createTranslator("fr"));
    expect(fr["templates.en.title"]).toBe("Le champ {nope} n’existe pas dans les données de usage.threshold_reached.");
  });

  it("reads a saved rule back into the form unchanged", () => {
    const input = toRuleInput(sound());
    const rule: RuleOutput = { ...input, id: "r", key: null, lockVersion: 3, createdAt: new Date(), updatedAt: new Date() };
    expect(toRuleInput(toFormValues(rule))).toEqual(input);
    expect(UpdateRuleInput.safeParse({ ...toRuleInput(toFormValues(rule)), ruleId: ROLE, lockVersion: 3 }).success).toBe(true);
  });

  it("groups the event catalog by module and puts a placeholder at the caret", () => {
    const groups = new Map(eventTypesByModule());
    expect(groups.get("core")).toContain("user.deactivated");
    expect(groups.get("billing")).toContain("invoice.overdue");
    expect(insertPlaceholder("Hello !", "email", 6, 6)).toEqual({ text: "Hello {email}!", caret: 13 });
    expect(insertPlaceholder("Hi", "email", null, null)).toEqual({ text: "Hi{email}", caret: 9 });
  });
});
