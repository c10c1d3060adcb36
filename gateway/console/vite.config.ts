/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Must equal NONCE_PLACEHOLDER in gateway/gateway/console.py: the gateway swaps in a fresh nonce per response.
const CSP_NONCE_PLACEHOLDER = "__ERP_CSP_NONCE__";

export default defineConfig({
  plugins: [react()],
  html: { cspNonce: CSP_NONCE_PLACEHOLDER },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev`: the API of a running `make run` on the same origin, as in production.
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.{ts,tsx}"],
    pool: "threads",
    maxWorkers: 2,
    isolate: false,
  },
});
