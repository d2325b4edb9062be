import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, installedChromium } from "./app/services/chromium.server.js";

// Each worker starts the production build itself, one server per spec file on a fresh copy of the
// demo database (tests/e2e/support.ts), on a port the system hands out: no fixed port, no shared state.
/** Neither Debian's Chromium nor CHROMIUM_PATH: `npm test` unpacks the packaged build and passes it on; a direct run cannot. */
function noChromium(): never {
  throw new Error(
    "No Chromium for the browser tests: install Debian's chromium-headless-shell (or chromium), set CHROMIUM_PATH, or run them through npm test."
  );
}

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  globalSetup: "./tests/e2e/global-setup.ts",
  workers: Number(process.env.E2E_WORKERS ?? 2),
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: installedChromium() ?? noChromium(), args: CHROMIUM_ARGS },
    screenshot: "only-on-failure",
  },
});
