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
 * Two servers' pages measured in turns, so that both see the machine as it is during the same minutes:
 * each warmed up, then `rounds` rounds of `requests / rounds` requests each, `a` first in the odd
 * rounds and `b` first in the even ones (a slow minute then falls on both alike, whichever it starts
 * in). Each side's figures are summarised over all its rounds, as `load` reports them. `onTurn(side)` is
 * called as each side's requests start ("a" or "b") and with null when the rounds are over. Each side
 * stops after `maxSeconds` of its own requests.
 */
export async function loadInTurns(a, b, { requests, rounds = 4, maxSeconds = Infinity, onTurn = () => {} }) {
  const targets = { a: loadTarget(a), b: loadTarget(b) };
  const done = { a: [], b: [] };
  for (const side of ["a", "b"]) {
    onTurn(side);
    await targets[side].warm();
  }
  for (let r = 0; r < rounds; r++) {
    for (const side of r % 2 === 0 ? ["a", "b"] : ["b", "a"]) {
      const count = Math.floor(((r + 1) * requests) / rounds) - Math.floor((r * requests) / rounds);
      // Each side stops after `maxSeconds` of its own requests, as `load` does.
      const left = maxSeconds - done[side].reduce((t, d) => t + d.seconds, 0);
      onTurn(side);
      done[side].push(await targets[side].round(count, Math.max(0, left)));
    }
  }
  onTurn(null);
  targets.a.close();
  targets.b.close();
  return { a: summarise(done.a, requests), b: summarise(done.b, requests) };
}

/** How long after a round's last answer its server's CPU time is read. */
const SETTLE_MS = 100;

/** A server's page to put under load: `warm()` once, then as many `round(count, seconds)` as wanted. */
function loadTarget({ port, path, cookie, concurrency, warmup = 0, maxSeconds = Infinity, pid }) {
  // Connections are kept from round to round, as a browser keeps them (new ones for every round made
  // each round's first requests the slowest of all). One left idle while the other server has its turn
  // is closed after four seconds, before the server's own keep-alive timeout of five would close it
  // just as a request goes out on it; a request waiting for its answer is not affected.
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency, timeout: 4000 });
  const headers = { accept: "text/html", "accept-encoding": "identity", ...(cookie ? { cookie } : {}) };
  const pathOf = typeof path === "function" ? path : () => path;
  let numbered = 0;
  const run = async (count, limit) => {
    let issued = 0;
    const results = [];
    const started = Date.now();
    const worker = async () => {
      while (issued < count && (Date.now() - started) / 1000 < limit) {
        issued++;
        results.push(await request(agent, port, pathOf(numbered++), headers));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
    return { results, seconds: (Date.now() - started) / 1000 };
  };
  return {
    warm: async () => {
      await run(warmup, Math.min(maxSeconds, 20));
    },
    round: async (count, limit) => {
      const cpuBefore = pid ? cpuMsNow(pid) : NaN;
      const { results, seconds } = await run(count, limit);
      // What the server does just after the last answer (collecting garbage, say) is this round's work too.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      return { results, seconds, cpuTotalMs: cpuMsNow(pid) - cpuBefore };
    },
    close: () => agent.destroy(),
  };
}

/** One side's figures over its rounds: response times' percentiles, CPU time per request, throughput. */
function summarise(rounds, requests) {
  const results = rounds.flatMap((r) => r.results);
  const seconds = rounds.reduce((a, r) => a + r.seconds, 0);
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return {
    n: results.length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms[ms.length - 1],
    cpuMs: rounds.reduce((a, r) => a + r.cpuTotalMs, 0) / (results.length || 1),
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
