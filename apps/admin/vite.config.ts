// Vite config of the admin app: React; vendor code split into long-cached chunks; every text asset also
// written pre-compressed (.br and .gz, served by the API as they are: docs/decisions/0016-static-delivery.md);
// no source maps in production builds (they would be public); a stamp of the sources' content written
// into dist/, so `npm start` rebuilds only when they changed. In development, a proxy to the API, so the
// session cookie and the Origin check see one origin.
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";
import { constants } from "node:zlib";
import { inputsHash, writeStamp } from "../../scripts/build-stamps.mjs";

const api = "http://127.0.0.1:3000";

const VENDOR_CHUNKS: Record<string, RegExp> = {
  // First: @mantine/charts would otherwise match the mantine chunk, loaded by every page. Only the
  // analytics page (loaded when opened) needs charts.
  charts: /\/node_modules\/(@mantine\/charts|recharts|d3-[a-z-]+|victory-vendor|decimal\.js-light|es-toolkit|@reduxjs|redux|redux-thunk|reselect|immer|react-redux|eventemitter3|internmap|tiny-invariant)\//,
  react: /\/node_modules\/(react|react-dom|react-router|scheduler|cookie|set-cookie-parser)\//,
  mantine: /\/node_modules\/(@mantine\/|@floating-ui\/|react-remove-scroll|react-style-singleton|use-callback-ref|use-sidecar|react-number-format|react-textarea-autosize|clsx\/|tslib\/|get-nonce\/|detect-node-es\/)/,
  data: /\/node_modules\/(@trpc\/|@tanstack\/|superjson\/|copy-anything\/|is-what\/|zod\/)/,
};

/** Writes dist/.build-stamp (see scripts/build-stamps.mjs) once a build has written its files. */
function buildStamp(mode: string): Plugin {
  let hash = "";
  return {
    name: "tenancy-build-stamp",
    apply: "build",
    // Hashed before building, so a source edited during the build leaves a stamp that no longer matches.
    buildStart() {
      hash = inputsHash("admin", mode);
    },
    closeBundle: {
      order: "post",
      sequential: true,
      handler(error?: Error) {
        if (!error && hash) writeStamp("admin", hash);
      },
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [
    react(),
    // Compressed once at build time with the strongest settings, instead of per request at run time.
    compression({
      include: /\.(html|js|mjs|css|svg|json|txt|xml)$/,
      threshold: 512,
      algorithms: [
        defineAlgorithm("brotliCompress", { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
        defineAlgorithm("gzip", { level: 9 }),
      ],
      logLevel: "silent",
    }),
    buildStamp(mode),
  ],
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
    // Source maps only for a development-mode build (`vite build --mode development`): a production build
    // must not publish its sources.
    sourcemap: mode !== "production",
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
}));
