import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { LongestFirst } from "./tests/helpers/longest-first";

/**
 * Three projects, run together by `npm test` and alone by `npm run test:unit`, `test:integration`
 * and `test:system`:
 * - unit: pure functions and components, no database; seconds.
 * - integration: route modules and models against a fresh copy of the demo database per test, most
 *   files one after another in a process per worker (integration-own-process: those that mock, stub
 *   or change the environment, each in a process of its own; see OWN_PROCESS below).
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

/**
 * Integration files that change what a later file in the same process would see — mock or stub a
 * module, a global or the clock, or touch process.env — each run in a process of their own. The
 * others share one process per worker, one after another, as the unit files do: each still gets a
 * fresh database per test, but the app's modules are loaded once per worker instead of once per file
 * (seconds a file). Found from the files' text, so a new file is placed without editing this list.
 */
const INTEGRATION = "tests/integration";
const OWN_PROCESS = fs
  .readdirSync(INTEGRATION)
  .filter((f) => /\.test\.tsx?$/.test(f))
  .map((f) => `${INTEGRATION}/${f}`)
  .filter((f) =>
    /\bvi\.(mock|doMock|unmock|stub\w*|spyOn|useFakeTimers|setSystemTime|resetModules)\b|process\.env\b|globalThis\b/.test(fs.readFileSync(f, "utf8"))
  );

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
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          exclude: [...SYSTEM, ...OWN_PROCESS],
          isolate: false,
          globalSetup: ["tests/helpers/demo-database.ts"],
        },
      },
      {
        extends: true,
        test: { name: "integration-own-process", include: OWN_PROCESS, exclude: SYSTEM, globalSetup: ["tests/helpers/demo-database.ts"] },
      },
      // They wait on other programs, which a busy machine slows most: a longer limit before a test counts as hung.
      { extends: true, test: { name: "system", include: SYSTEM, globalSetup: ["tests/helpers/demo-database.ts"], testTimeout: 120_000 } },
    ],
  },
});
