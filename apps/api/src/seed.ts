// `pnpm db:seed`: sample data for development (tenants with admins and users, and the events and audit
// entries their creation writes), through the same services the API uses. Refuses to run in production.
// Safe to run twice: existing sample tenants are left as they are.
import { CreateModuleInput, CreatePlanInput, CreateTenantInput, PERMISSION_NAMES } from "@tenancy/contracts";
import { nameSortKey, openDatabase, uuidv7 } from "@tenancy/db";
import { pino } from "pino";
import { ensureFirstPlatformAdmin } from "./bootstrap.js";
import * as catalog from "./domains/modules/platform-service.js";
import { SAMPLE_CATALOG } from "./domains/modules/sample-catalog.js";
import * as tenants from "./domains/platform/tenants-service.js";
import { logOnlyGateway } from "./domains/billing/gateway.js";
import * as subscriptions from "./domains/subscriptions/service.js";
import { runBilling } from "./jobs/billing.js";
import { loadEnv } from "./env.js";
import { systemClock } from "./lib/clock.js";
import { createEmailSender } from "./lib/email.js";
import { hashPassword } from "./lib/passwords.js";
import { record } from "./lib/record.js";
import { SYSTEM_ACTOR, systemScope, tenantScope } from "./lib/scope.js";

export const SAMPLE_PASSWORD = "sample data password";

const SAMPLES = [
  { slug: "acme", name: "Acme Corporation", country: "US", timeZone: "America/New_York", currency: "USD", language: "en" },
  { slug: "boulangerie-dupont", name: "Boulangerie Dupont", country: "FR", timeZone: "Europe/Paris", currency: "EUR", language: "fr" },
  { slug: "kiwi-tours", name: "Kiwi Tours", country: "NZ", timeZone: "Pacific/Auckland", currency: "NZD", language: "en" },
];

const env = loadEnv();
if (env.NODE_ENV === "production") {
  console.error("db:seed refuses to run with NODE_ENV=production: it adds sample tenants and known passwords.");
  process.exit(1);
}
const log = pino({ level: "warn" });
const db = env.DATABASE_URL
  ? await openDatabase({ kind: "postgres", url: env.DATABASE_URL })
  : await openDatabase({ kind: "pglite", dataDir: env.DATA_DIR }, { runMigrations: true });
const services = { prisma: db.prisma, query: db.query, clock: systemClock, email: createEmailSender("none", log), log, env };
const first = await ensureFirstPlatformAdmin(services);
if (first?.generatedPassword) console.log(`Platform admin: ${first.email} / ${first.generatedPassword} (change it at first login)`);
const scope = systemScope(services);
const passwordHash = await hashPassword(SAMPLE_PASSWORD);

for (const sample of SAMPLES) {
  if (await db.prisma.tenant.findUnique({ where: { slug: sample.slug } })) {
    console.log(`  ${sample.slug}: already there`);
    continue;
  }
  const { tenant } = await tenants.create(scope, CreateTenantInput.parse({
    ...sample,
    contactEmail: `hello@${sample.slug}.example`,
    admin: { email: `admin@${sample.slug}.example`, name: "Sample Admin", password: SAMPLE_PASSWORD },
  }));
  for (const [i, name] of ["Alex Martin", "Sam Lee", "Robin Garcia", "Charlie Kim"].entries()) {
    const email = `user${i + 1}@${sample.slug}.example`;
    await db.prisma.$transaction(async (tx) => {
      const id = uuidv7();
      await tx.user.create({ data: { id, tenantId: tenant.id, email, name, nameSortKey: nameSortKey(name), passwordHash, mustChangePassword: false, status: i === 3 ? "deactivated" : "active" } });
      await record(tx, scope, { type: "user.created", tenantId: tenant.id, target: { type: "user", id, name: email }, payload: { userId: id, email, roleIds: [] } });
    });
  }
  console.log(`  ${sample.slug}: created (admin@${sample.slug}.example, workspace "${sample.slug}")`);
}
for (const { module, plans, publish } of SAMPLE_CATALOG) {
  if (await db.prisma.module.findUnique({ where: { key: module.key } })) {
    console.log(`  module ${module.key}: already there`);
    continue;
  }
  await catalog.create(scope, CreateModuleInput.parse(module));
  for (const plan of plans) await catalog.createPlan(scope, CreatePlanInput.parse({ ...plan, moduleKey: module.key }));
  if (publish) await catalog.publish(scope, module.key);
  console.log(`  module ${module.key}: created with ${plans.length} plans${publish ? ", published" : " (draft)"}`);
}
// Sample subscriptions (a trial that continues, paid ones), and their first invoices from the billing job.
const SAMPLE_SUBSCRIPTIONS: Record<string, Array<{ module: string; plan: string; interval: "monthly" | "annual"; trial?: boolean }>> = {
  acme: [
    { module: "integrations", plan: "starter", interval: "monthly", trial: true },
    { module: "crm", plan: "team", interval: "annual" },
  ],
  "boulangerie-dupont": [{ module: "helpdesk", plan: "basic", interval: "monthly" }],
  "kiwi-tours": [{ module: "crm", plan: "team", interval: "monthly" }],
};
for (const [slug, wanted] of Object.entries(SAMPLE_SUBSCRIPTIONS)) {
  const tenant = await db.prisma.tenant.findUniqueOrThrow({ where: { slug }, select: { id: true, timeZone: true } });
  const as = tenantScope(services, { tenantId: tenant.id, timeZone: tenant.timeZone, actor: SYSTEM_ACTOR, permissions: PERMISSION_NAMES }, scope.request);
  for (const { module, plan, interval, trial } of wanted) {
    if (await db.prisma.subscription.findFirst({ where: { tenantId: tenant.id, moduleKey: module } })) continue;
    const { id: planId } = await db.prisma.plan.findFirstOrThrow({ where: { moduleKey: module, code: plan, interval }, orderBy: { version: "desc" } });
    if (trial) await subscriptions.startTrial(as, { planId, continueAfterTrial: true });
    else await subscriptions.subscribe(as, { planId });
    console.log(`  ${slug}: ${trial ? "trial of" : "subscribed to"} ${module} (${plan}, ${interval})`);
  }
}
const { issued } = await runBilling(services, { gateway: logOnlyGateway(log) });
if (issued.length > 0) console.log(`  billing: ${issued.length} invoice(s) issued`);
console.log(`\nSample users' password: "${SAMPLE_PASSWORD}" (tenant admins must change it at first login).`);
await db.close();
