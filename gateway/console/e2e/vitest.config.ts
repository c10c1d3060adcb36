/**
 * Browser tests: playwright-core drives the machine's chromium against a running gateway (ERP_CONSOLE_URL).
 * `npm run e2e` runs the journeys; `npm run screenshots` (ERP_E2E_SUITE=screenshots) writes docs/screenshots/.
 * One file at a time: the system under test and the browser share two cores.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const suite = process.env.ERP_E2E_SUITE ?? "journeys";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    environment: "node",
    include: suite === "screenshots" ? ["e2e/screenshots.e2e.ts"] : ["e2e/journeys/**/*.e2e.ts"],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // A page on two busy cores (system, browser and test share them) can take seconds to settle.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    reporters: ["verbose"],
  },
});
