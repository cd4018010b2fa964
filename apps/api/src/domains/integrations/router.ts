// integrations: the Integrations module (partners, API keys, webhooks) is built in a later issue. Its one
// procedure so far tells a caller the module is open to the workspace: it carries `meta.module`, so the
// module gate and its walk test have a real procedure to close. Each call counts one of the module's
// `api_calls` (service.ts).
import { z } from "zod";
import { router } from "../../trpc/init.js";
import { tenantProcedure } from "../../trpc/procedures.js";
import * as integrations from "./service.js";

export const integrationsRouter = router({
  ping: tenantProcedure
    .meta({ permission: "integrations.manage", module: "integrations" })
    .input(z.void())
    .output(z.object({ module: z.literal("integrations"), open: z.literal(true) }))
    .query(({ ctx }) => integrations.ping(ctx.scope)),
});
