// users: the tenant's users.
import { ListUsersInput, UserIdInput, UserListOutput, UserOutput } from "@tenancy/contracts";
import { router } from "../../trpc/init.js";
import { tenantProcedure } from "../../trpc/procedures.js";
import * as users from "./service.js";

export const usersRouter = router({
  list: tenantProcedure.meta({ permission: "users.read" }).input(ListUsersInput).output(UserListOutput).query(({ ctx, input }) => users.list(ctx.scope, input)),
  get: tenantProcedure.meta({ permission: "users.read" }).input(UserIdInput).output(UserOutput).query(({ ctx, input }) => users.get(ctx.scope, input.userId)),
});
