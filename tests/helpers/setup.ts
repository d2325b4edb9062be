import { afterEach, beforeEach, vi } from "vitest";

process.env.NODE_ENV = "test";
process.env.SEED_DEMO ??= "1";
process.env.DRAW_PICTURES_AT_START = "0";
// Documents are made on first download unless a test is about making them ahead.
process.env.DOCUMENTS_AHEAD = "0";
// A test that reaches the database before its own is set up gets an empty scratch file, never data/.
process.env.DATABASE_PATH = `${(await import("node:os")).tmpdir()}/planner-stray-${process.pid}.sqlite`;

// A test that makes the app log an error fails, so problems are not hidden behind passing asserts.
let consoleErrors: unknown[][] = [];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (consoleErrors.length) {
    throw new Error(`console.error was called:\n${consoleErrors.map((a) => a.map(String).join(" ")).join("\n")}`);
  }
});
