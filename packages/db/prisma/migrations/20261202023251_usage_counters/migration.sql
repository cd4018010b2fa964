-- CreateTable
CREATE TABLE "usage_counters" (
    "tenantId" UUID NOT NULL,
    "moduleKey" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "value" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "usage_counters_pkey" PRIMARY KEY ("tenantId","moduleKey","metric","periodStart")
);

-- AddForeignKey
ALTER TABLE "usage_counters" ADD CONSTRAINT "usage_counters_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

