// The named procedure builders every router uses.
import type { SessionRecord } from "../domains/auth/sessions.js";
import type { Scope, TenantScope } from "../lib/scope.js";
import { t } from "./init.js";
import { auditGuard } from "./middlewares/audit-guard.js";
import { mapErrors } from "./middlewares/map-errors.js";
import { rejectNul } from "./middlewares/reject-nul.js";
import { requirePlatformAdmin, requireTenantUser } from "./middlewares/roles.js";
import { requireSession } from "./middlewares/session.js";

export const publicProcedure = t.procedure.use(mapErrors).use(rejectNul).use(auditGuard);
export const authedProcedure = publicProcedure.use(requireSession);
export const platformProcedure = authedProcedure.use(requirePlatformAdmin);
export const tenantProcedure = authedProcedure.use(requireTenantUser);

export type { Scope, TenantScope, SessionRecord };
