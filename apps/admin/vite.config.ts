// Vite config of the admin app: React; vendor code split into long-cached chunks; and in development a
// proxy to the API, so the session cookie and the Origin check see one origin.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = "http://127.0.0.1:3000";

const VENDOR_CHUNKS: Record<string, RegExp> = {
  react: /\/node_modules\/(react|react-dom|react-router|scheduler|cookie|set-cookie-parser)\//,
  mantine: /\/node_modules\/(@mantine\/|@floating-ui\/|react-remove-scroll|react-style-singleton|use-callback-ref|use-sidecar|react-number-format|react-textarea-autosize|clsx\/|tslib\/|get-nonce\/|detect-node-es\/)/,
  data: /\/node_modules\/(@trpc\/|@tanstack\/|superjson\/|copy-anything\/|is-what\/|zod\/)/,
};

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      "/trpc": { target: api },
      "/api": { target: api },
      "/healthz": { target: api },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      output: {
        manualChunks: (id) => Object.entries(VENDOR_CHUNKS).find(([, pattern]) => pattern.test(id))?.[0],
      },
      onwarn(warning, warn) {
        // Zod ships `@__PURE__` comments in places Rollup cannot use; dropping them is harmless.
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("node_modules")) return;
        warn(warning);
      },
    },
  },
});
