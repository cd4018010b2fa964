-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "suspensionReason" TEXT;

-- AlterTable
ALTER TABLE "platform_admins" ADD COLUMN     "language" TEXT;

-- CreateIndex
CREATE INDEX "audit_entries_actorType_createdAt_id_idx" ON "audit_entries"("actorType", "createdAt" DESC, "id" DESC);

