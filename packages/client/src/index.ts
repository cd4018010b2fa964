// The typed client for developers: every procedure of the API with its input and output types, over HTTP.
// In Node it keeps the session cookie it receives (log in once, then call), and sends the Origin header
// the server's CSRF check expects. With an API key it authenticates with `Authorization: Bearer <key>`.
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@tenancy/api";
import superjson from "superjson";

export interface ClientOptions {
  /** The server's base URL, e.g. http://localhost:3000 */
  url: string;
  /** A partner API key (sent as a Bearer token). */
  apiKey?: string;
  /** A session cookie to start with, e.g. "session=abc.def". Cookies the server sets are kept either way. */
  cookie?: string;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
}

export function createClient(options: ClientOptions) {
  const base = options.url.replace(/\/+$/, "");
  const origin = new URL(base).origin;
  const jar = new Map<string, string>();
  for (const pair of options.cookie?.split(/;\s*/) ?? []) {
    const [name, ...rest] = pair.split("=");
    if (name && rest.length) jar.set(name, rest.join("="));
  }
  const doFetch = options.fetch ?? fetch;

  const trackingFetch: typeof fetch = async (input, init) => {
    const response = await doFetch(input, init);
    for (const line of response.headers.getSetCookie?.() ?? []) {
      const [pair = "", ...attributes] = line.split(/;\s*/);
      const [name, ...rest] = pair.split("=");
      if (!name) continue;
      const expired = attributes.some((a) => /^expires=/i.test(a) && new Date(a.slice(8)).getTime() <= Date.now()) || rest.join("=") === "";
      if (expired) jar.delete(name);
      else jar.set(name, rest.join("="));
    }
    return response;
  };

  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${base}/trpc`,
        transformer: superjson,
        fetch: trackingFetch,
        headers() {
          const headers: Record<string, string> = { origin };
          if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
          if (jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
          return headers;
        },
      }),
    ],
  });
}

export type Client = ReturnType<typeof createClient>;
export { TRPCClientError };
export type { AppRouter };
