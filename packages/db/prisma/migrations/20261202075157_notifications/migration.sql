-- CreateEnum
CREATE TYPE "NotificationSeverity" AS ENUM ('info', 'warning', 'critical');

-- AlterTable
ALTER TABLE "subscriptions" ADD COLUMN     "trialEndingNotifiedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "notification_rules" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "key" TEXT,
    "name" TEXT NOT NULL,
    "eventTypes" TEXT[],
    "conditions" JSONB NOT NULL DEFAULT '[]',
    "recipientRoleIds" UUID[],
    "recipientUserIds" UUID[],
    "severity" "NotificationSeverity" NOT NULL DEFAULT 'info',
    "templates" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "expiresAfterDays" INTEGER,
    "lockVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_threads" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "threadKey" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "texts" JSONB NOT NULL,
    "eventType" TEXT NOT NULL,
    "link" TEXT,
    "permission" TEXT,
    "severity" "NotificationSeverity" NOT NULL,
    "module" TEXT NOT NULL,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,
    "readAt" TIMESTAMPTZ(3),
    "archivedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_threads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "threadId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "texts" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_mutes" (
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_mutes_pkey" PRIMARY KEY ("userId","ruleId")
);

-- CreateTable
CREATE TABLE "platform_notification_threads" (
    "id" UUID NOT NULL,
    "adminId" UUID NOT NULL,
    "ruleKey" TEXT NOT NULL,
    "threadKey" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "texts" JSONB NOT NULL,
    "eventType" TEXT NOT NULL,
    "link" TEXT,
    "severity" "NotificationSeverity" NOT NULL,
    "module" TEXT NOT NULL,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,
    "readAt" TIMESTAMPTZ(3),
    "archivedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_notification_threads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_notifications" (
    "id" UUID NOT NULL,
    "threadId" UUID NOT NULL,
    "adminId" UUID NOT NULL,
    "ruleKey" TEXT NOT NULL,
    "eventId" UUID NOT NULL,
    "texts" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "platform_notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_notification_mutes" (
    "adminId" UUID NOT NULL,
    "ruleKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_notification_mutes_pkey" PRIMARY KEY ("adminId","ruleKey")
);

-- CreateIndex
CREATE INDEX "notification_rules_tenantId_createdAt_idx" ON "notification_rules"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "notification_rules_tenantId_key_key" ON "notification_rules"("tenantId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "notification_rules_tenantId_id_key" ON "notification_rules"("tenantId", "id");

-- CreateIndex
CREATE INDEX "notification_threads_tenantId_userId_lastAt_id_idx" ON "notification_threads"("tenantId", "userId", "lastAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "notification_threads_tenantId_ruleId_idx" ON "notification_threads"("tenantId", "ruleId");

-- CreateIndex
CREATE UNIQUE INDEX "notification_threads_tenantId_userId_threadKey_key" ON "notification_threads"("tenantId", "userId", "threadKey");

-- CreateIndex
CREATE UNIQUE INDEX "notification_threads_tenantId_id_key" ON "notification_threads"("tenantId", "id");

-- CreateIndex
CREATE INDEX "notifications_tenantId_threadId_createdAt_id_idx" ON "notifications"("tenantId", "threadId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "notifications_tenantId_createdAt_idx" ON "notifications"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_ruleId_eventId_userId_key" ON "notifications"("ruleId", "eventId", "userId");

-- CreateIndex
CREATE INDEX "notification_mutes_tenantId_ruleId_idx" ON "notification_mutes"("tenantId", "ruleId");

-- CreateIndex
CREATE INDEX "platform_notification_threads_adminId_lastAt_id_idx" ON "platform_notification_threads"("adminId", "lastAt" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "platform_notification_threads_adminId_threadKey_key" ON "platform_notification_threads"("adminId", "threadKey");

-- CreateIndex
CREATE INDEX "platform_notifications_threadId_createdAt_id_idx" ON "platform_notifications"("threadId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "platform_notifications_createdAt_idx" ON "platform_notifications"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "platform_notifications_ruleKey_eventId_adminId_key" ON "platform_notifications"("ruleKey", "eventId", "adminId");

-- AddForeignKey
ALTER TABLE "notification_rules" ADD CONSTRAINT "notification_rules_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_threads" ADD CONSTRAINT "notification_threads_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_threads" ADD CONSTRAINT "notification_threads_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_threads" ADD CONSTRAINT "notification_threads_tenantId_ruleId_fkey" FOREIGN KEY ("tenantId", "ruleId") REFERENCES "notification_rules"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenantId_threadId_fkey" FOREIGN KEY ("tenantId", "threadId") REFERENCES "notification_threads"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_mutes" ADD CONSTRAINT "notification_mutes_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_mutes" ADD CONSTRAINT "notification_mutes_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_mutes" ADD CONSTRAINT "notification_mutes_tenantId_ruleId_fkey" FOREIGN KEY ("tenantId", "ruleId") REFERENCES "notification_rules"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_notification_threads" ADD CONSTRAINT "platform_notification_threads_adminId_fkey" FOREIGN KEY ("adminId") REFERENCES "platform_admins"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_notifications" ADD CONSTRAINT "platform_notifications_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "platform_notification_threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_notifications" ADD CONSTRAINT "platform_notifications_adminId_fkey" FOREIGN KEY ("adminId") REFERENCES "platform_admins"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_notification_mutes" ADD CONSTRAINT "platform_notification_mutes_adminId_fkey" FOREIGN KEY ("adminId") REFERENCES "platform_admins"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Default rules (apps/api/src/domains/notifications/defaults.ts) for the tenants that exist now; new tenants
-- get them in their creation transaction. They notify the built-in Tenant Admin role.
INSERT INTO "notification_rules" ("id", "tenantId", "key", "name", "eventTypes", "conditions", "recipientRoleIds", "recipientUserIds", "severity", "templates", "enabled", "createdAt", "updatedAt")
SELECT gen_random_uuid(), t."id", d.key, d.name, d.event_types, d.conditions, ARRAY[r."id"]::uuid[], ARRAY[]::uuid[], d.severity, d.templates, true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM "tenants" t
JOIN "roles" r ON r."tenantId" = t."id" AND r."key" = 'tenant_admin'
CROSS JOIN (VALUES
  ('user_deactivated', 'User deactivated', ARRAY['user.deactivated']::text[], '[]'::jsonb, 'info'::"NotificationSeverity", '{"en":{"title":"{email} was deactivated","body":"Their sessions ended; they can no longer sign in."},"fr":{"title":"{email} a été désactivé","body":"Ses sessions sont terminées ; la personne ne peut plus se connecter."}}'::jsonb),
  ('trial_ending', 'Trial ending in 3 days', ARRAY['subscription.trial_ending']::text[], '[]'::jsonb, 'warning'::"NotificationSeverity", '{"en":{"title":"The {moduleKey} trial ends in {daysLeft} day(s)","body":"Subscribe before {trialEnd} to keep the module open."},"fr":{"title":"L''essai de {moduleKey} se termine dans {daysLeft} jour(s)","body":"Abonnez-vous avant le {trialEnd} pour garder le module ouvert."}}'::jsonb),
  ('usage_80', 'Usage at 80% of the limit', ARRAY['usage.threshold_reached']::text[], '[{"field":"percent","op":"eq","value":80}]'::jsonb, 'warning'::"NotificationSeverity", '{"en":{"title":"{moduleKey}: {metric} at 80% of the limit","body":"{value} of {limit} used this period."},"fr":{"title":"{moduleKey} : {metric} à 80 % de la limite","body":"{value} sur {limit} utilisés sur la période."}}'::jsonb),
  ('usage_100', 'Usage limit reached', ARRAY['usage.threshold_reached']::text[], '[{"field":"percent","op":"eq","value":100}]'::jsonb, 'critical'::"NotificationSeverity", '{"en":{"title":"{moduleKey}: {metric} limit reached","body":"{value} of {limit} used; further use is refused until the next period or a bigger plan."},"fr":{"title":"{moduleKey} : limite de {metric} atteinte","body":"{value} sur {limit} utilisés ; tout usage supplémentaire est refusé jusqu''à la prochaine période ou une offre supérieure."}}'::jsonb),
  ('invoice_issued', 'Invoice issued', ARRAY['invoice.issued']::text[], '[]'::jsonb, 'info'::"NotificationSeverity", '{"en":{"title":"Invoice {number} issued","body":"A new invoice is available."},"fr":{"title":"Facture {number} émise","body":"Une nouvelle facture est disponible."}}'::jsonb),
  ('invoice_overdue', 'Invoice overdue', ARRAY['invoice.overdue']::text[], '[]'::jsonb, 'critical'::"NotificationSeverity", '{"en":{"title":"Invoice {number} is overdue","body":"Pay it to keep the subscription active."},"fr":{"title":"La facture {number} est en retard","body":"Réglez-la pour garder l''abonnement actif."}}'::jsonb)
) AS d(key, name, event_types, conditions, severity, templates)
ON CONFLICT ("tenantId", "key") DO NOTHING;
