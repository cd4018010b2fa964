// The named procedure builders every router uses. The input guard runs before authentication, so hostile
// input is refused the same way on public and signed-in procedures.
import type { SessionRecord } from "../domains/auth/sessions.js";
import type { Scope, TenantScope } from "../lib/scope.js";
import { t } from "./init.js";
import { auditGuard } from "./middlewares/audit-guard.js";
import { inputGuard } from "./middlewares/input-guard.js";
import { mapErrors } from "./middlewares/map-errors.js";
import { requireModule } from "./middlewares/module.js";
import { requirePlatformAdmin, requireTenantUser } from "./middlewares/roles.js";
import { requireSession } from "./middlewares/session.js";

export const publicProcedure = t.procedure.use(mapErrors).use(inputGuard).use(auditGuard);
export const authedProcedure = publicProcedure.use(requireSession);
export const platformProcedure = authedProcedure.use(requirePlatformAdmin);
export const tenantProcedure = authedProcedure.use(requireTenantUser).use(requireModule);

export type { Scope, TenantScope, SessionRecord };
