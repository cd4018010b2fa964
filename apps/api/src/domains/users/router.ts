// users: the tenant's users.
import {
  CreateUserInput, CreateUserOutput, ListUsersInput, ResetUserPasswordInput, ResetUserPasswordOutput, UpdateProfileInput,
  UpdateUserInput, UserIdInput, UserListOutput, UserOutput,
} from "@tenancy/contracts";
import { router } from "../../trpc/init.js";
import { tenantProcedure } from "../../trpc/procedures.js";
import * as users from "./service.js";

const read = tenantProcedure.meta({ permission: "users.read" });
const manage = tenantProcedure.meta({ permission: "users.manage" });

export const usersRouter = router({
  list: read.input(ListUsersInput).output(UserListOutput).query(({ ctx, input }) => users.list(ctx.scope, input)),
  get: read.input(UserIdInput).output(UserOutput).query(({ ctx, input }) => users.get(ctx.scope, input.userId)),
  create: manage.input(CreateUserInput).output(CreateUserOutput).mutation(({ ctx, input }) => users.create(ctx.scope, input)),
  update: manage.input(UpdateUserInput).output(UserOutput).mutation(({ ctx, input }) => users.update(ctx.scope, input)),
  deactivate: manage.input(UserIdInput).output(UserOutput).mutation(({ ctx, input }) => users.setActive(ctx.scope, input.userId, false)),
  reactivate: manage.input(UserIdInput).output(UserOutput).mutation(({ ctx, input }) => users.setActive(ctx.scope, input.userId, true)),
  resetPassword: manage.input(ResetUserPasswordInput).output(ResetUserPasswordOutput).mutation(({ ctx, input }) => users.resetPassword(ctx.scope, input)),
  /** The caller's own name and language; needs no permission. */
  updateProfile: tenantProcedure.input(UpdateProfileInput).output(UserOutput).mutation(({ ctx, input }) => users.updateProfile(ctx.scope, input)),
});
