// Small helpers shared by the benchmark scripts: clocks, percentiles, CPU accounting, argument parsing, tables.
import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * Milliseconds on CLOCK_MONOTONIC (process.hrtime). On Linux this clock is shared by every process on
 * the machine, so a time taken in the load generator and one taken in the socket-client process can be
 * subtracted directly.
 */
export function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Percentile (nearest rank) of a sorted numeric array-like. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** p50 / p90 / p99 / max / mean of some samples (ms). Accepts an Array or a Float64Array. */
export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}

/** CPU seconds (user+system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid = process.pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3 overall; utime/stime are fields 14/15 (1-based), i.e. 11/12 here.
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

/** Measures the CPU share (in cores) a process used between start() and stop(). */
export function cpuMeter(pid) {
  const c0 = cpuSeconds(pid);
  const t0 = nowMs();
  return () => {
    const cores = (cpuSeconds(pid) - c0) / ((nowMs() - t0) / 1000);
    return Math.round(cores * 100) / 100;
  };
}

/** `--name=value` and `--flag` arguments into an object (camelCased names). */
export function parseArgs(argv = process.argv.slice(2)) {
  const out = {};
  for (const arg of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (!m) continue;
    const key = m[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    out[key] = m[2] === undefined ? true : m[2];
  }
  return out;
}

export function num(value, fallback) {
  if (value === undefined || value === true) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${value}`);
  return n;
}

export function fmt(value, digits = 1) {
  if (value === undefined || value === null || Number.isNaN(value)) return 'n/a';
  if (typeof value !== 'number') return String(value);
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Ratio a / b, printed as "x.xx×". */
export function ratio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return 'n/a';
  return `${(a / b).toFixed(2)}×`;
}

/** A plain text table: first row is the header. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c ?? '').padEnd(widths[i]) : String(c ?? '').padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function machine() {
  const c = cpus();
  return `${c.length} × ${c[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}; load avg ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

export function log(...parts) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${parts.join(' ')}\n`);
}

/** Machine-wide busy CPU (cores) from /proc/stat, between start and stop. */
function procStat() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] ?? 0);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return { idle, total };
}

export function machineCpuMeter() {
  let a;
  try {
    a = procStat();
  } catch {
    return () => NaN;
  }
  const n = cpus().length;
  return () => {
    const b = procStat();
    const total = b.total - a.total;
    return total > 0 ? Math.round(((total - (b.idle - a.idle)) / total) * n * 100) / 100 : NaN;
  };
}

/** CPU seconds of every user-space process (not kernel threads), by pid. */
function processTimes() {
  const out = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(f[1]);
      if (ppid === 2 || name === '2') continue; // kernel threads
      out.set(Number(name), { cpu: (Number(f[11]) + Number(f[12])) / 100, comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * CPU (cores) of user-space processes that are not ours, between start and stop: a browser test run or a
 * build on the same box. `ours()` returns the pids of this bench (itself, the server, the fleet).
 * Returns { cores, top } where top names the biggest ones.
 */
export function othersCpuMeter(ours) {
  let before;
  try {
    before = processTimes();
  } catch {
    return () => ({ cores: NaN, top: '' });
  }
  const t0 = nowMs();
  return () => {
    const after = processTimes();
    const mine = new Set(ours());
    const secs = (nowMs() - t0) / 1000;
    const used = [];
    for (const [pid, { cpu, comm }] of after) {
      if (mine.has(pid)) continue;
      const d = cpu - (before.get(pid)?.cpu ?? 0);
      if (d > 0) used.push([comm, d / secs]);
    }
    used.sort((a, b) => b[1] - a[1]);
    const cores = Math.round(used.reduce((s, [, c]) => s + c, 0) * 100) / 100;
    return {
      cores,
      top: used
        .filter(([, c]) => c >= 0.02)
        .slice(0, 3)
        .map(([n, c]) => `${n} ${c.toFixed(2)}`)
        .join(', '),
    };
  };
}

/**
 * Waits (up to maxWaitMs) until no other user-space process uses more than `threshold` cores (1 s sample).
 * Other work on a 2-core box (a browser test run, a build) changes every figure, so each measured phase
 * starts on a quiet machine when it can, and reports what else ran during it.
 */
export async function waitForQuiet({ threshold = 0.1, maxWaitMs = 180_000, label = '', ours = () => [process.pid] } = {}) {
  const t0 = nowMs();
  let busy;
  let warned = false;
  for (;;) {
    const m = othersCpuMeter(ours);
    await sleep(1000);
    busy = m();
    if (!(busy.cores >= threshold) || nowMs() - t0 > maxWaitMs) break;
    if (!warned) {
      log(`${label}: other processes use ${busy.cores} cores (${busy.top}); waiting up to ${maxWaitMs / 1000} s for a quiet machine`);
      warned = true;
    }
  }
  if (warned) log(`${label}: ${busy.cores >= threshold ? 'still busy, measuring anyway' : 'quiet now'} (${busy.cores} cores)`);
  return busy.cores;
}

/** The commit the bench runs against, and whether server/ or shared/ have uncommitted changes. */
export function codeVersion() {
  if (process.env.BENCH_SERVER_MAIN) return `server build ${process.env.BENCH_SERVER_MAIN} (BENCH_SERVER_MAIN)`;
  const repo = fileURLToPath(new URL('../..', import.meta.url));
  try {
    const head = execFileSync('git', ['-C', repo, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', repo, 'status', '--porcelain', '--', 'server', 'shared'], { encoding: 'utf8' }).trim();
    return `commit ${head}${dirty ? ` + uncommitted changes in server/ or shared/ (${dirty.split('\n').length} files)` : ''}, server/dist/main.js`;
  } catch {
    return 'commit unknown (no git)';
  }
}

/** mulberry32: a small seeded PRNG, the same numbers on every machine, so a run can be made again. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** CPU (cores) of the server, this process, other processes, and the whole machine over one phase. */
export function phaseCpu(serverPid) {
  const server = serverPid ? cpuMeter(serverPid) : () => 0;
  const self = cpuMeter(process.pid);
  const all = machineCpuMeter();
  const others = othersCpuMeter(() => [process.pid, serverPid]);
  return () => {
    const o = others();
    const c = { server: server(), generator: self(), machine: all(), others: o.cores, othersTop: o.top };
    c.unattributed = Math.max(0, Math.round((c.machine - c.server - c.generator - c.others) * 100) / 100);
    return c;
  };
}
