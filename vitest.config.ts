import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { LongestFirst } from "./tests/helpers/longest-first";

/**
 * Three projects, run together by `npm test` and alone by `npm run test:unit`, `test:integration`
 * and `test:system`:
 * - unit: pure functions and components, no database; seconds.
 * - integration: route modules and models against a fresh copy of the demo database per test.
 * - system: files that drive other programs (Chromium, LibreOffice, the app as a process) or sweep
 *   every form with the hostile corpus. They spend most of their time waiting on those programs,
 *   so they run beside the others, one file per worker, on every core.
 * A new file that launches a browser, LibreOffice or a child process belongs in SYSTEM.
 */
const SYSTEM = [
  // Prints the shared version's documents in Chromium among its thousand requests.
  "tests/integration/authz-matrix.test.ts",
  "tests/integration/bad-input.test.ts",
  "tests/integration/durability.test.ts",
  "tests/integration/proposal-audience.test.ts",
  "tests/integration/proposal-charts.test.ts",
  "tests/integration/proposal-references.test.ts",
  "tests/integration/proposal-render.test.ts",
  "tests/integration/proposal-versions.test.ts",
  "tests/integration/start-and-dev.test.ts",
  "tests/integration/stored-documents.test.ts",
  "tests/system/**/*.test.{ts,tsx}",
];

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    environment: "node",
    pool: "forks",
    // Vitest's default leaves one core idle; the system files mostly wait on other programs.
    maxWorkers: 2,
    // The longest files first, whatever their project, so both workers end together (tests/helpers/longest-first.ts).
    sequence: { sequencer: LongestFirst },
    setupFiles: ["tests/helpers/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      // Pure code with nothing to reset between files: one module graph, loaded once per worker.
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"], pool: "threads", isolate: false } },
      {
        extends: true,
        test: { name: "integration", include: ["tests/integration/**/*.test.{ts,tsx}"], exclude: SYSTEM, globalSetup: ["tests/helpers/demo-database.ts"] },
      },
      // They wait on other programs, which a busy machine slows most: a longer limit before a test counts as hung.
      { extends: true, test: { name: "system", include: SYSTEM, globalSetup: ["tests/helpers/demo-database.ts"], testTimeout: 120_000 } },
    ],
  },
});
