// Calls tRPC procedures over real HTTP the way the admin app does (superjson bodies, the session cookie,
// an Origin header for the CSRF check), for setting up fixtures against a running server.
import superjson from "superjson";

export interface HttpCaller {
  cookie: string | undefined;
  mutate<T>(path: string, input: unknown): Promise<T>;
  query<T>(path: string, input: unknown): Promise<T>;
}

export function queryPath(path: string, input: unknown): string {
  return `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
}

export function httpCaller(origin: string, cookieName: string): HttpCaller {
  const caller: HttpCaller = {
    cookie: undefined,
    mutate: (path, input) =>
      call(`${origin}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(superjson.serialize(input)) }),
    query: (path, input) => call(`${origin}${queryPath(path, input)}`, { method: "GET" }),
  };
  async function call<T>(url: string, init: RequestInit): Promise<T> {
    const headers = new Headers(init.headers);
    headers.set("origin", origin);
    if (caller.cookie) headers.set("cookie", `${cookieName}=${caller.cookie}`);
    const res = await fetch(url, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      if (pair?.startsWith(`${cookieName}=`)) caller.cookie = pair.slice(cookieName.length + 1) || undefined;
    }
    const body = (await res.json()) as { result?: { data: Parameters<typeof superjson.deserialize>[0] }; error?: unknown };
    if (!res.ok || !body.result) throw new Error(`${init.method} ${url} answered ${res.status}: ${JSON.stringify(body.error ?? body)}`);
    return superjson.deserialize<T>(body.result.data);
  }
  return caller;
}
