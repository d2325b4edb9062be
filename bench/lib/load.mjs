// A small bounded load generator: N requests at C concurrent keep-alive connections over loopback,
// each timed from sending the request to reading the last byte of the body. Node's own http only.
import http from "node:http";
import fs from "node:fs";
import { execFileSync } from "node:child_process";

/** Clock ticks a second, the unit of /proc/<pid>/stat's CPU times. */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * The CPU time a process has used so far, user and system, in milliseconds (from /proc/<pid>/stat;
 * its threads included, so the garbage collector's and libuv's work counts). NaN once it has ended.
 */
export function cpuMsNow(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // After the name: state is field 3, utime field 14 and stime field 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(values) {
  return percentile(
    [...values].sort((a, b) => a - b),
    50
  );
}

function request(agent, port, path, headers) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = http.request({ host: "127.0.0.1", port, path, method: "GET", agent, headers }, (res) => {
      let bytes = 0;
      res.on("data", (chunk) => (bytes += chunk.length));
      res.on("end", () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - t0) / 1e6, bytes }));
      res.on("error", (e) => resolve({ status: 0, ms: Number(process.hrtime.bigint() - t0) / 1e6, bytes, error: e.message }));
    });
    req.on("error", (e) => resolve({ status: 0, ms: Number(process.hrtime.bigint() - t0) / 1e6, bytes: 0, error: e.message }));
    req.end();
  });
}

/**
 * Runs `warmup` requests (not recorded), then `requests` requests, `concurrency` at a time, stopping
 * early after `maxSeconds`. `path` is a string or a function of the request's number. Given the
 * server's `pid`, it also reports the CPU time the server spent per recorded request (`cpuMs`): the
 * request's cost, which other work on the machine changes far less than its response time.
 */
export async function load({ port, path, cookie, requests, concurrency, warmup = 0, maxSeconds = Infinity, pid }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const headers = { accept: "text/html", "accept-encoding": "identity", ...(cookie ? { cookie } : {}) };
  const pathOf = typeof path === "function" ? path : () => path;
  const run = async (count, record, limit = maxSeconds) => {
    let issued = 0;
    const results = [];
    const started = Date.now();
    const worker = async () => {
      while (issued < count && (Date.now() - started) / 1000 < limit) {
        const i = issued++;
        const r = await request(agent, port, pathOf(i), headers);
        if (record) results.push(r);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
    return { results, seconds: (Date.now() - started) / 1000 };
  };
  await run(warmup, false, Math.min(maxSeconds, 20));
  const cpuBefore = pid ? cpuMsNow(pid) : NaN;
  const { results, seconds } = await run(requests, true);
  const cpuMs = (cpuMsNow(pid) - cpuBefore) / (results.length || 1);
  agent.destroy();
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return {
    n: results.length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms[ms.length - 1],
    cpuMs,
    mean: ms.reduce((a, b) => a + b, 0) / (ms.length || 1),
    rps: results.length / seconds,
    seconds,
    statuses,
    ok: results.every((r) => r.status === 200),
    errors: [...new Set(results.filter((r) => r.error).map((r) => r.error))].slice(0, 3),
    bytes: Math.round(results.reduce((a, r) => a + r.bytes, 0) / (results.length || 1)),
    truncated: results.length < requests,
  };
}

/** Samples a process's resident set size (VmRSS, in MiB) while `work` runs. */
export async function sampleRss(pid, work, everyMs = 100) {
  const samples = [];
  const read = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) samples.push(Number(m[1]) / 1024);
    } catch {
      /* the process ended */
    }
  };
  read();
  const timer = setInterval(read, everyMs);
  try {
    const result = await work();
    read();
    return { result, rss: rssSummary(samples) };
  } finally {
    clearInterval(timer);
  }
}

export function rssSummary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples: samples.length, peak: sorted[sorted.length - 1] ?? NaN, p50: percentile(sorted, 50), first: samples[0] ?? NaN };
}

export function rssNow(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}
