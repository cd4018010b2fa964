// The typed tRPC hooks for the whole app. Feature code imports `trpc` from here, never @trpc/* directly.
import type { AppRouter } from "@tenancy/api";
import { createTRPCReact } from "@trpc/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

export const trpc = createTRPCReact<AppRouter>();
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
