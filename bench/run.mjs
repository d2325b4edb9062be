#!/usr/bin/env node
/*
 * npm run bench — the performance benchmarks (targets and results in docs/benchmarks.md). Never part of npm test.
 *
 * 1. Builds the app if needed and copies the build into a temporary folder (so a rebuild by someone
 *    else during the run changes nothing), then seeds a LARGE database there (bench/seed.ts).
 * 2. Page response under load: the real server.js on that database, a signed-in session, 32
 *    concurrent keep-alive connections over loopback; p50 / p95 of five pages, each against the
 *    baseline (GET /notices for a user with none: the smallest Remix page) measured just before it.
 * 3. Proposal .docx generation (bench/docx.ts): pictures stored vs drawn each time, against the docx
 *    library writing a document of the same size.
 * 4. Client JavaScript per route (gzip) from the build's manifest, against a bare Remix app's
 *    entry + root (bench/bare), and where mermaid is loaded.
 * 5. portfolioCapacity over all 500 engagements (bench/portfolio-capacity.ts).
 * 6. Server memory (VmRSS) during the page test, against the bare Remix app under the same load.
 * Writes docs/benchmarks.md and prints the figures.
 *
 * Options: --requests N (per page, default 400) --warmup N (default 40) --concurrency N (default 32)
 *          --docx-runs N (default 20) --keep (keep the temporary folder) --db FILE (reuse a seeded
 *          database instead of seeding) --app DIR (use this built app instead of building)
 *          --no-write (do not write docs/benchmarks.md) --max-seconds N (per page, default 60)
 *          --app-node-options "…" (NODE_OPTIONS for the app server only, for experiments)
 */
import { execFileSync, execSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { clientJs, bareJs } from "./lib/client-js.mjs";
import { load, rssNow, rssSummary } from "./lib/load.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const flag = (name) => argv.includes(`--${name}`);
const REQUESTS = Number(opt("requests", 400));
const WARMUP = Number(opt("warmup", 40));
const CONCURRENCY = Number(opt("concurrency", 32));
const DOCX_RUNS = Number(opt("docx-runs", 20));
const MAX_SECONDS_PER_PAGE = Number(opt("max-seconds", 60));
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
  fs.symlinkSync(path.join(root, "node_modules"), path.join(appDir, "node_modules"));
}
appDir = path.resolve(appDir);
const buildVersion = fs.readFileSync(path.join(appDir, "build/version.txt"), "utf8").trim();

// ------------------------------------------------------------------------------------------------
// The large database

const dbFile = path.join(tmp, "planner.sqlite");
let seed;
if (opt("db")) {
  log(`copying the seeded database ${opt("db")}`);
  fs.copyFileSync(opt("db"), dbFile);
  seed = JSON.parse(fs.readFileSync(opt("db").replace(/\.sqlite$/, ".json"), "utf8"));
} else {
  log("seeding the large database (bench/seed.ts)…");
  const summary = path.join(tmp, "seed.json");
  execFileSync(tsx, ["--tsconfig", "tsconfig.json", "bench/seed.ts", dbFile, summary], { stdio: ["ignore", "ignore", "inherit"] });
  seed = JSON.parse(fs.readFileSync(summary, "utf8"));
  if (flag("keep")) fs.copyFileSync(summary, dbFile.replace(/\.sqlite$/, ".json"));
}
log(`seeded: ${JSON.stringify(seed.counts)} in ${seed.seconds}s`);

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
  child.stderr.on("data", (d) => {
    if (output.length < 20_000) output += d;
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
// 2 + 6. Pages under load, and the server's memory meanwhile

const results = { machine, seed: { ...seed, engagements: undefined }, buildVersion };

// Engagements to visit, round-robin: every tenth, so every stage and method is in the mix.
const engagementIds = seed.engagements.filter((_, i) => i % 10 === 3).map((e) => e.id);
const PAGES = [
  { key: "overview", label: "Engagement overview", path: (i) => `/engagements/${engagementIds[i % engagementIds.length]}` },
  { key: "fit", label: "Fit", path: (i) => `/engagements/${engagementIds[i % engagementIds.length]}/fit` },
  { key: "timeline", label: "Timeline", path: (i) => `/engagements/${engagementIds[i % engagementIds.length]}/timeline` },
  { key: "proposal", label: "Proposal (live draft)", path: (i) => `/engagements/${engagementIds[i % engagementIds.length]}/proposal` },
  { key: "portfolio", label: "Portfolio", path: () => "/portfolio" },
];
const BASELINE_PATH = "/notices";

log("starting the app server on the large database…");
const app = await startServer(path.join(appDir, "server.js"), {
  ...(opt("app-node-options") ? { NODE_OPTIONS: opt("app-node-options") } : {}),
  DATABASE_PATH: dbFile,
  SEED_DEMO: "0",
  DRAW_PICTURES_AT_START: "0",
  PLANNER_TODAY: TODAY,
});
const cookie = await signIn(app.port, seed.email, seed.password);
const rssIdle = rssNow(app.pid);

// A page must render in full for the figures to mean anything.
for (const page of [{ key: "baseline", path: () => BASELINE_PATH }, ...PAGES]) {
  const res = await fetch(`http://127.0.0.1:${app.port}${page.path(0)}`, { headers: { cookie } });
  const html = await res.text();
  if (res.status !== 200 || !html.includes("</html>")) throw new Error(`${page.path(0)} answered ${res.status}: ${html.slice(0, 500)}`);
  if (page.key === "baseline" && !html.includes("Nothing waits for you"))
    throw new Error("The baseline user has notices; the baseline would not be the empty page.");
}

const appRss = [];
const rssTimer = setInterval(() => {
  try {
    appRss.push(rssNow(app.pid));
  } catch {
    /* ended */
  }
}, 100);
const pageResults = [];
const runLoad = (port, p, c) =>
  load({ port, path: p, cookie: c, requests: REQUESTS, concurrency: CONCURRENCY, warmup: WARMUP, maxSeconds: MAX_SECONDS_PER_PAGE });
for (const page of PAGES) {
  log(`load: ${BASELINE_PATH} (baseline) then ${page.path(0).replace(/\d+/, ":id")}…`);
  const baseline = await runLoad(app.port, BASELINE_PATH, cookie);
  const from = appRss.length;
  const measured = await runLoad(app.port, page.path, cookie);
  measured.rssPeak = Math.max(...appRss.slice(from));
  if (!baseline.ok || !measured.ok)
    log(
      `  non-200 answers: baseline ${JSON.stringify(baseline.statuses)} ${baseline.errors.join("; ")}, page ${JSON.stringify(
        measured.statuses
      )} ${measured.errors.join("; ")}`
    );
  const row = {
    ...page,
    path: page.path(0).replace(/\/engagements\/\d+/, "/engagements/:id"),
    baseline,
    page: measured,
    ratioP50: measured.p50 / baseline.p50,
    ratioP95: measured.p95 / baseline.p95,
  };
  row.met = row.ratioP95 <= PAGE_TARGET && measured.ok && !measured.truncated;
  pageResults.push(row);
  log(
    `  p50 ${measured.p50.toFixed(1)} ms / ${baseline.p50.toFixed(1)} ms = ${row.ratioP50.toFixed(2)}×; p95 ${measured.p95.toFixed(1)} / ${baseline.p95.toFixed(
      1
    )} = ${row.ratioP95.toFixed(2)}× ${row.met ? "MET" : "MISSED"}`
  );
}
clearInterval(rssTimer);
results.pages = pageResults;
results.appRss = { idle: rssIdle, ...rssSummary(appRss) };
const appTotalRequests = pageResults.reduce((n, r) => n + r.baseline.n + r.page.n + 2 * WARMUP, 0);
await stopServer(app);

// The bare Remix app under the same load: the same number of requests at the same concurrency.
log("building and serving the bare Remix app (bench/bare)…");
const bareOut = path.join(tmp, "bare");
execFileSync(path.join(root, "node_modules/.bin/remix"), ["build", "bench/bare"], {
  env: { ...process.env, BARE_OUT: bareOut, NODE_ENV: "production" },
  stdio: ["ignore", "ignore", "inherit"],
});
fs.symlinkSync(path.join(root, "node_modules"), path.join(bareOut, "node_modules")); // its build imports the project's packages
const bare = await startServer(path.join(root, "bench/bare/server.mjs"), { BARE_OUT: bareOut }, { ready: /listening on/ });
const bareIdle = rssNow(bare.pid);
const bareRss = [];
const bareTimer = setInterval(() => bareRss.push(rssNow(bare.pid)), 100);
const bareLoads = [];
for (let i = 0; i < PAGES.length * 2; i++) bareLoads.push(await runLoad(bare.port, "/", undefined));
clearInterval(bareTimer);
await stopServer(bare);
results.bare = {
  idle: bareIdle,
  ...rssSummary(bareRss),
  requests: bareLoads.reduce((n, r) => n + r.n + WARMUP, 0),
  latencyP50: bareLoads.map((r) => r.p50).sort((a, b) => a - b)[Math.floor(bareLoads.length / 2)],
  latencyP95: bareLoads.map((r) => r.p95).sort((a, b) => a - b)[Math.floor(bareLoads.length / 2)],
};
results.memory = {
  appPeak: results.appRss.peak,
  barePeak: results.bare.peak,
  ratio: results.appRss.peak / results.bare.peak,
  appRequests: appTotalRequests,
  bareRequests: results.bare.requests,
};
results.memory.met = results.memory.ratio <= MEMORY_TARGET;
log(`memory: app peak ${results.appRss.peak.toFixed(0)} MiB vs bare ${results.bare.peak.toFixed(0)} MiB = ${results.memory.ratio.toFixed(2)}×`);

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
if (withPictures.length) {
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
const c = seed.counts;
lines.push(
  `- Database: ${c.engagements} engagements (${Object.entries(seed.stages)
    .map(([k, v]) => `${v} ${k.replace(/_/g, " ")}`)
    .join(", ")}; ${Object.entries(seed.methods)
    .map(([k, v]) => `${v} ${k}`)
    .join(", ")}), each with intake, method decision, timeline and driver diagram; ${c.proposal_versions} frozen proposal versions with ${
    c.proposal_pictures
  } stored pictures; ${c.staff} staff; ${c.bookings} bookings (${seed.bookings.confirmed} confirmed, ${seed.bookings.tentative} tentative) over ${
    seed.bookings.months
  } months (${seed.bookings.first} to ${seed.bookings.last}); ${c.audit_log} audit rows; ${seed.sizeMB} MB. Seeded in ${
    seed.seconds
  } s. PLANNER_TODAY=${TODAY}.`,
  ""
);

lines.push("## Page response under load", "");
lines.push(
  `${CONCURRENCY} concurrent keep-alive connections over loopback, ${WARMUP} warm-up requests then ${REQUESTS} measured per page (the load generator runs on the same CPUs). Engagement pages rotate over ${engagementIds.length} engagements (every tenth, all stages and methods). Baseline: \`GET ${BASELINE_PATH}\` for a user with no notices, measured immediately before each page. Target: p95 within ${PAGE_TARGET}× the baseline.`,
  ""
);
lines.push("| page | path | p50 ms | p95 ms | baseline p50 / p95 ms | p50 ratio | p95 ratio | target |", "|---|---|---:|---:|---:|---:|---:|---|");
for (const r of pageResults) {
  lines.push(
    `| ${r.label} | \`${r.path}\` | ${f1(r.page.p50)} | ${f1(r.page.p95)} | ${f1(r.baseline.p50)} / ${f1(r.baseline.p95)} | ${f2(r.ratioP50)}× | ${f2(
      r.ratioP95
    )}× | ${verdict(r.met)}${r.page.truncated ? ` (stopped after ${r.page.n} requests, ${MAX_SECONDS_PER_PAGE} s)` : ""} |`
  );
}
lines.push(
  "",
  `Throughput (requests/s): ${pageResults
    .map((r) => `${r.key} ${r.page.rps.toFixed(0)} (baseline ${r.baseline.rps.toFixed(0)})`)
    .join(", ")}. Mean HTML size: ${pageResults.map((r) => `${r.key} ${kb(r.page.bytes)} KiB`).join(", ")}, baseline ${kb(pageResults[0].baseline.bytes)} KiB.`,
  ""
);

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
  "| route | gzip KiB | ratio to bare | mermaid | zod |",
  "|---|---:|---:|---|---|"
);
const routeRows = Object.entries(js.routes).filter(([id]) => id !== "root");
for (const [id, r] of routeRows.sort((a, b) => b[1].gzip - a[1].gzip)) {
  lines.push(
    `| \`${id.replace(/^routes\//, "")}\` | ${kb(r.gzip)} | ${f2(r.gzip / bareSizes.entryAndRoot.gzip)}× | ${
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
  `Resident set size (VmRSS from /proc/<pid>/status, sampled every 100 ms) of the app's server process during the page test (${m.appRequests} requests), against the bare Remix app (bench/bare: root + one route, served by bench/bare/server.mjs with server.js's middleware and @remix-run/express) under the same load (${m.bareRequests} requests at ${CONCURRENCY} connections). Target: within ${MEMORY_TARGET}×.`,
  "",
  "| | idle MiB | median under load MiB | peak MiB | peak ratio | target |",
  "|---|---:|---:|---:|---:|---|",
  `| app (server.js, large database) | ${f1(results.appRss.idle)} | ${f1(results.appRss.p50)} | ${f1(results.appRss.peak)} | ${f2(m.ratio)}× | ${verdict(
    m.met
  )} |`,
  `| bare Remix | ${f1(results.bare.idle)} | ${f1(results.bare.p50)} | ${f1(results.bare.peak)} | 1× | |`,
  "",
  `Peak RSS of the app while each page was under load: ${pageResults.map((r) => `${r.key} ${f1(r.page.rssPeak)} MiB`).join(", ")}. Mean HTML size: ${pageResults
    .map((r) => `${r.key} ${kb(r.page.bytes)} KiB`)
    .join(", ")}.`,
  ""
);

const summaryLines = [
  ...pageResults.map(
    (r) =>
      `page ${r.key.padEnd(10)} p95 ${f1(r.page.p95).padStart(7)} ms / baseline ${f1(r.baseline.p95).padStart(6)} ms = ${f2(r.ratioP95).padStart(
        6
      )}×  (p50 ${f2(r.ratioP50)}×)  target ≤ ${PAGE_TARGET}×: ${r.met ? "met" : "MISSED"}`
  ),
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
