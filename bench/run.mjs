#!/usr/bin/env node
/*
 * npm run bench — the performance benchmarks (targets and results in docs/benchmarks.md). Never part of npm test.
 *
 * 1. Builds the app if needed and copies the build into a temporary folder (so a rebuild by someone
 *    else during the run changes nothing); builds and starts the bare Remix app (bench/bare), the
 *    baseline, which stays up for the whole run.
 * 2. For each portfolio size (50, 500 and 5,000 engagements; one size with --quick) seeds a database
 *    (bench/seed.ts) and serves it with the real server.js: a signed-in session, 32 concurrent
 *    keep-alive connections over loopback; p50 / p95 of each page, each against bare's page measured
 *    in turns with it (four rounds each, alternating) — bare's `/`, or for a large page bare's `/html/:kib` at the page's median HTML size.
 *    Then (up to 500 engagements) the golden check (bench/golden.ts): the fast Fit and portfolio
 *    against the reference in tests/reference, every engagement.
 *    Then a version's .docx as stored, against bare serving a static file of the same size.
 * 3. Proposal .docx generation (bench/docx.ts) on the 500-engagement database, which alone is seeded
 *    with pictures (not with --quick).
 * 4. Client JavaScript per route (gzip) from the build's manifest, against the bare app's entry + root.
 * 5. portfolioCapacity over every engagement's bookings (bench/portfolio-capacity.ts).
 * 6. Server memory (VmRSS) under the page load, against the bare app serving the baselines.
 * Writes docs/benchmarks.md (tables) and docs/benchmarks-growth.svg (cost against portfolio size) and
 * prints the figures.
 *
 * Options: --quick (one size, 50 engagements, fewer requests, no .docx; under three minutes)
 *          --sizes 50,500,5000 --requests N (per page, default 400; 80 with --quick) --warmup N
 *          --concurrency N (default 32) --docx-runs N (default 20) --golden-max N (largest size for
 *          the golden check, default 500; 0 with --quick) --seed-dir DIR (keep seeded databases there
 *          and reuse them) --keep (keep the temporary folder) --db FILE (one seeded database instead of
 *          seeding) --app DIR (use this built app instead of building) --no-write (do not write docs)
 *          --max-seconds N (per page, default 60; 8 with --quick) --app-node-options "…" (NODE_OPTIONS for the app server)
 */
import { execFileSync, execSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { clientJs, bareJs, unusedAppCode } from "./lib/client-js.mjs";
import { loadInTurns, median, rssNow, rssSummary } from "./lib/load.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const flag = (name) => argv.includes(`--${name}`);
const QUICK = flag("quick");
const REQUESTS = Number(opt("requests", QUICK ? 80 : 400));
const WARMUP = Number(opt("warmup", QUICK ? 8 : 40));
const SIZES = (opt("sizes") ?? (QUICK ? "50" : "50,500,5000")).split(",").map(Number);
/** The size whose seed draws the proposals' pictures, for the .docx figures (drawing them takes Chromium and minutes). */
const PICTURES_SIZE = QUICK ? -1 : 500;
/** The golden check runs on every size up to this one (it computes each engagement's Fit page twice). */
const GOLDEN_MAX = Number(opt("golden-max", QUICK ? 0 : 500));
const SEED_DIR = opt("seed-dir") ? path.resolve(opt("seed-dir")) : null;
const LIGHT_TARGET = 1.3;
const CONCURRENCY = Number(opt("concurrency", 32));
const DOCX_RUNS = Number(opt("docx-runs", 20));
const MAX_SECONDS_PER_PAGE = Number(opt("max-seconds", flag("quick") ? 8 : 60));
const TODAY = "2027-01";
const PAGE_TARGET = 2;
const DOCX_TARGET = 1.5;
const PORTFOLIO_TARGET_MS = 10;
const MEMORY_TARGET = 1.5;

const startedAt = Date.now();
const log = (...a) => console.error(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)}s]`, ...a);
const tsx = path.join(root, "node_modules/.bin/tsx");
const children = new Set();
let tmp;
let finished = false;
process.on("exit", () => {
  for (const c of children) c.kill("SIGTERM");
  // Interrupted: nothing in the temporary folder is worth keeping.
  if (tmp && !finished && !flag("keep")) fs.rmSync(tmp, { recursive: true, force: true });
});
for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => process.exit(130));

// ------------------------------------------------------------------------------------------------
// The machine

const sh = (cmd) => {
  try {
    return execSync(cmd, { encoding: "utf8" }).trimEnd();
  } catch {
    return "(unavailable)";
  }
};
const machine = {
  nproc: sh("nproc"),
  free: sh("free -h"),
  node: process.version,
  cpu: (/model name\s*:\s*(.*)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8")) ?? [])[1] ?? "unknown",
  loadBefore: os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" "),
  date: new Date().toISOString(),
  commit: sh("git rev-parse --short HEAD"),
  dirty: sh("git status --porcelain -- app db server.js remix.config.js") !== "",
};
log(`machine: ${machine.nproc} cpus, ${machine.cpu}, node ${machine.node}, load ${machine.loadBefore}`);

// ------------------------------------------------------------------------------------------------
// Build, and a private copy of it

tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pp-bench-"));
log(`temporary folder ${tmp}`);
let appDir = opt("app");
if (!appDir) {
  log("building the app if needed (scripts/ensure-build.mjs)…");
  execFileSync(process.execPath, ["scripts/ensure-build.mjs"], { stdio: ["ignore", "inherit", "inherit"] });
  appDir = path.join(tmp, "app");
  fs.mkdirSync(appDir);
  fs.cpSync("build", path.join(appDir, "build"), { recursive: true });
  fs.cpSync("public", path.join(appDir, "public"), { recursive: true });
  fs.copyFileSync("server.js", path.join(appDir, "server.js"));
  if (fs.existsSync("server")) fs.cpSync("server", path.join(appDir, "server"), { recursive: true }); // what server.js imports
  fs.symlinkSync(path.join(root, "node_modules"), path.join(appDir, "node_modules"));
}
appDir = path.resolve(appDir);
const buildVersion = fs.readFileSync(path.join(appDir, "build/version.txt"), "utf8").trim();

// ------------------------------------------------------------------------------------------------
// Servers

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startServer(script, env, { cwd = root, ready = /listening on/ } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR ?? "/tmp",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 60 s:\n${output}`)), 60_000);
    const onData = (d) => {
      output += d;
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d) => (output += d));
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}):\n${output}`)));
  });
  child.stdout.removeAllListeners("data");
  // What it writes to stderr while it serves, its last 20,000 characters: shown with any answer not 200.
  child.stderr.on("data", (d) => {
    output = (output + d).slice(-20_000);
  });
  return { child, port, pid: child.pid, output: () => output };
}

async function stopServer(server) {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (server.child.exitCode === null) server.child.kill("SIGKILL");
  children.delete(server.child);
}

/** One measured page against its baseline, as the report lists it; logged as it is taken. */
function resultRow(page, { medianBytes, basePath, baseline, measured }) {
  const row = {
    key: page.key,
    label: page.label,
    target: page.target,
    perEngagement: page.perEngagement,
    path: shownPath(page),
    medianBytes,
    basePath,
    baseline,
    page: measured,
    ratioP50: measured.p50 / baseline.p50,
    ratioP95: measured.p95 / baseline.p95,
    ratioCpu: measured.cpuMs / baseline.cpuMs,
  };
  row.met = row.ratioP95 <= page.target && measured.ok && !measured.truncated;
  log(
    `  p50 ${measured.p50.toFixed(1)} / ${baseline.p50.toFixed(1)} ms = ${row.ratioP50.toFixed(2)}×; p95 ${measured.p95.toFixed(1)} / ${baseline.p95.toFixed(
      1
    )} ms = ${row.ratioP95.toFixed(2)}×; CPU ${measured.cpuMs.toFixed(1)} / ${baseline.cpuMs.toFixed(1)} ms a request ${row.met ? "MET" : "MISSED"}`
  );
  return row;
}

async function signIn(port, email, password) {
  const res = await fetch(`http://127.0.0.1:${port}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: `http://127.0.0.1:${port}` },
    body: new URLSearchParams({ email, password, redirectTo: "/notices" }),
  });
  const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get("set-cookie") ?? ""]).map((c) => c.split(";")[0]).find((c) => c.startsWith("pp_session="));
  if (res.status !== 303 || !cookie) throw new Error(`Sign-in failed: ${res.status} ${await res.text()}`);
  return cookie;
}

// ------------------------------------------------------------------------------------------------
// The bare Remix app: the baseline, up for the whole run

log("building and serving the bare Remix app (bench/bare)…");
const bareOut = path.join(tmp, "bare");
execFileSync(path.join(root, "node_modules/.bin/remix"), ["build", "bench/bare"], {
  env: { ...process.env, BARE_OUT: bareOut, NODE_ENV: "production" },
  stdio: ["ignore", "ignore", "inherit"],
});
fs.symlinkSync(path.join(root, "node_modules"), path.join(bareOut, "node_modules")); // its build imports the project's packages
// Static files for the download baseline, written as the documents' sizes become known.
const bareFiles = path.join(tmp, "bare-files");
fs.mkdirSync(bareFiles);
const bare = await startServer(path.join(root, "bench/bare/server.mjs"), { BARE_OUT: bareOut, BARE_FILES: bareFiles }, { ready: /listening on/ });
const bareIdle = rssNow(bare.pid);

const bytesOf = async (port, p, cookie) => {
  const res = await fetch(`http://127.0.0.1:${port}${p}`, { headers: cookie ? { cookie } : {} });
  const html = await res.text();
  if (res.status !== 200 || !html.includes("</html>")) throw new Error(`${p} answered ${res.status}: ${html.slice(0, 500)}`);
  return Buffer.byteLength(html);
};
/** A stored document's size, asking again while it is still being made (503). */
const documentBytes = async (port, p, cookie) => {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}${p}`, { headers: { cookie } });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status === 200) return body.length;
    if (res.status !== 503 || Date.now() > deadline) throw new Error(`${p} answered ${res.status}: ${body.toString("utf8", 0, 300)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
};
// bench/bare's /html/:kib sends a fixed shell plus about `perKib` bytes per KiB asked for: measured, so the
// baseline's size can be matched to a page's.
const bareShell = await bytesOf(bare.port, "/");
const htmlAt1 = await bytesOf(bare.port, "/html/1");
const perKib = ((await bytesOf(bare.port, "/html/257")) - htmlAt1) / 256;
const bareHtmlFor = (bytes) => Math.max(1, Math.round((bytes - htmlAt1) / perKib) + 1);
const LARGE_PAGE_BYTES = 2 * bareShell;

// ------------------------------------------------------------------------------------------------
// 2 + 6. Per portfolio size: seed, serve, and time each page against bare's, measured in turns with it

const results = { machine, buildVersion, quick: QUICK, sizes: [] };
/** Rounds each of bare's page and the app's, in turns (bench/lib/load.mjs), so both meet the same minutes of the machine. */
const ROUNDS = 4;
/**
 * Bare's page `basePath` against the `app` server's `pagePath` (signed in with `cookie`), measured in turns;
 * `onTurn` hears which server is under load ("bare", "app", or null when both are done).
 */
async function compareInTurns(app, basePath, pagePath, cookie, requests = REQUESTS, onTurn = () => {}) {
  const common = { concurrency: CONCURRENCY, warmup: WARMUP, maxSeconds: MAX_SECONDS_PER_PAGE };
  const { a: baseline, b: measured } = await loadInTurns(
    { ...common, port: bare.port, pid: bare.pid, path: basePath },
    { ...common, port: app.port, pid: app.pid, path: pagePath, cookie },
    { requests, rounds: ROUNDS, maxSeconds: MAX_SECONDS_PER_PAGE, onTurn: (side) => onTurn(side === "a" ? "bare" : side === "b" ? "app" : null) }
  );
  return { baseline, measured };
}

/** Engagements an engagement page rotates over at every size: fewer than the views the server keeps of each kind. */
const REPEAT_ENGAGEMENTS = 40;
/** Pages whose HTML size is sampled to choose a page's baseline. */
const SIZE_SAMPLE = 9;
/** First visits are measured only where the portfolio has enough engagements for this many, each visited once. */
const MIN_FIRST_VISITS = 100;
/** `count` of `list`, evenly spread over it (all of it when it is no longer). */
function spread(list, count) {
  if (list.length <= count) return [...list];
  return Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count)]);
}
/** A page's path as the report shows it, an engagement's id as ":id". */
function shownPath(page) {
  return page.path.shown ?? page.path(0).replace(/\/engagements\/\d+/, "/engagements/:id");
}
const bareRss = [];

function seedDatabase(size) {
  const cached = SEED_DIR ? path.join(SEED_DIR, `seed-${size}${size === PICTURES_SIZE ? "" : "-nopictures"}.sqlite`) : null;
  const dbFile = path.join(tmp, `planner-${size}.sqlite`);
  if (opt("db")) {
    log(`copying the seeded database ${opt("db")}`);
    fs.copyFileSync(opt("db"), dbFile);
    return { dbFile, seed: JSON.parse(fs.readFileSync(opt("db").replace(/\.sqlite$/, ".json"), "utf8")) };
  }
  if (cached && fs.existsSync(cached)) {
    log(`reusing the seeded database ${cached}`);
    fs.copyFileSync(cached, dbFile);
    return { dbFile, seed: JSON.parse(fs.readFileSync(cached.replace(/\.sqlite$/, ".json"), "utf8")) };
  }
  log(`seeding ${size} engagements (bench/seed.ts)${size === PICTURES_SIZE ? " with pictures" : ""}…`);
  const summary = path.join(tmp, `seed-${size}.json`);
  execFileSync(tsx, ["--tsconfig", "tsconfig.json", "bench/seed.ts", dbFile, summary], {
    env: { ...process.env, BENCH_ENGAGEMENTS: String(size), ...(size === PICTURES_SIZE ? {} : { BENCH_NO_PICTURES: "1" }) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const seed = JSON.parse(fs.readFileSync(summary, "utf8"));
  if (cached) {
    fs.mkdirSync(SEED_DIR, { recursive: true });
    fs.copyFileSync(dbFile, cached);
    fs.copyFileSync(summary, cached.replace(/\.sqlite$/, ".json"));
  }
  return { dbFile, seed };
}

for (const size of SIZES) {
  const { dbFile, seed } = seedDatabase(size);
  log(`${size}: seeded ${JSON.stringify(seed.counts)} in ${seed.seconds}s`);
  // Repeat visits: the same number of engagements at every size, spread evenly over the portfolio so
  // every stage and method is in the mix, and fewer than the views the server keeps (50 of each kind),
  // so a page is measured as it is asked for again whatever the portfolio's size. Measured on a
  // rotation over every tenth engagement instead, the 5,000 went round 500 engagements, and its
  // "growth" was the difference between a kept view and a first visit.
  const engagementIds = spread(
    seed.engagements.map((e) => e.id),
    REPEAT_ENGAGEMENTS
  );
  const rotate = (suffix) => (i) => `/engagements/${engagementIds[i % engagementIds.length]}${suffix}`;
  // First visits: every request (the size sample and the warm-up included) a different engagement,
  // none of them visited before, so no view of it is kept; the Fit page and the live draft each take
  // their own half of the engagements left, as either would keep what the other reads.
  const others = seed.engagements.map((e) => e.id).filter((id) => !engagementIds.includes(id));
  const firstVisitPool = (half) => others.filter((_, i) => i % 2 === half);
  const firstVisitsAvailable = Math.floor(others.length / 2) - SIZE_SAMPLE - WARMUP;
  const firstVisitRequests = Math.min(REQUESTS, firstVisitsAvailable);
  const firstVisits = (suffix, half) => {
    const pool = firstVisitPool(half);
    let next = 0;
    return Object.assign(() => `/engagements/${pool[next++ % pool.length]}${suffix}`, { shown: `/engagements/:id${suffix}` });
  };
  const PAGES = [
    // As a manager with nothing waiting: the smallest Remix page (the bench user, a co-owner of every engagement, has notices).
    { key: "notices", label: "Notices", path: () => "/notices", target: LIGHT_TARGET, perEngagement: false, quiet: true },
    { key: "engagements", label: "Engagement list", path: () => "/engagements", target: LIGHT_TARGET, perEngagement: false },
    { key: "overview", label: "Engagement overview", path: rotate(""), target: PAGE_TARGET, perEngagement: true },
    { key: "fit", label: "Fit", path: rotate("/fit"), target: PAGE_TARGET, perEngagement: true },
    { key: "timeline", label: "Timeline", path: rotate("/timeline"), target: PAGE_TARGET, perEngagement: true },
    { key: "proposal", label: "Proposal (live draft)", path: rotate("/proposal"), target: PAGE_TARGET, perEngagement: true },
    { key: "portfolio", label: "Portfolio", path: () => "/portfolio", target: PAGE_TARGET, perEngagement: false },
  ];
  if (firstVisitsAvailable >= Math.min(REQUESTS, MIN_FIRST_VISITS))
    PAGES.push(
      { key: "fit-first", label: "Fit, first visit", path: firstVisits("/fit", 0), requests: firstVisitRequests, target: PAGE_TARGET, perEngagement: true },
      {
        key: "proposal-first",
        label: "Proposal (live draft), first visit",
        path: firstVisits("/proposal", 1),
        requests: firstVisitRequests,
        target: PAGE_TARGET,
        perEngagement: true,
      }
    );
  else log(`${size}: first visits not measured: ${others.length} engagements are too few to visit each once`);

  log(`${size}: starting the app server…`);
  const app = await startServer(path.join(appDir, "server.js"), {
    ...(opt("app-node-options") ? { NODE_OPTIONS: opt("app-node-options") } : {}),
    DATABASE_PATH: dbFile,
    SEED_DEMO: "0",
    DRAW_PICTURES_AT_START: "0",
    // A running portfolio made each version's documents when it was frozen; the seeded one has none,
    // and the server would make them all at start, in the background, while the pages are measured.
    // The documents are measured on their own (bench/docx.ts).
    DOCUMENTS_AHEAD: "0",
    PLANNER_TODAY: TODAY,
  });
  const cookie = await signIn(app.port, seed.email, seed.password);
  if (!seed.quietEmail) throw new Error("The seeded database has no manager without notices: seed it again (bench/seed.ts).");
  const quietCookie = await signIn(app.port, seed.quietEmail, seed.password);
  const rssIdle = rssNow(app.pid);
  const noticesHtml = await (await fetch(`http://127.0.0.1:${app.port}/notices`, { headers: { cookie: quietCookie } })).text();
  if (!noticesHtml.includes("Nothing waits for you")) throw new Error("The quiet bench user has notices; /notices would not be the empty page.");

  const appRss = [];
  let sampling = null;
  const sampler = setInterval(() => {
    try {
      if (sampling === "app") appRss.push(rssNow(app.pid));
      else if (sampling === "bare") bareRss.push(rssNow(bare.pid));
    } catch {
      /* ended */
    }
  }, 100);
  const pageResults = [];
  for (const page of PAGES) {
    // The page's median HTML size over the engagements it rotates through decides its baseline.
    const sizes = [];
    const pageCookie = page.quiet ? quietCookie : cookie;
    for (let i = 0; i < Math.min(SIZE_SAMPLE, engagementIds.length); i++) sizes.push(await bytesOf(app.port, page.path(i), pageCookie));
    const medianBytes = median(sizes);
    const basePath = medianBytes > LARGE_PAGE_BYTES ? `/html/${bareHtmlFor(medianBytes)}` : "/";
    log(`${size}: load: bare ${basePath} and ${shownPath(page)} in turns (${(medianBytes / 1024).toFixed(1)} KiB)…`);
    let peak = -Infinity;
    let from = appRss.length;
    const { baseline, measured } = await compareInTurns(app, basePath, page.path, pageCookie, page.requests, (side) => {
      if (sampling === "app") peak = Math.max(peak, ...appRss.slice(from));
      sampling = side;
      from = appRss.length;
    });
    measured.rssPeak = peak;
    if (!baseline.ok || !measured.ok)
      log(
        `  non-200 answers: baseline ${JSON.stringify(baseline.statuses)} ${baseline.errors.join("; ")}, page ${JSON.stringify(
          measured.statuses
        )} ${measured.errors.join("; ")}${measured.ok ? "" : `\n  the app's stderr, last lines:\n${app.output().slice(-3000)}`}`
      );
    pageResults.push(resultRow(page, { medianBytes, basePath, baseline, measured }));
  }
  // Downloads: a version's .docx as stored (made on its first download here, as documents made ahead
  // are off), against bare serving a static file of the same size.
  const withVersions = seed.engagements.filter((e) => e.versions > 0).slice(0, 5);
  if (withVersions.length) {
    const docPath = (i) => `/engagements/${withVersions[i % withVersions.length].id}/versions/1/docx`;
    const sizes = [];
    for (let i = 0; i < withVersions.length; i++) sizes.push(await documentBytes(app.port, docPath(i), cookie));
    const medianBytes = median(sizes);
    fs.writeFileSync(path.join(bareFiles, `${medianBytes}.docx`), crypto.randomBytes(medianBytes));
    const basePath = `/files/${medianBytes}.docx`;
    log(`${size}: load: bare ${basePath} (a static file) and ${docPath(0).replace(/\d+/, ":id")} (${(medianBytes / 1024).toFixed(1)} KiB)…`);
    const { baseline, measured } = await compareInTurns(app, basePath, docPath, cookie);
    const download = { key: "download", label: "Proposal .docx download (stored)", target: PAGE_TARGET, perEngagement: true, path: docPath };
    pageResults.push(resultRow(download, { medianBytes, basePath, baseline, measured }));
  }
  clearInterval(sampler);
  await stopServer(app);
  const entry = { size, seed: { ...seed, engagements: undefined }, dbFile, pages: pageResults, appRss: { idle: rssIdle, ...rssSummary(appRss) } };

  // The golden check: the fast Fit and portfolio against the reference (tests/reference), every engagement.
  if (GOLDEN_MAX >= size) {
    log(`${size}: golden check of every engagement's Fit view, method fits and the portfolio against the reference…`);
    entry.golden = JSON.parse(
      execFileSync(tsx, ["--tsconfig", "tsconfig.json", "bench/golden.ts", dbFile, TODAY], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })
        .trim()
        .split("\n")
        .pop()
    );
    log(`  ${entry.golden.compared} comparisons, ${entry.golden.differences.length} differences`);
  }
  results.sizes.push(entry);
}
await stopServer(bare);
results.bare = { idle: bareIdle, ...rssSummary(bareRss) };
const main = results.sizes.find((s) => s.size === 500) ?? results.sizes[results.sizes.length - 1];
results.memory = { appPeak: main.appRss.peak, barePeak: results.bare.peak, ratio: main.appRss.peak / results.bare.peak, size: main.size };
results.memory.met = results.memory.ratio <= MEMORY_TARGET;
log(`memory: app peak ${results.memory.appPeak.toFixed(0)} MiB vs bare ${results.bare.peak.toFixed(0)} MiB = ${results.memory.ratio.toFixed(2)}×`);
const pageResults = main.pages;
const dbFile = main.dbFile;
const seed = main.seed;

// ------------------------------------------------------------------------------------------------
// 3. Proposal .docx

// The version whose content is of median size among versions with stored pictures.
const Database = (await import("better-sqlite3")).default;
const ro = new Database(dbFile, { readonly: true });
const withPictures = ro
  .prepare(
    "select v.id from proposal_versions v where exists (select 1 from proposal_pictures p where p.proposal_version_id = v.id) order by length(v.content_json), v.id"
  )
  .all();
ro.close();
if (QUICK) {
  results.docx = { error: "Not measured with --quick (its seed draws no pictures)." };
  log("docx: skipped with --quick");
} else if (withPictures.length) {
  const versionId = withPictures[Math.floor(withPictures.length / 2)].id;
  log(`docx: version ${versionId}, ${DOCX_RUNS} runs each (cached, baseline, uncached with Chromium)…`);
  const out = execFileSync(tsx, ["--tsconfig", "tsconfig.json", "bench/docx.ts", dbFile, String(versionId), String(DOCX_RUNS)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const docx = JSON.parse(out.trim().split("\n").pop());
  docx.ratioCached = docx.cached.median / docx.baseline.median;
  docx.ratioUncached = docx.uncached ? docx.uncached.median / docx.baseline.median : NaN;
  docx.ratioKept = docx.kept.median / docx.baseline.median;
  docx.met = docx.ratioCached <= DOCX_TARGET;
  docx.keptMet = docx.ratioKept <= DOCX_TARGET;
  results.docx = docx;
  log(
    `  cached ${docx.cached.median.toFixed(0)} ms, kept ${docx.kept.median.toFixed(1)} ms, uncached ${docx.uncached?.median.toFixed(
      0
    )} ms, baseline ${docx.baseline.median.toFixed(0)} ms: ${docx.ratioCached.toFixed(2)}× cached, ${docx.ratioKept.toFixed(2)}× kept`
  );
} else {
  results.docx = { error: `No version has stored pictures (seed: ${JSON.stringify(seed.pictures)}).` };
  log(`docx: skipped — ${results.docx.error}`);
}

// ------------------------------------------------------------------------------------------------
// 4. Client JavaScript

log("client JavaScript per route…");
const js = clientJs(appDir);
for (const [id, unused] of Object.entries(await unusedAppCode(appDir, root))) if (js.routes[id]) js.routes[id].unused = unused;
const bareSizes = bareJs(bareOut);
const DIAGRAM_ROUTES = ["routes/engagements.$id.driver-diagram", "routes/engagements.$id.timeline"];
const withMermaid = Object.entries(js.routes)
  .filter(([, r]) => r.mermaidWithPage || r.mermaidOnDemand)
  .map(([id]) => id);
results.js = {
  ...js,
  bare: bareSizes,
  mermaidRoutes: withMermaid,
  mermaidWithAnyPage: Object.entries(js.routes)
    .filter(([, r]) => r.mermaidWithPage)
    .map(([id]) => id),
  mermaidOnlyWhereDiagrams: withMermaid.every((id) => DIAGRAM_ROUTES.includes(id)) && Object.values(js.routes).every((r) => !r.mermaidWithPage),
};

// ------------------------------------------------------------------------------------------------
// 5. Portfolio capacity

log("portfolioCapacity over every engagement's bookings…");
results.portfolio = JSON.parse(
  execFileSync(tsx, ["--tsconfig", "tsconfig.json", "bench/portfolio-capacity.ts", dbFile, TODAY, "50"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  })
    .trim()
    .split("\n")
    .pop()
);
results.portfolio.met = results.portfolio.page.capacity.median <= PORTFOLIO_TARGET_MS && results.portfolio.all.capacity.median <= PORTFOLIO_TARGET_MS;

machine.loadAfter = os
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(" ");
results.seconds = (Date.now() - startedAt) / 1000;

// ------------------------------------------------------------------------------------------------
// Report

const SHARE_LABELS = {
  pageNumberLayout: "docx/layout filling in page numbers (estimatePageNumbersWith)",
  tableOfContents: "filling in the table of contents",
  docxPacker: "Packer.toBuffer in all (including both of those)",
  buildDocument: "the app building the document objects",
  appRepacking: "the app's unzip / id renumbering / repacking",
  readVersion: "reading the version, approval and pictures",
};
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : "–");
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : "–");
const kb = (b) => (b / 1024).toFixed(1);
const verdict = (met) => (met ? "met" : "**missed**");

const lines = [];
lines.push("# Benchmarks", "");
lines.push(
  "Written by `npm run bench` (bench/run.mjs); never part of `npm test`. Every figure is a ratio against a",
  "baseline measured in the same run, on the same machine, minutes apart. See the end of this file for how",
  "each figure is taken and what was changed to meet the targets.",
  ""
);
lines.push("## The run", "");
lines.push(
  `- ${machine.date}, commit ${machine.commit}${
    machine.dirty ? " plus uncommitted changes" : ""
  }, build ${buildVersion}; the whole run took ${results.seconds.toFixed(0)} s.`
);
lines.push(`- Machine: ${machine.nproc} CPUs (\`nproc\`), ${machine.cpu}, Node ${machine.node}.`);
lines.push(
  `- Load average before / after: ${machine.loadBefore} / ${machine.loadAfter} (other work on the machine shares the CPUs: absolute times vary between runs; ratios much less).`
);
lines.push("- `free -h`:", "", "```", machine.free, "```", "");
for (const { size, seed: s } of results.sizes) {
  const c = s.counts;
  lines.push(
    `- Database of ${size}: ${c.engagements} engagements (${Object.entries(s.stages)
      .map(([k, v]) => `${v} ${k.replace(/_/g, " ")}`)
      .join(", ")}; ${Object.entries(s.methods)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ")}), each with intake, method decision, timeline and driver diagram; ${c.proposal_versions} frozen proposal versions with ${
      c.proposal_pictures
    } stored pictures; ${c.staff} staff; ${c.bookings} bookings (${s.bookings.confirmed} confirmed, ${s.bookings.tentative} tentative) over ${
      s.bookings.months
    } months; ${c.audit_log} audit rows; ${s.sizeMB} MB. Seeded in ${s.seconds} s.`
  );
}
lines.push(`- PLANNER_TODAY=${TODAY}.${QUICK ? " Run with `--quick`: one size, fewer requests, no .docx figures." : ""}`, "");

lines.push("## Page response under load", "");
lines.push(
  `${CONCURRENCY} concurrent keep-alive connections over loopback, ${WARMUP} warm-up requests then ${REQUESTS} measured per page (the load generator runs on the same CPUs). Engagement pages rotate over the same ${REPEAT_ENGAGEMENTS} engagements at every size, spread evenly over the portfolio (all stages and methods) and fewer than the views the server keeps, so they are measured as asked for again; the first-visit rows ask for a different engagement each time (none visited before: no view of it kept), the Fit page and the live draft each over their own half of the rest, with fewer measured requests where the portfolio is smaller, measured where the portfolio has enough engagements for ${MIN_FIRST_VISITS} such requests. Baseline: the bare Remix app (bench/bare, served by the same Express, helmet, origin check and @remix-run/express, no database, no app code), up beside the app and measured in turns with each page (${ROUNDS} rounds of each, bare first in the odd rounds and the page first in the even ones, so a slow minute of the machine falls on both): its \`/\` (${kb(
    bareShell
  )} KiB) for a page of ordinary size, or, for a page whose median HTML is over ${kb(
    LARGE_PAGE_BYTES
  )} KiB, its \`/html/:kib\` — a table rendered through React from its loader's data — at the page's median size. Targets: p95 within ${PAGE_TARGET}× the baseline, ${LIGHT_TARGET}× for the notices and the engagement list.`,
  ""
);
for (const entry of results.sizes) {
  lines.push(`### ${entry.size} engagements`, "");
  lines.push(
    "| page | path | median HTML KiB | baseline | p50 ms | p95 ms | baseline p50 / p95 ms | p50 ratio | p95 ratio | CPU ms a request (baseline) | target |",
    "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---|"
  );
  for (const r of entry.pages) {
    lines.push(
      `| ${r.label} | \`${r.path}\` | ${kb(r.medianBytes)} | \`${r.basePath}\` | ${f1(r.page.p50)} | ${f1(r.page.p95)} | ${f1(r.baseline.p50)} / ${f1(
        r.baseline.p95
      )} | ${f2(r.ratioP50)}× | ${f2(r.ratioP95)}× | ${f1(r.page.cpuMs)} (${f1(r.baseline.cpuMs)}) | ≤ ${r.target}×: ${verdict(r.met)}${
        r.page.truncated ? ` (stopped after ${r.page.n} requests, ${MAX_SECONDS_PER_PAGE} s)` : r.page.n !== REQUESTS ? ` (${r.page.n} requests)` : ""
      } |`
    );
  }
  lines.push(
    "",
    `Throughput (requests/s): ${entry.pages.map((r) => `${r.key} ${r.page.rps.toFixed(0)} (baseline ${r.baseline.rps.toFixed(0)})`).join(", ")}.`,
    ""
  );
  if (entry.golden)
    lines.push(
      `Golden check (bench/golden.ts): the fast Fit view and method fits of all ${
        entry.golden.engagements
      } engagements and the portfolio against the reference implementation in tests/reference, as JSON: ${entry.golden.compared} comparisons, ${
        entry.golden.differences.length === 0
          ? "no differences"
          : `**${entry.golden.differences.length} differences**: ${entry.golden.differences.slice(0, 3).join("; ")}`
      }.`,
      ""
    );
}

lines.push("## How cost grows with the portfolio", "");
if (results.sizes.length < 2)
  lines.push(
    `Only one size was measured in this run (${results.sizes
      .map((s) => s.size)
      .join(", ")} engagements); \`npm run bench\` without \`--quick\` measures 50, 500 and 5,000.`,
    ""
  );
else {
  const sizesRun = results.sizes.map((s) => s.size);
  lines.push(
    "A page's cost is the server's CPU time per request (user and system time of the app's process over the measured requests, divided by their number), set against the CPU time per request of the bare baseline measured in turns with it, whose work does not depend on the portfolio (decision 29). Each cell gives the CPU time in ms and, in brackets, that ratio. Targets judge the ratio's growth: a per-engagement page's grows no more than 1.5× from 500 to 5,000 engagements; the portfolio's no more than linearly (10×). The growth of the CPU time alone and of the p50 response time are shown beside it: other work on the machine changes both from one minute to the next, the p50 most (it counts the time a request waits for a CPU).",
    "",
    `![CPU time per request of each page, against its bare baseline, by the number of engagements](benchmarks-growth.svg)`,
    "",
    `| page | ${sizesRun.map((n) => `${n}`).join(" | ")} | 500 → 5,000 against bare | CPU alone | p50 | target |`,
    `|---|${sizesRun.map(() => "---:").join("|")}|---:|---:|---:|---|`
  );
  for (const key of pageKeys(results.sizes)) {
    const rows = results.sizes.map((s) => s.pages.find((r) => r.key === key));
    const label = rows.find(Boolean).label;
    const at = (n) => results.sizes.find((s) => s.size === n)?.pages.find((r) => r.key === key);
    // A page whose median size differs much between the two sizes (a version's document carries pictures
    // only in the 500-engagement seed) is not compared: its baseline is a different file at each.
    const sizeRatio = at(500) && at(5000) ? at(5000).medianBytes / at(500).medianBytes : NaN;
    const comparable = sizeRatio >= 2 / 3 && sizeRatio <= 1.5;
    const both = at(500) && at(5000);
    const growth = both ? at(5000).ratioCpu / at(500).ratioCpu : NaN;
    const cpuGrowth = both ? at(5000).page.cpuMs / at(500).page.cpuMs : NaN;
    const latencyGrowth = both ? at(5000).page.p50 / at(500).page.p50 : NaN;
    const limit = key === "portfolio" ? 10 : at(500)?.perEngagement ? 1.5 : null;
    lines.push(
      `| ${label} | ${rows.map((r) => (r ? `${f1(r.page.cpuMs)} (${f2(r.ratioCpu)}×)` : "not measured")).join(" | ")} | ${f2(growth)}× | ${f2(
        cpuGrowth
      )}× | ${f2(latencyGrowth)}× | ${
        limit === null
          ? "(none)"
          : !Number.isFinite(growth)
          ? `≤ ${limit}×: not measured`
          : !comparable
          ? `≤ ${limit}×: not comparable (median ${kb(at(500).medianBytes)} KiB at 500, ${kb(at(5000).medianBytes)} KiB at 5,000)`
          : `≤ ${limit}×: ${verdict(growth <= limit)}`
      } |`
    );
  }
  lines.push("");
  if (!flag("no-write")) fs.writeFileSync(path.join(root, "docs/benchmarks-growth.svg"), growthChart(results.sizes));
}

/** Every page measured at any size, in the order first measured. */
function pageKeys(sizes) {
  return [...new Set(sizes.flatMap((s) => s.pages.map((r) => r.key)))];
}

/** Each page's CPU time per request as a multiple of its bare baseline's, against the number of engagements, both axes logarithmic, one line per page (over the sizes it was measured at). */
function growthChart(sizes) {
  const W = 720;
  const H = 420;
  const left = 70;
  const right = 190;
  const top = 30;
  const bottom = 50;
  const keys = pageKeys(sizes);
  const values = sizes.flatMap((s) => s.pages.map((r) => r.ratioCpu)).filter((v) => v > 0);
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  const xs = sizes.map((s) => s.size);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const x = (n) => left + ((Math.log10(n) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin) || 1)) * (W - left - right);
  const y = (v) => top + (1 - (Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * (H - top - bottom);
  const colours = ["#1b6ca8", "#2e7d32", "#c62828", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037", "#37474f"];
  const esc = (t) => String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12" role="img" aria-labelledby="t">`,
    `<title id="t">Server CPU time per request of each page, as a multiple of its bare baseline's, against the number of engagements (${esc(
      machine.date.slice(0, 10)
    )}, commit ${esc(machine.commit)})</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
  ];
  for (let v = yMin; v <= yMax; v *= 10) {
    out.push(
      `<line x1="${left}" x2="${W - right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`,
      `<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end">${+v.toPrecision(3)}×</text>`
    );
  }
  for (const n of xs)
    out.push(
      `<line x1="${x(n)}" x2="${x(n)}" y1="${top}" y2="${H - bottom}" stroke="#eee"/>`,
      `<text x="${x(n)}" y="${H - bottom + 18}" text-anchor="middle">${n}</text>`
    );
  out.push(`<text x="${(left + W - right) / 2}" y="${H - 10}" text-anchor="middle">engagements in the database</text>`);
  out.push(
    `<text x="14" y="${(top + H - bottom) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(top + H - bottom) / 2})">CPU time per request, × bare's</text>`
  );
  keys.forEach((key, i) => {
    const measured = sizes.flatMap((s) => s.pages.filter((r) => r.key === key).map((r) => ({ size: s.size, row: r })));
    const points = measured.map(({ size, row }) => [x(size), y(Math.max(yMin, row.ratioCpu))]);
    const colour = colours[i % colours.length];
    out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.map((p) => p.map((c) => c.toFixed(1)).join(",")).join(" ")}"/>`);
    for (const [px, py] of points) out.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3" fill="${colour}"/>`);
    out.push(`<text x="${W - right + 12}" y="${top + 16 + i * 18}" fill="${colour}">${esc(measured[0].row.label)}</text>`);
  });
  out.push("</svg>", "");
  return out.join("\n");
}

lines.push("## Proposal .docx generation", "");
if (results.docx.error) lines.push(`Not measured: ${results.docx.error}`, "");
else {
  const d = results.docx;
  lines.push(
    `Version ${d.version.id} (engagement ${d.version.engagementId}, v${d.version.number}, ${
      d.version.approval
    }; the version of median content size among those with pictures): ${d.appShape.paragraphs} paragraphs, ${d.appShape.tables} tables (${
      d.appShape.rows
    } rows, ${d.appShape.cells} cells), ${d.appShape.images} images, ${d.appShape.textChars} characters of text, ${kb(d.appShape.bytes)} KiB. Median of ${
      d.runs
    } runs. Baseline: the docx library alone writing the same paragraphs, tables and images (${d.baselineShape.paragraphs} paragraphs, ${
      d.baselineShape.tables
    } tables, ${d.baselineShape.cells} cells, ${d.baselineShape.images} images, ${kb(
      d.baselineShape.bytes
    )} KiB) with no app logic. Target: within ${DOCX_TARGET}× with pictures cached.`,
    "",
    "| | median ms | min – max ms | ratio to baseline | target |",
    "|---|---:|---:|---:|---|",
    `| pictures cached (stored with the version; what the first download of a version does) | ${f1(d.cached.median)} | ${f1(d.cached.min)} – ${f1(
      d.cached.max
    )} | ${f2(d.ratioCached)}× | ${verdict(d.met)} |`,
    `| document kept (every later download of the version in the same approval state) | ${f1(d.kept.median)} | ${f1(d.kept.min)} – ${f1(d.kept.max)} | ${f2(
      d.ratioKept
    )}× | ${verdict(d.keptMet)} |`,
    `| pictures uncached (drawn with mermaid in Chromium each time, warm page) | ${d.uncached ? f1(d.uncached.median) : "–"} | ${
      d.uncached ? `${f1(d.uncached.min)} – ${f1(d.uncached.max)}` : d.uncachedError
    } | ${f2(d.ratioUncached)}× | (none) |`,
    `| baseline: docx library, same size | ${f1(d.baseline.median)} | ${f1(d.baseline.min)} – ${f1(d.baseline.max)} | 1× | |`,
    "",
    `The first uncached run, which also starts Chromium: ${f1(d.uncachedFirstMs)} ms.`,
    "",
    `Where the cached generation's time goes (CPU profile of ${Math.min(5, d.runs)} runs, share of busy time): ${Object.entries(d.cachedTimeShares ?? {})
      .map(([k, v]) => `${SHARE_LABELS[k] ?? k} ${(v * 100).toFixed(0)}%`)
      .join(", ")}.`,
    ""
  );
}

lines.push("## Client JavaScript per route", "");
lines.push(
  `What a document request for the route makes the browser load: entry.client and its imports, root, every matched route module and their imports (from the build's manifest), each file gzipped (level 6) and summed. Baseline: a bare Remix app's entry.client + root (bench/bare, built with the same @remix-run/dev and future flags): ${kb(
    bareSizes.entryAndRoot.gzip
  )} KiB gzip (${kb(bareSizes.entryAndRoot.raw)} KiB raw). The app's own entry.client + its imports alone: ${kb(
    js.runtime.gzip
  )} KiB; with the app's root: ${kb(js.root.gzip)} KiB.`,
  "",
  "",
  "*Not run*: the app's own code (minified KiB) in what the page loads that neither the route, the routes it sits in, root nor entry.client ever runs (decision 40): a route importing a shared module for its loader alone shows here, as do modules that share a chunk with ones the page uses.",
  "",
  "| route | gzip KiB | ratio to bare | not run | mermaid | zod |",
  "|---|---:|---:|---:|---|---|"
);
const routeRows = Object.entries(js.routes).filter(([id]) => id !== "root");
for (const [id, r] of routeRows.sort((a, b) => b[1].gzip - a[1].gzip)) {
  lines.push(
    `| \`${id.replace(/^routes\//, "")}\` | ${kb(r.gzip)} | ${f2(r.gzip / bareSizes.entryAndRoot.gzip)}× | ${r.unused ? kb(r.unused.bytes) : "–"} | ${
      r.mermaidWithPage ? "**with the page**" : r.mermaidOnDemand ? `on demand (+${kb(r.lazyGzip)} KiB lazily reachable)` : "no"
    } | ${r.zodWithPage ? "**shipped**" : "no"} |`
  );
}
lines.push(
  "",
  js.mermaid
    ? `Mermaid (\`${js.mermaid.chunk}\` and what it imports: ${kb(js.mermaid.gzip)} KiB gzip, plus ${kb(
        js.mermaid.flowchartGzip ?? 0
      )} KiB for a flowchart or ${kb(js.mermaid.ganttGzip ?? 0)} KiB for a gantt) is reachable from: ${
        withMermaid.map((x) => `\`${x.replace(/^routes\//, "")}\``).join(", ") || "no route"
      }; loaded with the page by: ${results.js.mermaidWithAnyPage.join(", ") || "none"}. Only where diagrams are drawn (driver diagram, timeline): ${
        results.js.mermaidOnlyWhereDiagrams ? "yes" : "**no**"
      }.`
    : "No mermaid chunk found in the build.",
  ""
);

lines.push("## Portfolio capacity computation", "");
const p = results.portfolio;
lines.push(
  `\`portfolioCapacity\` (app/domain/portfolio.ts) on data already loaded, median of ${p.page.capacity.runs} runs after 5 warm-up runs. Baseline: one bare pass over the same bookings adding FTE into a role × month array. Target: ≤ ${PORTFOLIO_TARGET_MS} ms.`,
  "",
  "| window | bookings (engagements) | cells | median ms | p95 ms | baseline ms | ratio | capacityRisks ms | target |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---|"
);
for (const [name, w] of [
  ["page: " + PORTFOLIO_LABEL(p.page), p.page],
  ["all booked months: " + PORTFOLIO_LABEL(p.all), p.all],
]) {
  lines.push(
    `| ${name} | ${w.bookings} (${w.engagementsBooked} of ${p.engagements}) | ${w.cells} | ${f2(w.capacity.median)} | ${f2(w.capacity.p95)} | ${f2(
      w.baseline.median
    )} | ${f2(w.capacity.median / w.baseline.median)}× | ${f2(w.risks.median)} | ${verdict(w.capacity.median <= PORTFOLIO_TARGET_MS)} |`
  );
}
lines.push(
  "",
  `Levels over the page's window: ${JSON.stringify(
    p.page.counts
  )} (the seeded portfolio books far more than 60 staff can carry, the worst case for the fit searches).`,
  ""
);
function PORTFOLIO_LABEL(w) {
  return `${w.months} months ${w.first}…${w.last}`;
}

lines.push("## Server memory", "");
const m = results.memory;
lines.push(
  `Resident set size (VmRSS from /proc/<pid>/status, sampled every 100 ms) of the app's server process while its pages were under load on the database of ${m.size} engagements, against the bare Remix app (bench/bare) while it served the baselines in the same run, at the same concurrency. Target: within ${MEMORY_TARGET}×.`,
  "",
  "| | idle MiB | median under load MiB | peak MiB | peak ratio | target |",
  "|---|---:|---:|---:|---:|---|",
  ...results.sizes.map(
    (s) =>
      `| app, ${s.size} engagements | ${f1(s.appRss.idle)} | ${f1(s.appRss.p50)} | ${f1(s.appRss.peak)} | ${f2(s.appRss.peak / results.bare.peak)}× | ${
        s.size === m.size ? verdict(m.met) : ""
      } |`
  ),
  `| bare Remix | ${f1(results.bare.idle)} | ${f1(results.bare.p50)} | ${f1(results.bare.peak)} | 1× | |`,
  "",
  `Peak RSS of the app while each page was under load (${m.size} engagements): ${pageResults.map((r) => `${r.key} ${f1(r.page.rssPeak)} MiB`).join(", ")}.`,
  ""
);

const summaryLines = [
  ...results.sizes.flatMap((s) =>
    s.pages.map(
      (r) =>
        `${String(s.size).padStart(5)}: page ${r.key.padEnd(11)} p95 ${f1(r.page.p95).padStart(7)} ms / bare ${f1(r.baseline.p95).padStart(6)} ms = ${f2(
          r.ratioP95
        ).padStart(6)}×  (p50 ${f2(r.ratioP50)}×, CPU ${f1(r.page.cpuMs)} ms = ${f2(r.ratioCpu)}×)  target ≤ ${r.target}×: ${r.met ? "met" : "MISSED"}`
    )
  ),
  ...results.sizes
    .filter((s) => s.golden)
    .map((s) => `${String(s.size).padStart(5)}: golden check ${s.golden.compared} comparisons, ${s.golden.differences.length} differences`),
  results.docx.error
    ? `docx: ${results.docx.error}`
    : `docx cached ${f1(results.docx.cached.median)} ms / baseline ${f1(results.docx.baseline.median)} ms = ${f2(
        results.docx.ratioCached
      )}×  target ≤ ${DOCX_TARGET}×: ${results.docx.met ? "met" : "MISSED"}; kept ${f1(results.docx.kept.median)} ms = ${f2(results.docx.ratioKept)}× (${
        results.docx.keptMet ? "met" : "MISSED"
      }); uncached ${f1(results.docx.uncached?.median)} ms = ${f2(results.docx.ratioUncached)}×`,
  `js: bare entry+root ${kb(bareSizes.entryAndRoot.gzip)} KiB gz; ${[
    "routes/engagements.$id._index",
    "routes/engagements.$id.fit",
    "routes/engagements.$id.timeline",
    "routes/engagements.$id.proposal",
    "routes/portfolio",
  ]
    .map(
      (id) =>
        `${id.replace(/^routes\/(engagements\.\$id\.)?/, "")} ${kb(js.routes[id]?.gzip ?? NaN)} KiB (${f2(
          (js.routes[id]?.gzip ?? NaN) / bareSizes.entryAndRoot.gzip
        )}×)`
    )
    .join(", ")}`,
  `js: mermaid reachable from ${withMermaid.join(", ") || "none"}; with any page: ${
    results.js.mermaidWithAnyPage.join(", ") || "none"
  } → only diagram routes: ${results.js.mermaidOnlyWhereDiagrams ? "yes" : "NO"}`,
  `portfolioCapacity median ${f2(p.page.capacity.median)} ms (18-month page window), ${f2(p.all.capacity.median)} ms (all 36 months); baseline ${f2(
    p.page.baseline.median
  )} ms = ${f2(p.page.capacity.median / p.page.baseline.median)}×  target ≤ ${PORTFOLIO_TARGET_MS} ms: ${p.met ? "met" : "MISSED"}`,
  `memory peak RSS ${f1(m.appPeak)} MiB / bare ${f1(m.barePeak)} MiB = ${f2(m.ratio)}×  target ≤ ${MEMORY_TARGET}×: ${m.met ? "met" : "MISSED"}`,
];
lines.push("## Summary", "", "```", ...summaryLines, "```", "");

// Hand-written notes (method and fixes) are kept from the existing file: everything from this heading on.
const NOTES = "## How the figures are taken, and what was fixed";
const doc = path.join(root, "docs/benchmarks.md");
const previous = fs.existsSync(doc) ? fs.readFileSync(doc, "utf8") : "";
const notes = previous.includes(NOTES) ? previous.slice(previous.indexOf(NOTES)) : `${NOTES}\n\n(See bench/run.mjs.)\n`;
if (!flag("no-write")) {
  fs.writeFileSync(doc, `${lines.join("\n")}\n${notes}`);
  log(`wrote ${path.relative(root, doc)}`);
}
fs.writeFileSync(path.join(tmp, "results.json"), JSON.stringify(results, null, 2));
console.log(["", ...summaryLines, "", `raw figures: ${path.join(tmp, "results.json")}`].join("\n"));
if (!flag("keep")) {
  for (const f of fs.readdirSync(tmp)) if (f !== "results.json") fs.rmSync(path.join(tmp, f), { recursive: true, force: true });
}
finished = true;
process.exit(0);
