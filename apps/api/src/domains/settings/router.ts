// settings: the tenant's own settings.
import { SettingsOutput, UpdateSettingsInput } from "@tenancy/contracts";
import { z } from "zod";
import { router } from "../../trpc/init.js";
import { tenantProcedure } from "../../trpc/procedures.js";
import * as settings from "./service.js";

export const settingsRouter = router({
  get: tenantProcedure.meta({ permission: "settings.manage" }).input(z.void()).output(SettingsOutput).query(({ ctx }) => settings.get(ctx.scope)),
  update: tenantProcedure.meta({ permission: "settings.manage" }).input(UpdateSettingsInput).output(SettingsOutput).mutation(({ ctx, input }) => settings.update(ctx.scope, input)),
});
