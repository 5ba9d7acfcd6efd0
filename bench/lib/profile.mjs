// Summarizes V8 .cpuprofile files: CPU time by area (package / server module / GC / idle), top functions
// by self time, and top functions by total (self + callees, synchronous stack only).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { table } from './common.mjs';

function area(url, fn) {
  if (!url) {
    if (fn === '(idle)') return 'idle (waiting: I/O, fsync, timers)';
    if (fn === '(garbage collector)') return 'garbage collector';
    if (fn === '(program)') return 'V8/native (program)';
    return `native ${fn}`;
  }
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  const server = /server\/dist\/(.+?)\.js/.exec(url);
  if (server) return `server: ${server[1]}`;
  const shared = /shared\/dist\/(.+?)\.js/.exec(url);
  if (shared) return `shared: ${shared[1]}`;
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  return url;
}

function label(cf) {
  const file = cf.url ? cf.url.replace(/^.*\/(node_modules\/|server\/dist\/|shared\/dist\/)/, '$1') : '';
  return `${cf.functionName || '(anonymous)'} ${file ? `${file}:${cf.lineNumber + 1}` : ''}`.trim();
}

/**
 * `window`: optional [fromMs, toMs] on CLOCK_MONOTONIC (bench nowMs()); V8 profile timestamps are on the
 * same clock (µs), so only the samples of a measured phase count, not start-up.
 */
export function summarizeProfile(profile, { top = 25, window = null } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (window && (t < window[0] * 1000 || t > window[1] * 1000)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });

  let totalUs = 0;
  const areas = new Map();
  const selfByFn = new Map();
  const totalByFn = new Map();
  for (const [id, us] of selfUs) {
    totalUs += us;
    const node = byId.get(id);
    const cf = node.callFrame;
    const a = area(cf.url, cf.functionName);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const l = label(cf);
    selfByFn.set(l, (selfByFn.get(l) ?? 0) + us);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const cl = label(byId.get(cur).callFrame);
      if (seen.has(cl) || cl.startsWith('(root)')) continue;
      seen.add(cl);
      totalByFn.set(cl, (totalByFn.get(cl) ?? 0) + us);
    }
  }
  const busyUs = totalUs - (areas.get('idle (waiting: I/O, fsync, timers)') ?? 0);
  const pct = (us) => `${((100 * us) / totalUs).toFixed(1)}%`;
  const ms = (us) => (us / 1000).toFixed(0);
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);

  const lines = [];
  lines.push(
    `profile${window ? ' of the measured phases' : ''}: ${(totalUs / 1e6).toFixed(1)} s sampled, busy (not idle) ${(busyUs / 1e6).toFixed(1)} s = ${pct(busyUs)}`,
  );
  lines.push(
    table([
      ['area', 'self ms', 'share'],
      ...sorted(areas)
        .slice(0, 20)
        .map(([a, us]) => [a, ms(us), pct(us)]),
    ]),
  );
  lines.push('');
  lines.push(
    table([
      ['top functions by self time', 'self ms', 'share'],
      ...sorted(selfByFn)
        .slice(0, top)
        .map(([f, us]) => [f.slice(0, 110), ms(us), pct(us)]),
    ]),
  );
  lines.push('');
  lines.push(
    table([
      ['top functions by total time (synchronous callees included)', 'total ms', 'share'],
      ...sorted(totalByFn)
        .filter(([f]) => !/^\((program|idle|garbage collector)\)/.test(f))
        .slice(0, top)
        .map(([f, us]) => [f.slice(0, 110), ms(us), pct(us)]),
    ]),
  );
  return lines.join('\n');
}

/** startConveyor() options that preload the sampling profiler, writing into `dir` on SIGTERM. */
export function profilerOptions(dir, intervalUs = 500) {
  return {
    nodeArgs: ['--import', new URL('./profiler-preload.mjs', import.meta.url).href],
    env: { BENCH_PROFILE_DIR: dir, BENCH_PROFILE_INTERVAL_US: String(intervalUs) },
  };
}

/** Summaries of every .cpuprofile in a folder. */
export function summarizeProfiles(dir, options) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return '(no profile was written)';
  return files.map((f) => summarizeProfile(JSON.parse(readFileSync(join(dir, f), 'utf8')), options)).join('\n\n');
}

// `node bench/lib/profile.mjs some.cpuprofile` prints a summary of a saved profile.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()) && process.argv[2]) {
  console.log(summarizeProfile(JSON.parse(readFileSync(process.argv[2], 'utf8')), { top: Number(process.argv[3] ?? 30) }));
}

/**
 * startConveyor() options for the diagnostics: `profileDir` preloads the CPU profiler, `traceDir` the
 * SQL/transaction tracer. Either may be null.
 */
export function diagnosticsOptions({ profileDir = null, traceDir = null } = {}) {
  const nodeArgs = [];
  const env = {};
  if (profileDir) {
    const p = profilerOptions(profileDir);
    nodeArgs.push(...p.nodeArgs);
    Object.assign(env, p.env);
  }
  if (traceDir) {
    nodeArgs.push('--import', new URL('./sql-trace-preload.mjs', import.meta.url).href);
    env.BENCH_TRACE_DIR = traceDir;
  }
  return { nodeArgs, env };
}

const pctl = (values, p) => {
  const s = Float64Array.from(values).sort();
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};

/** Per-phase transaction statistics from the SQL tracer. `phases`: [{ name, from, to }] in epoch ms. */
export function summarizeTrace(dir, phases) {
  const files = readdirSync(dir).filter((f) => f.startsWith('sql-trace-'));
  if (files.length === 0) return '(no SQL trace was written)';
  const trace = JSON.parse(readFileSync(join(dir, files[0]), 'utf8'));
  const rows = [
    ['phase', 'tx', 'events/tx', 'queries/tx', 'tx wall p50/p99 ms', 'in driver ms/tx', 'JS between queries ms/tx', 'COMMIT p50/p99 ms'],
  ];
  for (const ph of phases) {
    const t = trace.transactions.filter((x) => x.at >= ph.from && x.at < ph.to && x.events > 0);
    if (t.length === 0) continue;
    const mean = (f) => t.reduce((s, x) => s + f(x), 0) / t.length;
    rows.push([
      ph.name,
      t.length,
      mean((x) => x.events).toFixed(1),
      mean((x) => x.queries).toFixed(1),
      `${pctl(
        t.map((x) => x.wallMs),
        50,
      ).toFixed(1)} / ${pctl(
        t.map((x) => x.wallMs),
        99,
      ).toFixed(1)}`,
      mean((x) => x.driverMs).toFixed(1),
      mean((x) => x.wallMs - x.driverMs).toFixed(1),
      `${pctl(
        t.map((x) => x.commitMs),
        50,
      ).toFixed(1)} / ${pctl(
        t.map((x) => x.commitMs),
        99,
      ).toFixed(1)}`,
    ]);
  }
  const kinds = Object.entries(trace.kinds)
    .slice(0, 14)
    .map(([k, v]) => [k, v.n, (v.ms / v.n).toFixed(2), v.maxMs.toFixed(1), (v.params / v.n).toFixed(0), ((v.rows ?? 0) / v.n).toFixed(0)]);
  return [
    `SQL trace (driver calls timed from call to callback; main-thread event-loop utilization over the server's life ${(100 * trace.eventLoopUtilization).toFixed(0)}%):`,
    table(rows),
    '',
    table([['statement kind (whole run)', 'count', 'mean ms', 'max ms', 'params/stmt', 'rows read/stmt'], ...kinds]),
  ].join('\n');
}
