// Lint rules that keep the code honest and the dependency directions one-way (see CONVENTIONS.md).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const restrict = (patterns, message) => ["error", { patterns: patterns.map((group) => ({ group: [group], message })) }];

const SERVICES = ["apps/api/src/domains/**/service.ts", "apps/api/src/domains/**/*-service.ts", "apps/api/src/lib/**"];
const TRANSPORT = ["@trpc/*", "fastify", "@fastify/*"];
const TRANSPORT_MESSAGE = "Services are transport-free: throw AppError, take a Scope.";
const UNSCOPED_MESSAGE = "Tenant code uses only scope.db (the tenant-bound client from forTenant) and its named helpers; never the unscoped client or raw SQL.";
const UNSCOPED_DB_IMPORTS = {
  name: "@tenancy/db",
  importNames: ["PrismaClient", "openDatabase", "Database", "forTenant", "HotQuery", "SqlConnection", "migrate"],
  message: UNSCOPED_MESSAGE,
};
/** Code that works across tenants: the platform and auth domains, and the platform side of other domains. */
const PLATFORM_CODE = ["apps/api/src/domains/platform/**", "apps/api/src/domains/auth/**", "apps/api/src/domains/*/platform-*.ts"];
const UNSCOPED_DB_PACKAGES = ["@tenancy/db/*", "@prisma/*", "pg", "@electric-sql/*", "pglite-prisma-adapter"];

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/generated/**", "**/.data/**", "**/test-results/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "off",
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration in apps/api/src/env.ts only." }],
    },
  },
  {
    // Where reading the environment is the point: config, tooling, tests' database selection.
    files: ["apps/api/src/env.ts", "scripts/**", "**/*.test.ts", "**/test/**", "packages/db/src/testing.ts", "packages/db/scripts/**", "apps/api/bench/**", "apps/admin/e2e/**", "**/*.config.ts", "packages/client/examples/**"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["packages/contracts/src/**"],
    rules: { "no-restricted-imports": restrict(["@tenancy/*", "@prisma/*", "@trpc/*", "fastify", "react"], "contracts import only zod.") },
  },
  {
    files: SERVICES,
    rules: { "no-restricted-imports": restrict(TRANSPORT, TRANSPORT_MESSAGE) },
  },
  {
    // Tenant code (every domain but platform and auth) holds only the tenant-bound client: it may not
    // import a way to the database, nor reach the unscoped client through a scope or services object.
    // A domain's platform side (platform-*.ts: called by platform procedures and jobs only) is exempt.
    files: ["apps/api/src/domains/**"],
    ignores: [...PLATFORM_CODE, "**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [UNSCOPED_DB_IMPORTS], patterns: [{ group: UNSCOPED_DB_PACKAGES, message: UNSCOPED_MESSAGE }] }],
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[property.name=/^(prisma|\\$queryRaw|\\$executeRaw|\\$queryRawUnsafe|\\$executeRawUnsafe)$/]", message: UNSCOPED_MESSAGE },
        { selector: "ObjectPattern > Property[key.name='prisma']", message: UNSCOPED_MESSAGE },
      ],
    },
  },
  {
    // Tenant services: both rules at once (a later block would otherwise replace the earlier one).
    files: SERVICES.filter((glob) => glob.startsWith("apps/api/src/domains/")),
    ignores: PLATFORM_CODE,
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [UNSCOPED_DB_IMPORTS], patterns: [{ group: UNSCOPED_DB_PACKAGES, message: UNSCOPED_MESSAGE }, { group: TRANSPORT, message: TRANSPORT_MESSAGE }] },
      ],
    },
  },
  {
    files: ["apps/admin/**", "packages/ui/**"],
    rules: { "no-restricted-imports": restrict(["@tenancy/db", "@prisma/*", "@tenancy/db/*"], "The admin app never touches the database.") },
  },
  {
    files: ["packages/ui/**"],
    rules: { "no-restricted-imports": restrict(["@trpc/*", "@tanstack/react-query", "@tenancy/db"], "packages/ui never fetches data.") },
  },
);
