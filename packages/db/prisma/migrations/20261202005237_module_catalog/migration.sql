-- CreateEnum
CREATE TYPE "ModuleStatus" AS ENUM ('draft', 'published', 'retired');

-- CreateEnum
CREATE TYPE "PlanInterval" AS ENUM ('monthly', 'annual');

-- CreateEnum
CREATE TYPE "PricingModel" AS ENUM ('flat', 'per_user');

-- CreateEnum
CREATE TYPE "PlanChangePolicy" AS ENUM ('standard', 'immediate');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('active', 'retired');

-- CreateTable
CREATE TABLE "modules" (
    "key" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "description" JSONB NOT NULL,
    "category" TEXT NOT NULL,
    "icon" TEXT NOT NULL,
    "status" "ModuleStatus" NOT NULL DEFAULT 'draft',
    "metrics" JSONB NOT NULL DEFAULT '[]',
    "publishedAt" TIMESTAMPTZ(3),
    "retiredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "modules_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "plans" (
    "id" UUID NOT NULL,
    "moduleKey" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "interval" "PlanInterval" NOT NULL,
    "version" INTEGER NOT NULL,
    "prices" JSONB NOT NULL,
    "trialDays" INTEGER NOT NULL DEFAULT 0,
    "limits" JSONB NOT NULL DEFAULT '{}',
    "pricingModel" "PricingModel" NOT NULL DEFAULT 'flat',
    "changePolicy" "PlanChangePolicy" NOT NULL DEFAULT 'standard',
    "status" "PlanStatus" NOT NULL DEFAULT 'active',
    "retiredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plans_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "modules_status_idx" ON "modules"("status");

-- CreateIndex
CREATE UNIQUE INDEX "plans_moduleKey_code_interval_version_key" ON "plans"("moduleKey", "code", "interval", "version");

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_moduleKey_fkey" FOREIGN KEY ("moduleKey") REFERENCES "modules"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

