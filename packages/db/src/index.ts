export { openDatabase, type Database, type DatabaseConfig, type HotQuery } from "./client.js";
export { migrate, pendingMigrations, readMigrations, MigrationError, MIGRATIONS_DIR } from "./migrate.js";
export { forTenant, tenantModels, TenantScopeError, type TenantCatalog, type TenantDb, type TenantTx, type TenantModelName } from "./tenant-scope.js";
export { uuidv7, isUuid } from "./uuid.js";
export type { SqlConnection } from "./sql.js";
export { Prisma, PrismaClient } from "./generated/prisma/client.js";
export type * from "./generated/prisma/models.js";
export { DataDirLockedError } from "./data-dir-lock.js";
