// The typed client against a real server on a loopback port, and the example script end to end.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@tenancy/api/testing";
import { createClient, TRPCClientError } from "./index.js";

const EMAIL = "client-ops@example.com";
const PASSWORD = "client example passphrase";
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ PLATFORM_ADMIN_EMAIL: EMAIL, PLATFORM_ADMIN_PASSWORD: PASSWORD });
});
afterAll(async () => server?.close());

describe("createClient", () => {
  it("logs in, keeps the session cookie, calls typed procedures and logs out", async () => {
    const client = createClient({ url: server.url });
    expect(await client.auth.me.query()).toBeNull();
    const { me } = await client.auth.login.mutate({ email: EMAIL, password: PASSWORD });
    expect(me.kind).toBe("platform_admin");
    const created = await client.platform.tenants.create.mutate({
      name: "Client Co", slug: "client-co", contactEmail: "c@client.example", country: "DE",
      timeZone: "Europe/Berlin", currency: "EUR", language: "en",
      admin: { email: "admin@client.example", name: "Ada" },
    });
    expect(created.tenant.createdAt).toBeInstanceOf(Date);
    const list = await client.platform.tenants.list.query({ search: "client" });
    expect(list.items.map((t) => t.slug)).toEqual(["client-co"]);
    await client.auth.logout.mutate();
    expect(await client.auth.me.query()).toBeNull();
  });

  it("surfaces the server's error code and message", async () => {
    const client = createClient({ url: server.url });
    const error = await client.auth.login.mutate({ email: EMAIL, password: "wrong password!!" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({ code: "INVALID_CREDENTIALS", httpStatus: 401 });
  });

  it("runs the example script", async () => {
    const example = fileURLToPath(new URL("../examples/list-tenants.ts", import.meta.url));
    const { stdout } = await promisify(execFile)("node", ["--import", "tsx", example], {
      env: { ...process.env, TENANCY_URL: server.url, TENANCY_EMAIL: EMAIL, TENANCY_PASSWORD: PASSWORD },
    });
    expect(stdout).toMatch(/Logged in as/);
    expect(stdout).toMatch(/tenant\(s\):/);
  });
});
