// Vite config of the admin app: React, and in development a proxy to the API so cookies stay same-origin.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      "/trpc": { target: api },
      "/healthz": { target: api },
    },
  },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
});
