#!/usr/bin/env node
// Thousands of sockets: N socket.io clients (websocket, the display token, each subscribed to what a wall TV
// follows) held by separate child processes, while events flow through the ingest API at fixed rates; then
// the server is restarted and the bench times until every client is back on the latest standings.
//
//   node bench/sockets.mjs [--clients=5000] [--per-process=500] [--rates=10,200] [--seconds=12]
//                          [--boards=wall|month|teams] [--kind=call|meeting] [--db=sqlite|postgres|sqlite,postgres]
//                          [--instances=1] [--no-restart] [--back-timeout=60] [--quiet-wait=120] [--json]
//
// --instances=N (N > 1) runs N servers on one PostgreSQL and one Redis (REDIS_URL): fleets are spread
// over the instances, POSTs go round-robin to them, and every figure is also given per instance.
//
// Figures: server RSS (max of VmRSS sampled every 250 ms, from /proc), the server's own event-loop lag
// (perf_hooks histogram preloaded into the server, bench/lib/loop-lag-preload.mjs, taken per phase),
// event → client latency (send time just before the POST, receive time first thing in the client's
// `awards` handler, both CLOCK_MONOTONIC), how many clients got each event, and the restart.
import { fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startPostgres, startRedis } from '../scripts/lib/services.mjs';
import { fixedRate, LIVE_TARGETS } from './live.mjs';
import {
  codeVersion,
  cpuMeter,
  fmt,
  log,
  machine,
  nowMs,
  num,
  othersCpuMeter,
  parseArgs,
  sleep,
  table,
  waitForQuiet,
} from './lib/common.mjs';
import {
  ADMIN_TOKEN,
  DISPLAY_TOKEN,
  eventFactory,
  freePort,
  httpClient,
  MAIN,
  seedOffice,
  stopChild,
  tempDir,
  track,
  waitForLine,
} from './lib/server.mjs';

export const SOCKETS_TARGETS = { rssMb: 400, loopLagP99Ms: 50, backSeconds: 15, latencyP99Ms: LIVE_TARGETS };

const FLEET = fileURLToPath(new URL('./lib/fleet.mjs', import.meta.url));
const LOOP_PRELOAD = new URL('./lib/loop-lag-preload.mjs', import.meta.url).href;

/** What each client subscribes to. `wall`: what the wall TV follows by default (client/src/lib/realtime/wall-live.ts). */
const ROLES = ['telemarketer', 'sales', 'account'];
const BOARD_SETS = {
  wall: [
    ...['teams', ...ROLES].map((board) => ({ board, period: 'month' })),
    ...['quarter', 'year'].flatMap((period) => ['teams', ...ROLES].map((board) => ({ board, period }))),
  ],
  month: ['teams', ...ROLES].map((board) => ({ board, period: 'month' })),
  teams: [{ board: 'teams', period: 'month' }],
};

/** `uptime`'s load averages, printed beside each figure: the 2 cores are shared. */
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/** One Conveyor instance that can be stopped and started again on the same port and data. */
function conveyorInstance({ index, dataDir, databaseUrl, redisUrl }) {
  let child = null;
  let out = '';
  let port = 0;
  const self = {
    index,
    get pid() {
      return child?.pid;
    },
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    output: () => out,
    async start() {
      if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build -w shared && npm run build -w server`);
      port ||= await freePort();
      out = '';
      child = track(
        spawn(process.execPath, ['--import', LOOP_PRELOAD, MAIN], {
          cwd: dataDir,
          env: {
            ...process.env,
            PORT: String(port),
            HOST: '127.0.0.1',
            ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_PATH: join(dataDir, 'conveyor.db') }),
            ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
            OFFICE_TIMEZONE: 'Europe/Moscow',
            CONVEYOR_ADMIN_TOKEN: ADMIN_TOKEN,
            CONVEYOR_DISPLAY_TOKEN: DISPLAY_TOKEN,
            LOG_LEVEL: 'warn',
            BENCH_LOOP_LAG: '1',
          },
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        }),
      );
      const keep = (c) => (out = (out + c).slice(-20_000));
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      await waitForLine(child, 'Conveyor listening on http://', 60_000, () => out);
    },
    /** SIGTERM, as a deploy does (SIGKILL after 10 s). */
    stop: () => stopChild(child, 10_000),
    /** The server's event-loop lag since the last call (the preload answers over IPC). */
    loopLag() {
      const none = { p50: NaN, p99: NaN, max: NaN };
      if (!child?.connected) return Promise.resolve(none);
      return new Promise((resolve) => {
        const timer = setTimeout(() => (child.off('message', onMessage), resolve(none)), 5000);
        const onMessage = (m) => {
          if (m?.type !== 'loop-lag') return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(m);
        };
        child.on('message', onMessage);
        child.send('loop-lag');
      });
    },
  };
  return self;
}

/** A fleet child (bench/lib/fleet.mjs) with a request/answer helper over IPC. */
function startFleet(index) {
  const child = track(fork(FLEET, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const ask = (msg, expect, timeoutMs = 300_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fleet ${index}: no "${expect}" in ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (m) => {
        if (m.type !== 'error' && m.type !== expect) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        if (m.type === 'error') reject(new Error(`fleet ${index}: ${m.message}`));
        else resolve(m);
      };
      child.on('message', onMessage);
      child.send(msg);
    });
  return {
    index,
    pid: child.pid,
    ask,
    async close() {
      if (child.connected) await ask({ cmd: 'close' }, 'closed', 20_000).catch(() => undefined);
      await stopChild(child, 2000);
    },
  };
}

/** Percentiles of a merged 1 ms histogram (Map ms → count). */
function histogramSummary(buckets) {
  const sorted = [...buckets.entries()].sort((a, b) => a[0] - b[0]);
  const count = sorted.reduce((n, [, c]) => n + c, 0);
  const at = (p) => {
    const rank = Math.ceil((p / 100) * count);
    let seen = 0;
    for (const [ms, c] of sorted) {
      seen += c;
      if (seen >= rank) return ms + 1; // the bucket's upper edge
    }
    return NaN;
  };
  return { count, p50: at(50), p95: at(95), p99: at(99), max: sorted.length ? sorted[sorted.length - 1][0] + 1 : NaN };
}

function mergeHistograms(results) {
  const buckets = new Map();
  for (const r of results) for (const [ms, c] of r.histogram) buckets.set(ms, (buckets.get(ms) ?? 0) + c);
  return histogramSummary(buckets);
}

/** Samples every instance's RSS every 250 ms; `take()` gives the max since the last take, per instance. */
function rssSampler(instances) {
  let max = new Map();
  const sample = () => {
    for (const s of instances) {
      if (!s.pid) continue;
      const { rss } = rssMb(s.pid);
      if (rss > (max.get(s.index) ?? 0)) max.set(s.index, rss);
    }
  };
  const timer = setInterval(sample, 250);
  sample();
  return {
    take() {
      sample();
      const out = max;
      max = new Map();
      return out;
    },
    stop: () => clearInterval(timer),
  };
}

async function standingsPoints(url) {
  const client = httpClient(url, { token: DISPLAY_TOKEN });
  try {
    const res = await client.request('GET', '/api/standings?board=teams&period=month');
    if (res.status !== 200) throw new Error(`GET /api/standings: ${res.status} ${res.text.slice(0, 200)}`);
    const body = JSON.parse(res.text);
    return { points: body.rows.reduce((sum, row) => sum + row.points, 0), version: body.version };
  } finally {
    client.close();
  }
}

/** One configuration: database, instances, clients; every rate, then the restart. */
async function runOne({ db, instances: count, clients, perProcess, rates, seconds, boards, kind, restart, backTimeoutS, quietWaitS }) {
  const label = `${db}${count > 1 ? ` × ${count} instances` : ''}`;
  const services = [];
  const instances = [];
  const fleets = [];
  const dataDir = tempDir('conveyor-sockets-');
  const result = { label, db, instances: count, clients, boards: boards.length, runs: [], loadAtStart: load() };
  let sampler = null;
  try {
    let databaseUrl = null;
    let redisUrl = null;
    if (db === 'postgres') {
      const pg = await startPostgres();
      services.push(pg);
      databaseUrl = pg.url;
    }
    if (count > 1) {
      const redis = await startRedis();
      services.push(redis);
      redisUrl = redis.url;
    }
    for (let i = 0; i < count; i++) {
      const dir = join(dataDir, `i${i}`);
      mkdirSync(dir, { recursive: true });
      instances.push(conveyorInstance({ index: i, dataDir: count > 1 ? dir : dataDir, databaseUrl, redisUrl }));
    }
    // The first one runs the migrations alone; the others start on a migrated database.
    await instances[0].start();
    await Promise.all(instances.slice(1).map((s) => s.start()));
    log(`sockets/${label}: ${count} instance(s) up (${instances.map((s) => `pid ${s.pid} ${s.url}`).join(', ')})`);

    const admin = httpClient(instances[0].url);
    const { telemarketers } = await seedOffice(admin);
    admin.close();

    sampler = rssSampler(instances);
    const idleRss = instances.map((s) => rssMb(s.pid).rss);

    // Fleets: `perProcess` clients each, spread over the instances.
    const processes = Math.ceil(clients / perProcess);
    for (let k = 0; k < processes; k++) fleets.push(startFleet(k));
    const ours = () => [process.pid, ...instances.map((s) => s.pid), ...fleets.map((f) => f.pid)];
    // Other work on the 2 cores changes every figure: each phase waits (a while) for a quiet machine.
    const quiet = (phase) => waitForQuiet({ label: `sockets/${label} ${phase}`, ours, maxWaitMs: quietWaitS * 1000 });
    await quiet('connect');
    const t0 = nowMs();
    log(`sockets/${label}: connecting ${clients} clients from ${processes} processes, ${boards.length} board(s) each`);
    const connected = await Promise.all(
      fleets.map((f) =>
        f.ask(
          {
            cmd: 'connect',
            url: instances[f.index % count].url,
            token: DISPLAY_TOKEN,
            clients: Math.min(perProcess, clients - f.index * perProcess),
            boards,
            reconnect: true,
            concurrency: 25,
            timeoutMs: 240_000,
          },
          'connected',
        ),
      ),
    );
    const subscribed = connected.reduce((n, c) => n + c.subscribed, 0);
    result.connect = {
      seconds: (nowMs() - t0) / 1000,
      subscribed,
      errors: connected.reduce((n, c) => n + c.errors, 0),
      firstError: connected.find((c) => c.firstError)?.firstError ?? '',
      load: load(),
    };
    log(`sockets/${label}: ${subscribed}/${clients} subscribed in ${fmt(result.connect.seconds, 1)} s (load ${load()})`);
    if (subscribed < clients) throw new Error(`only ${subscribed}/${clients} clients got their snapshots (${result.connect.firstError})`);
    result.rssConnected = instances.map((s) => rssMb(s.pid).rss);
    result.rssIdle = idleRss;

    const posters = instances.map((s) => httpClient(s.url, { maxSockets: 256 }));
    let turn = 0;
    const post = (body) => posters[turn++ % posters.length].request('POST', '/api/events', body);
    try {
      // Warm-up, not measured.
      await Promise.all(fleets.map((f) => f.ask({ cmd: 'run', prefix: 'warm-' }, 'running')));
      await fixedRate({ rate: 20, seconds: 2, perPost: 1, makeEvent: eventFactory(kind, telemarketers, `warm-${label}`), post });
      await sleep(1500);
      await Promise.all(fleets.map((f) => f.ask({ cmd: 'collect', sent: [], compact: true }, 'result')));

      for (const rate of rates) {
        const prefix = `sockets-${rate}-`;
        await quiet(`${rate}/s`);
        log(`sockets/${label}: ${rate} events/s for ${seconds} s (load ${load()})`);
        await Promise.all(fleets.map((f) => f.ask({ cmd: 'run', prefix }, 'running')));
        await Promise.all(instances.map((s) => s.loopLag())); // starts each server's histogram afresh
        sampler.take();
        const others = othersCpuMeter(ours);
        const serverCpu = instances.map((s) => cpuMeter(s.pid));
        const fleetCpu = fleets.map((f) => cpuMeter(f.pid));
        const genCpu = cpuMeter(process.pid);
        const loadBefore = load();
        const sent = await fixedRate({ rate, seconds, perPost: 1, makeEvent: eventFactory(kind, telemarketers, prefix), post });
        const cpu = {
          servers: serverCpu.map((m) => m()),
          fleets: Math.round(fleetCpu.reduce((s, m) => s + m(), 0) * 100) / 100,
          generator: genCpu(),
        };
        await sleep(2000); // the last window goes out and arrives
        const lag = await Promise.all(instances.map((s) => s.loopLag()));
        const rss = sampler.take();
        const o = others();
        const answers = await Promise.all(fleets.map((f) => f.ask({ cmd: 'collect', sent: sent.sent, compact: true }, 'result')));
        // Per event: clients that got it (all fleets), and when the last of them did.
        const perEvent = sent.sent.map((_, e) => {
          let got = 0;
          let last = NaN;
          for (const a of answers) {
            const [g, l] = a.perEvent[e]; // NaN comes over IPC as null
            got += g;
            if (typeof l === 'number') last = Number.isNaN(last) ? l : Math.max(last, l);
          }
          return { got, last };
        });
        const perInstance = instances.map((s) => {
          const mine = answers.filter((_, k) => k % count === s.index);
          return {
            index: s.index,
            clients: mine.reduce((n, a) => n + a.clients, 0),
            rssMaxMb: rss.get(s.index) ?? NaN,
            loopLag: lag[s.index],
            cpu: cpu.servers[s.index],
            latency: mergeHistograms(mine),
            missing: mine.reduce((n, a) => n + a.missing, 0),
          };
        });
        const run = {
          rate,
          load: { ...sent, sent: undefined },
          latency: mergeHistograms(answers),
          missing: answers.reduce((n, a) => n + a.missing, 0),
          fullyDelivered: perEvent.filter((e) => e.got === clients).length,
          fewestClients: perEvent.reduce((m, e) => Math.min(m, e.got), Infinity),
          lastClientP99: histogramSummary(
            perEvent.reduce(
              (m, e) => (Number.isNaN(e.last) ? m : m.set(Math.floor(e.last), (m.get(Math.floor(e.last)) ?? 0) + 1)),
              new Map(),
            ),
          ).p99,
          fleetLoopP99: Math.max(...answers.map((a) => a.loopDelayP99)),
          perInstance,
          rssMaxMb: Math.max(...perInstance.map((p) => p.rssMaxMb)),
          loopLagP99: Math.max(...perInstance.map((p) => p.loopLag.p99)),
          cpu,
          others: o,
          loadBefore,
          loadAfter: load(),
        };
        result.runs.push(run);
        log(
          `sockets/${label} ${rate}/s: p99 ${fmt(run.latency.p99, 0)} ms, missing ${run.missing}, RSS ${fmt(run.rssMaxMb, 0)} MB, loop lag p99 ${fmt(run.loopLagP99, 1)} ms (load ${run.loadAfter})`,
        );
      }
    } finally {
      posters.forEach((p) => p.close());
    }

    if (restart) {
      await quiet('restart');
      const others = othersCpuMeter(ours);
      result.restart = await restartAll({ label, instances, fleets, clients, backTimeoutS });
      result.restart.others = others();
    }
    result.rssMaxMb = Math.max(...result.runs.map((r) => r.rssMaxMb), ...result.rssConnected);
  } finally {
    sampler?.stop();
    await Promise.all(fleets.map((f) => f.close()));
    await Promise.all(instances.map((s) => s.stop()));
    for (const s of services.reverse()) await s.stop().catch(() => undefined);
  }
  return result;
}

/**
 * SIGTERM every instance, start it again on the same port and data, and time until every client has
 * reconnected and has a snapshot of each of its boards with the points acknowledged before the restart.
 */
async function restartAll({ label, instances, fleets, clients, backTimeoutS }) {
  await sleep(1500); // the last updates settle
  const expected = await standingsPoints(instances[0].url);
  await Promise.all(fleets.map((f) => f.ask({ cmd: 'expect', key: 'teams|month', points: expected.points }, 'expecting')));
  log(`sockets/${label}: restarting (teams/month holds ${expected.points} points, load ${load()})`);
  const t0 = nowMs();
  await Promise.all(instances.map((s) => s.stop()));
  const stoppedS = (nowMs() - t0) / 1000;
  await Promise.all(instances.map((s) => s.start()));
  const listeningS = (nowMs() - t0) / 1000;
  const marks = {};
  let status;
  const deadline = nowMs() + backTimeoutS * 1000;
  for (;;) {
    const answers = await Promise.all(fleets.map((f) => f.ask({ cmd: 'status' }, 'status')));
    status = {
      connected: answers.reduce((n, a) => n + a.connected, 0),
      back: answers.reduce((n, a) => n + a.back, 0),
      // -Infinity (none back yet) comes over IPC as null
      lastBackAt: Math.max(-Infinity, ...answers.map((a) => a.lastBackAt).filter((t) => typeof t === 'number')),
      reconnects: answers.reduce((n, a) => n + a.reconnects, 0),
    };
    for (const share of [50, 90, 99]) marks[share] ??= status.back >= (clients * share) / 100 ? (nowMs() - t0) / 1000 : undefined;
    if (status.back >= clients || nowMs() > deadline) break;
    await sleep(100);
  }
  const allBackS = status.back >= clients ? (status.lastBackAt - t0) / 1000 : NaN;
  const after = await standingsPoints(instances[0].url);
  log(`sockets/${label}: ${status.back}/${clients} back ${fmt(allBackS, 1)} s after SIGTERM (listening after ${fmt(listeningS, 1)} s)`);
  return { expected, after, stoppedS, listeningS, allBackS, sinceListeningS: allBackS - listeningS, marks, ...status, load: load() };
}

export async function runSockets(opts = {}) {
  const clients = num(opts.clients, 5000);
  const perProcess = num(opts.perProcess, 500);
  const rates = String(opts.rates ?? '10,200')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const seconds = num(opts.seconds, 12);
  const boardSet = String(opts.boards ?? 'wall');
  const boards = BOARD_SETS[boardSet];
  if (!boards) throw new Error(`--boards=${boardSet}: one of ${Object.keys(BOARD_SETS).join(', ')}`);
  const kind = String(opts.kind ?? 'call');
  const instances = num(opts.instances, 1);
  const dbs = String(opts.db ?? (instances > 1 ? 'postgres' : 'sqlite')).split(',');
  if (instances > 1 && dbs.includes('sqlite')) throw new Error('--instances needs --db=postgres (one database for all)');
  const restart = !opts.noRestart;
  const backTimeoutS = num(opts.backTimeout, 60);
  const quietWaitS = num(opts.quietWait, 120);
  const out = { clients, perProcess, rates, seconds, boardSet, boards: boards.length, kind, instances, configs: [] };
  for (const db of dbs) {
    out.configs.push(await runOne({ db, instances, clients, perProcess, rates, seconds, boards, kind, restart, backTimeoutS, quietWaitS }));
  }
  return out;
}

export function printSockets(r) {
  const lines = [
    `Sockets — ${r.clients} socket.io clients (websocket, display token) in ${Math.ceil(r.clients / r.perProcess)} processes of ≤ ${r.perProcess}, ` +
      `each subscribed to ${r.boards} board(s) (${r.boardSet}); ${r.kind} events, one per POST, ${r.seconds} s per rate` +
      `${r.instances > 1 ? `; ${r.instances} instances on one PostgreSQL and one Redis, POSTs round-robin` : ''}.`,
  ];
  const rows = [['figure', ...r.configs.map((c) => c.label), 'target']];
  const cells = (f) => r.configs.map((c) => f(c));
  rows.push([
    `connect + snapshots of ${r.clients} clients s`,
    ...cells((c) => `${fmt(c.connect.seconds, 1)} (load ${c.connect.load.split(' ')[0]})`),
    '',
  ]);
  rows.push([
    'server RSS MB: idle / connected',
    ...cells((c) => `${fmt(Math.max(...c.rssIdle), 0)} / ${fmt(Math.max(...c.rssConnected), 0)}`),
    '',
  ]);
  rows.push(['server RSS MB, max (all phases)', ...cells((c) => fmt(c.rssMaxMb, 0)), `≤ ${SOCKETS_TARGETS.rssMb}`]);
  for (const rate of r.rates) {
    const run = (c) => c.runs.find((x) => x.rate === rate);
    const cell = (f) => cells((c) => (run(c) ? f(run(c)) : '—'));
    rows.push([
      `${rate}/s event→client p50 / p95 / p99 ms`,
      ...cell((x) => `${x.latency.p50} / ${x.latency.p95} / ${x.latency.p99}`),
      `p99 ≤ ${LIVE_TARGETS[rate] ?? '—'}`,
    ]);
    rows.push([`${rate}/s last client p99 / max ms`, ...cell((x) => `${x.lastClientP99} / ${x.latency.max}`), '']);
    rows.push([
      `${rate}/s events to all clients / sent; fewest clients`,
      ...cell((x) => `${x.fullyDelivered} / ${x.load.events}; ${x.fewestClients}`),
      '',
    ]);
    rows.push([`${rate}/s missing deliveries`, ...cell((x) => String(x.missing)), '0']);
    rows.push([
      `${rate}/s server loop lag p99 / max ms`,
      ...cell((x) => `${fmt(x.loopLagP99, 1)} / ${fmt(Math.max(...x.perInstance.map((p) => p.loopLag.max)), 0)}`),
      `p99 ≤ ${SOCKETS_TARGETS.loopLagP99Ms}`,
    ]);
    rows.push([`${rate}/s server RSS max MB`, ...cell((x) => fmt(x.rssMaxMb, 0)), `≤ ${SOCKETS_TARGETS.rssMb}`]);
    rows.push([
      `${rate}/s achieved events/s; POST ack p99 ms`,
      ...cell((x) => `${fmt(x.load.achievedRate, 1)}; ${fmt(x.load.ack.p99, 0)}`),
      '',
    ]);
    rows.push([
      `${rate}/s CPU cores servers / fleets / sender`,
      ...cell((x) => `${x.cpu.servers.map((v) => fmt(v, 2)).join('+')} / ${fmt(x.cpu.fleets, 2)} / ${fmt(x.cpu.generator, 2)}`),
      '',
    ]);
    rows.push([`${rate}/s other processes cores; load avg after`, ...cell((x) => `${fmt(x.others.cores, 2)}; ${x.loadAfter}`), '']);
    rows.push([`${rate}/s fleet loop delay p99 ms (worst process)`, ...cell((x) => fmt(x.fleetLoopP99, 0)), '']);
  }
  if (r.configs.some((c) => c.restart)) {
    const rs = (f) => cells((c) => (c.restart ? f(c.restart) : '—'));
    rows.push(['restart: SIGTERM → exited / listening again s', ...rs((x) => `${fmt(x.stoppedS, 1)} / ${fmt(x.listeningS, 1)}`), '']);
    rows.push([
      'restart: 50 / 90 / 99 % back s',
      ...rs((x) => `${fmt(x.marks[50], 1)} / ${fmt(x.marks[90], 1)} / ${fmt(x.marks[99], 1)}`),
      '',
    ]);
    rows.push([
      'restart: all back on the latest standings s (after listening)',
      ...rs((x) => `${fmt(x.allBackS, 1)} (${fmt(x.sinceListeningS, 1)})`),
      `≤ ${SOCKETS_TARGETS.backSeconds}`,
    ]);
    rows.push(['restart: back / clients; reconnects; load', ...rs((x) => `${x.back} / ${r.clients}; ${x.reconnects}; ${x.load}`), '']);
    rows.push(['restart: other processes cores', ...rs((x) => fmt(x.others?.cores, 2)), '']);
    rows.push(['restart: teams/month points before / after', ...rs((x) => `${x.expected.points} / ${x.after.points}`), 'equal']);
  }
  lines.push(table(rows));
  for (const c of r.configs.filter((x) => x.instances > 1)) {
    lines.push('', `Per instance, ${c.label}:`);
    const prow = [
      [
        'instance',
        ...r.rates.flatMap((rate) => [
          `${rate}/s clients`,
          `${rate}/s p99 ms`,
          `${rate}/s missing`,
          `${rate}/s loop p99 ms`,
          `${rate}/s RSS MB`,
          `${rate}/s CPU`,
        ]),
      ],
    ];
    for (let i = 0; i < c.instances; i++) {
      prow.push([
        String(i),
        ...r.rates.flatMap((rate) => {
          const p = c.runs.find((x) => x.rate === rate)?.perInstance[i];
          return p
            ? [p.clients, p.latency.p99, p.missing, fmt(p.loopLag.p99, 1), fmt(p.rssMaxMb, 0), fmt(p.cpu, 2)]
            : ['—', '—', '—', '—', '—', '—'];
        }),
      ]);
    }
    lines.push(table(prow));
  }
  return lines.join('\n');
}

export function socketsVerdicts(r) {
  const out = [];
  for (const c of r.configs) {
    out.push({
      name: `server RSS MB, ${r.clients} sockets (${c.label})`,
      value: c.rssMaxMb,
      target: `≤ ${SOCKETS_TARGETS.rssMb}`,
      ok: c.rssMaxMb <= SOCKETS_TARGETS.rssMb,
    });
    for (const run of c.runs) {
      const target = LIVE_TARGETS[run.rate];
      if (target)
        out.push({
          name: `event→client p99 ms @${run.rate}/s, ${r.clients} sockets (${c.label})`,
          value: run.latency.p99,
          target: `≤ ${target}`,
          ok: run.latency.p99 <= target && run.missing === 0,
        });
      out.push({
        name: `server loop lag p99 ms @${run.rate}/s (${c.label})`,
        value: run.loopLagP99,
        target: `≤ ${SOCKETS_TARGETS.loopLagP99Ms}`,
        ok: run.loopLagP99 <= SOCKETS_TARGETS.loopLagP99Ms,
      });
    }
    if (c.restart)
      out.push({
        name: `all ${r.clients} back after a restart, s (${c.label})`,
        value: c.restart.allBackS,
        target: `≤ ${SOCKETS_TARGETS.backSeconds}`,
        ok: c.restart.allBackS <= SOCKETS_TARGETS.backSeconds,
      });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = parseArgs();
  console.log(`Machine: ${machine()}`);
  console.log(`Code: ${codeVersion()}`);
  try {
    const r = await runSockets(opts);
    console.log(opts.json ? JSON.stringify(r, null, 2) : printSockets(r));
    process.exit(0);
  } catch (error) {
    console.error(`benchmark failed: ${error?.stack ?? error}`);
    process.exit(1); // the exit hook in lib/server.mjs kills the children and removes the temp folders
  }
}
