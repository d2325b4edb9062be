// The whole suite: unit and integration tests (vitest), then the app built and driven in a real
// browser (Playwright). Prints one "N passed, N failed" line summed over both and exits non-zero on
// any failure, also when a suite could not run at all.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { resolveChromiumPath } from "../app/services/chromium.server.js";

fs.mkdirSync("reports", { recursive: true });
const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;
let broken = false;

function run(cmd, args, env = {}) {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  return spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

// Vitest
fs.rmSync("reports/vitest.json", { force: true });
const vitestStatus = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=reports/vitest.json", ...extra]);
const vitest = readJson("reports/vitest.json");
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  if (vitestStatus !== 0 && vitest.numFailedTests === 0) broken = true;
} else {
  broken = true;
}

// Browser tests against the production build
if (!process.env.SKIP_E2E) {
  fs.rmSync("build", { recursive: true, force: true });
  fs.rmSync("public/build", { recursive: true, force: true });
  if (run("npx", ["remix", "build"]) !== 0) {
    broken = true;
  } else {
    const chromium = await resolveChromiumPath();
    fs.rmSync("reports/playwright.json", { force: true });
    const pwStatus = run("npx", ["playwright", "test", "--reporter=list,json"], {
      CHROMIUM_PATH: chromium,
      PLAYWRIGHT_JSON_OUTPUT_NAME: "reports/playwright.json",
    });
    const pw = readJson("reports/playwright.json");
    if (pw?.stats) {
      passed += pw.stats.expected + pw.stats.flaky;
      failed += pw.stats.unexpected;
      if (pwStatus !== 0 && pw.stats.unexpected === 0) broken = true;
    } else {
      broken = true;
    }
  }
}

if (broken && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken ? 1 : 0);
