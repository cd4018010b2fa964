-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "spendCap" INTEGER,
ADD COLUMN     "spendCapCurrency" TEXT;

