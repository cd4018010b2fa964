// Unit tests: pure logic under src/ (i18n, formatting, form helpers), no browser and no server.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
