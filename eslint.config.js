// Lint rules that keep the code honest and the dependency directions one-way (see CONVENTIONS.md).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const restrict = (patterns, message) => ["error", { patterns: patterns.map((group) => ({ group: [group], message })) }];

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
    files: ["apps/api/src/domains/**/service.ts", "apps/api/src/domains/**/*-service.ts", "apps/api/src/lib/**"],
    rules: { "no-restricted-imports": restrict(["@trpc/*", "fastify", "@fastify/*"], "Services are transport-free: throw AppError, take a Scope.") },
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
