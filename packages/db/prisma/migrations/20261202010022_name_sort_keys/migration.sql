-- Sort keys for names (see packages/db/src/sort-key.ts): added empty, filled for the existing rows with the
-- same steps as the application's nameSortKey (NFKD, lowercase, combining marks dropped, letters without a
-- decomposition spelled out), then required. The helper function exists only during this migration.
CREATE FUNCTION "tenancy_name_sort_key"(value TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT replace(replace(replace(replace(translate(
    regexp_replace(lower(normalize(value, NFKD)), E'[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g'),
    E'\u00f8\u0142\u0111\u0127\u0131', 'oldhi'),
    E'\u00df', 'ss'), E'\u00e6', 'ae'), E'\u0153', 'oe'), E'\u00fe', 'th')
$$;

-- DropIndex
DROP INDEX "users_tenantId_name_id_idx";

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "nameSortKey" TEXT;
UPDATE "tenants" SET "nameSortKey" = "tenancy_name_sort_key"("name");
ALTER TABLE "tenants" ALTER COLUMN "nameSortKey" SET NOT NULL;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "nameSortKey" TEXT;
UPDATE "users" SET "nameSortKey" = "tenancy_name_sort_key"("name");
ALTER TABLE "users" ALTER COLUMN "nameSortKey" SET NOT NULL;

-- AlterTable
ALTER TABLE "roles" ADD COLUMN     "nameSortKey" TEXT;
UPDATE "roles" SET "nameSortKey" = "tenancy_name_sort_key"("name");
ALTER TABLE "roles" ALTER COLUMN "nameSortKey" SET NOT NULL;

DROP FUNCTION "tenancy_name_sort_key"(TEXT);

-- CreateIndex
CREATE INDEX "tenants_nameSortKey_id_idx" ON "tenants"("nameSortKey", "id");

-- CreateIndex
CREATE INDEX "users_tenantId_nameSortKey_id_idx" ON "users"("tenantId", "nameSortKey", "id");
