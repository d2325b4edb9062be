// The whole suite: unit and integration tests (vitest), then the app built and driven in a real
// browser (Playwright). Each line of output is marked with the part it comes from. Prints the time
// each part took and one "N passed, N failed" line summed over both, and exits non-zero on any
// failure, also when a part could not run at all.
//
// TEST_SIDE_BY_SIDE=1 runs the build and the browser tests beside vitest instead of after it. Neither
// part keeps two cores busy on its own (both wait on Chromium, LibreOffice and the app), so on an
// otherwise idle machine together they may take little longer than the browser tests alone; on a
// busy one both slow down until tests run out of time. SKIP_E2E=1 runs vitest only.
import { spawn } from "node:child_process";
import fs from "node:fs";
import readline from "node:readline";
import { resolveChromiumPath } from "../app/services/chromium.server.js";

fs.mkdirSync("reports", { recursive: true });
const extra = process.argv.slice(2);
const started = Date.now();
const took = [];
let passed = 0;
let failed = 0;
let broken = false;

const seconds = (ms) => `${Math.round(ms / 1000)} s`;

/** Runs a command, each line of its output marked with `part`; resolves to its exit status. */
function run(part, cmd, args, env = {}) {
  console.log(`[${part}] $ ${cmd} ${args.join(" ")}`);
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      readline.createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => to.write(`[${part}] ${line}\n`));
    }
    child.once("error", (e) => {
      console.error(`[${part}] could not start ${cmd}: ${e.message}`);
      resolve(1);
    });
    child.once("close", (status) => {
      took.push(`${part} ${seconds(Date.now() - start)}`);
      resolve(status ?? 1);
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

async function vitest() {
  fs.rmSync("reports/vitest.json", { force: true });
  const status = await run("vitest", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=reports/vitest.json", ...extra]);
  const result = readJson("reports/vitest.json");
  if (result) {
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    if (status !== 0 && result.numFailedTests === 0) broken = true;
  } else {
    broken = true;
  }
}

/** Browser tests against the production build. */
async function e2e(chromium) {
  fs.rmSync("build", { recursive: true, force: true });
  fs.rmSync("public/build", { recursive: true, force: true });
  if ((await run("build", "npx", ["remix", "build"])) !== 0) {
    broken = true;
    return;
  }
  fs.rmSync("reports/playwright.json", { force: true });
  const status = await run("e2e", "npx", ["playwright", "test", "--reporter=list,json"], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: "reports/playwright.json",
  });
  const result = readJson("reports/playwright.json");
  if (result?.stats) {
    passed += result.stats.expected + result.stats.flaky;
    failed += result.stats.unexpected;
    if (status !== 0 && result.stats.unexpected === 0) broken = true;
  } else {
    broken = true;
  }
}

// Found (and, with the packaged build, unpacked) once, before either part looks for it.
const chromium = process.env.SKIP_E2E ? undefined : await resolveChromiumPath();
if (process.env.SKIP_E2E) {
  await vitest();
} else if (process.env.TEST_SIDE_BY_SIDE) {
  await Promise.all([vitest(), e2e(chromium)]);
} else {
  await vitest();
  await e2e(chromium);
}

if (broken && failed === 0) failed = 1;
console.log(`\n${took.join(", ")}; ${seconds(Date.now() - started)} in all`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken ? 1 : 0);
