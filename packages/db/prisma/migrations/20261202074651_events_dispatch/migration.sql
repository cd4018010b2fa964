-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "eventRetentionDays" INTEGER NOT NULL DEFAULT 30;

-- AlterTable
ALTER TABLE "events" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "dispatchSeq" BIGINT,
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "nextAttemptAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "events_dispatchSeq_key" ON "events"("dispatchSeq");

-- CreateIndex
CREATE INDEX "events_tenantId_dispatchSeq_idx" ON "events"("tenantId", "dispatchSeq");


-- Dispatch order (decision 49): the dispatcher takes numbers from this sequence under the tenant's dispatch
-- lock. Events written before the dispatcher existed count as dispatched, in their insert order, so they
-- neither flood new inboxes nor break the order of streams.
CREATE SEQUENCE "events_dispatch_seq";
UPDATE "events" SET "dispatchedAt" = "createdAt", "dispatchSeq" = "position" WHERE "dispatchedAt" IS NULL;
SELECT setval('"events_dispatch_seq"', GREATEST((SELECT max("position") FROM "events"), 1));

-- Wakes the dispatchers of every process when events commit (NOTIFY is delivered at commit, and folded
-- into one per transaction since the payload is always the same).
CREATE FUNCTION "events_notify_outbox"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tenancy_outbox', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER "events_outbox_notify" AFTER INSERT ON "events" FOR EACH STATEMENT EXECUTE FUNCTION "events_notify_outbox"();
