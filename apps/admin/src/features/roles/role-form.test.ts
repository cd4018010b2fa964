import { CreateRoleInput } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import { zodResolver } from "../../app/zod-form.js";
import { groupByModule, toCreateRoleInput, toUpdateRoleInput } from "./role-form.js";

describe("the role form", () => {
  it("groups the permission catalog by module, keeping the catalog's order", () => {
    const catalog = [
      { name: "users.read", module: "core", description: "" },
      { name: "subscriptions.manage", module: "billing", description: "" },
      { name: "audit.read", module: "core", description: "" },
    ];
    expect(groupByModule(catalog).map(([module, permissions]) => [module, permissions.map((p) => p.name)])).toEqual([
      ["core", ["users.read", "audit.read"]],
      ["billing", ["subscriptions.manage"]],
    ]);
  });

  it("is checked by the contracts' role schema", () => {
    const values = { name: "Support", description: "", permissions: ["users.read"] };
    expect(zodResolver(CreateRoleInput, toCreateRoleInput)(values)).toEqual({});
    expect(zodResolver(CreateRoleInput, toCreateRoleInput)({ ...values, name: " " }).name).toMatch(/Enter a role name/);
    expect(toUpdateRoleInput("r1")(values)).toEqual({ roleId: "r1", name: "Support", description: "", permissions: ["users.read"] });
  });
});
