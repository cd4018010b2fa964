-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "auditRetentionDays" INTEGER NOT NULL DEFAULT 365,
ADD COLUMN     "dateFormat" TEXT NOT NULL DEFAULT 'locale',
ADD COLUMN     "deliveryLogRetentionDays" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "keepAuditIpAndUserAgent" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "maskPersonalDataInExports" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "notificationRetentionDays" INTEGER NOT NULL DEFAULT 90,
ADD COLUMN     "numberFormat" TEXT NOT NULL DEFAULT 'locale';

-- AlterTable
ALTER TABLE "audit_entries" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "sealedAt" TIMESTAMPTZ(3),
ADD COLUMN     "seq" BIGINT;

-- CreateTable
CREATE TABLE "audit_chains" (
    "chainId" UUID NOT NULL,
    "lastSeq" BIGINT NOT NULL DEFAULT 0,
    "lastHash" TEXT NOT NULL DEFAULT '',
    "purgedThroughSeq" BIGINT NOT NULL DEFAULT 0,
    "purgedThroughHash" TEXT NOT NULL DEFAULT '',
    "purgedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "audit_chains_pkey" PRIMARY KEY ("chainId")
);

-- CreateIndex
CREATE INDEX "audit_entries_tenantId_targetId_createdAt_id_idx" ON "audit_entries"("tenantId", "targetId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_entries_sealedAt_createdAt_idx" ON "audit_entries"("sealedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "audit_entries_tenantId_seq_key" ON "audit_entries"("tenantId", "seq");


-- Hand-written: audit entries are append-only. The sealing job may fill the chain columns once, leaving
-- the content untouched; the retention job may delete after `SET LOCAL tenancy.audit_purge = 'on'`.
-- Every other UPDATE, DELETE or TRUNCATE is refused, whoever runs it through the application's paths.
CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit entries are append-only: TRUNCATE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF current_setting('tenancy.audit_purge', true) = 'on' THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only: DELETE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.seq IS NOT NULL
     AND (NEW.id, NEW."tenantId", NEW.action, NEW.crud, NEW.module, NEW."actorType", NEW."actorId", NEW."actorName",
          NEW."targetType", NEW."targetId", NEW."targetName", NEW.changes::text, NEW.ip, NEW."userAgent", NEW.success,
          NEW."eventVersion", NEW."requestId", NEW."createdAt")
         IS NOT DISTINCT FROM
         (OLD.id, OLD."tenantId", OLD.action, OLD.crud, OLD.module, OLD."actorType", OLD."actorId", OLD."actorName",
          OLD."targetType", OLD."targetId", OLD."targetName", OLD.changes::text, OLD.ip, OLD."userAgent", OLD.success,
          OLD."eventVersion", OLD."requestId", OLD."createdAt") THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit entries are append-only: UPDATE refused' USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_entries_append_only_row BEFORE UPDATE OR DELETE ON "audit_entries"
  FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
CREATE TRIGGER audit_entries_append_only_truncate BEFORE TRUNCATE ON "audit_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
