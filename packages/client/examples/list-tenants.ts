// Example: log in as a platform admin and list tenants.
//   TENANCY_URL=http://localhost:3000 TENANCY_EMAIL=... TENANCY_PASSWORD=... pnpm --filter @tenancy/client example
import { createClient, TRPCClientError } from "../src/index.js";

const url = process.env.TENANCY_URL ?? "http://localhost:3000";
const email = process.env.TENANCY_EMAIL;
const password = process.env.TENANCY_PASSWORD;
if (!email || !password) {
  console.error("Set TENANCY_EMAIL and TENANCY_PASSWORD (a platform admin's credentials).");
  process.exit(1);
}

const client = createClient({ url });
try {
  const { me } = await client.auth.login.mutate({ email, password });
  console.log(`Logged in as ${me.name} <${me.email}>`);
  const { items, total } = await client.platform.tenants.list.query({ limit: 10 });
  console.log(`${total} tenant(s):`);
  for (const tenant of items) console.log(`  ${tenant.slug.padEnd(24)} ${tenant.name} (${tenant.status}, ${tenant.timeZone}, ${tenant.currency})`);
  await client.auth.logout.mutate();
} catch (error) {
  if (error instanceof TRPCClientError) {
    console.error(`The server said: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
