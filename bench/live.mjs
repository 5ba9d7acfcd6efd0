#!/usr/bin/env node
// Live benchmark: event → socket latency with N connected socket.io clients, at fixed event rates, for
// Conveyor (built server, child process) and for a bare socket.io 4.8 server (child process) in the same run.
//
//   node bench/live.mjs [--clients=1000] [--rates=10,200] [--seconds=12] [--live-kinds=call,meeting] [--per-post=1]
//                       [--bare-window-ms=250,0] [--bare-update-window-ms=W] [--unbatched-rates=10] [--retries=2] [--profile] [--trace-sql] [--json]
//
// Processes: this one is the load generator (POSTs at a fixed rate, open loop, send time taken just before
// each request); the socket fleet is a child (bench/lib/fleet.mjs); the server under test is another child.
// All on 127.0.0.1. Latency = receive time in the fleet − send time here, both on CLOCK_MONOTONIC.
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  codeVersion,
  cpuMeter,
  fmt,
  log,
  machine,
  machineCpuMeter,
  nowMs,
  num,
  othersCpuMeter,
  parseArgs,
  ratio,
  sleep,
  summarize,
  table,
  waitForQuiet,
} from './lib/common.mjs';
import { diagnosticsOptions, summarizeProfiles, summarizeTrace } from './lib/profile.mjs';
import {
  ADMIN_TOKEN,
  DISPLAY_TOKEN,
  eventFactory,
  freePort,
  httpClient,
  removeTempDir,
  seedOffice,
  startConveyor,
  stopChild,
  tempDir,
  track,
  waitForLine,
} from './lib/server.mjs';

export const LIVE_TARGETS = { 10: 150, 200: 400 }; // p99 ms per rate

const FLEET = fileURLToPath(new URL('./lib/fleet.mjs', import.meta.url));
const BARE = fileURLToPath(new URL('./lib/bare-server.mjs', import.meta.url));

/**
 * Each client holds one socket in the fleet and one in the server (both inherit this process's limit):
 * refuse early, with the fix, rather than fail half-way with EMFILE.
 */
function checkFileLimit(clients) {
  let soft;
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    soft = Number(line?.split(/\s{2,}/)[1]) || Infinity;
  } catch {
    return;
  }
  if (soft < clients + 256)
    throw new Error(`open-file limit ${soft} is too low for ${clients} clients: run \`ulimit -n ${clients * 2 + 1024}\` first`);
}

/** The fleet child with a request/answer helper over IPC. */
function startFleet() {
  const child = track(fork(FLEET, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const ask = (msg, expect, timeoutMs = 180_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fleet: no "${expect}" in ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (m) => {
        if (m.type === 'error') {
          clearTimeout(timer);
          child.off('message', onMessage);
          reject(new Error(`fleet: ${m.message}`));
        } else if (m.type === expect) {
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(m);
        }
      };
      child.on('message', onMessage);
      child.send(msg);
    });
  return {
    pid: child.pid,
    ask,
    async close() {
      if (child.connected) await ask({ cmd: 'close' }, 'closed', 10_000).catch(() => undefined);
      await stopChild(child, 2000);
    },
  };
}

async function startBare(windowMs, updateWindowMs = windowMs) {
  const port = await freePort();
  let out = '';
  const child = track(
    spawn(
      process.execPath,
      [
        BARE,
        `--port=${port}`,
        `--token=${DISPLAY_TOKEN}`,
        `--admin-token=${ADMIN_TOKEN}`,
        `--window-ms=${windowMs}`,
        `--update-window-ms=${updateWindowMs}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  await waitForLine(child, 'bare listening on', 15_000, () => out);
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, output: () => out, dispose: () => stopChild(child) };
}

/**
 * Open loop at `rate` events/s for `seconds` (at most rate × seconds events): each tick sends every event
 * that is due, one POST each (or `perPost` events per POST), without waiting for answers.
 */
export async function fixedRate({ rate, seconds, perPost, makeEvent, post, maxInFlight = 2000 }) {
  const total = Math.round(rate * seconds);
  const sent = [];
  const acks = [];
  let inFlight = 0;
  let failed = 0;
  let skipped = 0;
  let firstError = '';
  let due = 0;
  const posts = Math.ceil(total / perPost);
  const t0 = nowMs();
  const pending = [];
  while (due < posts) {
    const target = Math.min(posts, Math.floor(((nowMs() - t0) / 1000) * (rate / perPost)) + 1);
    for (; due < target; due++) {
      if (inFlight >= maxInFlight) {
        skipped++;
        continue;
      }
      const events = Array.from({ length: Math.min(perPost, total - due * perPost) }, makeEvent);
      const at = nowMs();
      inFlight++;
      pending.push(
        post(perPost === 1 ? events[0] : events)
          .then((res) => {
            if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text.slice(0, 200)}`);
            acks.push(nowMs() - at);
            for (const e of events) sent.push([e.id, at]);
          })
          .catch((error) => {
            failed++;
            firstError ||= String(error);
          })
          .finally(() => inFlight--),
      );
    }
    await sleep(1);
  }
  const sendSeconds = (nowMs() - t0) / 1000;
  await Promise.all(pending);
  const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const tenth = Math.max(1, Math.floor(acks.length / 10));
  // Mean ack latency of the first and last tenth (in completion order): rising means the server falls behind.
  const ackTrend = acks.length ? [avg(acks.slice(0, tenth)), avg(acks.slice(-tenth))] : [NaN, NaN];
  return {
    sent,
    events: sent.length,
    posts: posts - skipped,
    sendSeconds,
    achievedRate: sent.length / sendSeconds,
    ack: summarize(acks),
    ackTrend,
    failed,
    skipped,
    firstError,
  };
}

/** Connects the fleet to a server, then runs each rate and collects latencies. */
async function measure({ label, url, serverPid, clients, rates, seconds, kind, perPost, telemarketers, retries = 2 }) {
  const fleet = startFleet();
  const results = { label, clients, runs: [] };
  const client = httpClient(url, { maxSockets: 256 });
  try {
    log(`live/${label}: connecting ${clients} socket.io clients`);
    const c = await fleet.ask({ cmd: 'connect', url, token: DISPLAY_TOKEN, clients, board: 'teams', period: 'month' }, 'connected');
    results.connect = c;
    if (c.subscribed < clients) throw new Error(`only ${c.subscribed}/${clients} clients got a snapshot (${c.firstError})`);
    log(`live/${label}: ${c.subscribed} subscribed in ${fmt(c.ms / 1000, 1)} s`);
    const post = (body) => client.request('POST', '/api/events', body);

    // Warm-up: a few seconds at a low rate, not measured (JIT, pools, first window).
    await fleet.ask({ cmd: 'run', prefix: 'warm-' }, 'running');
    await fixedRate({ rate: 20, seconds: 2, perPost: 1, makeEvent: eventFactory(kind, telemarketers, `warm-${label}`), post });
    await sleep(1000);
    await fleet.ask({ cmd: 'collect', sent: [] }, 'result');

    for (const rate of rates) {
      for (let attempt = 1; ; attempt++) {
        const prefix = `live-${label}-${rate}-${attempt}-`;
        log(`live/${label}: ${rate} events/s for ${seconds} s${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
        const ours = () => [process.pid, serverPid, fleet.pid];
        await waitForQuiet({ label: `live/${label} ${rate}/s`, ours });
        await fleet.ask({ cmd: 'run', prefix }, 'running');
        const serverCpu = cpuMeter(serverPid);
        const genCpu = cpuMeter(process.pid);
        const fleetCpu = cpuMeter(fleet.pid);
        const machineCpu = machineCpuMeter();
        const othersCpu = othersCpuMeter(ours);
        const from = nowMs();
        const load = await fixedRate({ rate, seconds, perPost, makeEvent: eventFactory(kind, telemarketers, prefix), post });
        const to = nowMs();
        const cpu = { server: serverCpu(), generator: genCpu(), fleet: fleetCpu(), machine: machineCpu() };
        await sleep(1500); // let the last window go out and arrive
        const o = othersCpu();
        Object.assign(cpu, { others: o.cores, othersTop: o.top });
        cpu.unattributed = Math.max(0, Math.round((cpu.machine - cpu.server - cpu.generator - cpu.fleet - cpu.others) * 100) / 100);
        const r = await fleet.ask({ cmd: 'collect', sent: load.sent }, 'result');
        await sleep(500);
        if (o.cores >= 0.1 && attempt <= retries) {
          log(
            `live/${label} ${rate}/s: disturbed (other processes used ${o.cores} cores: ${o.top}), measuring again (${attempt}/${retries})`,
          );
          continue;
        }
        results.runs.push({ rate, from, to, attempts: attempt, load: { ...load, sent: undefined }, delivery: r, cpu });
        break;
      }
    }
  } finally {
    client.close();
    await fleet.close();
  }
  return results;
}

export async function runLive(opts = {}) {
  const clients = num(opts.clients, 1000);
  const rates = String(opts.rates ?? '10,200')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const seconds = num(opts.seconds, 12);
  // Each kind runs on a fresh Conveyor: `call` (scored with the daily-norm scope) and `meeting` (meeting.scheduled).
  // --live-kinds=none measures the bare baselines only.
  const kinds = String(opts.liveKinds ?? opts.kind ?? 'call,meeting')
    .split(',')
    .filter((k) => k && k !== 'none');
  const perPost = num(opts.perPost, 1);
  const retries = num(opts.retries, 2);
  // Bare baselines: with LiveHub's 250 ms coalescing (same wire behaviour), and with none (transport floor).
  const bareWindows = String(opts.bareWindowMs ?? '250,0')
    .split(',')
    .filter((x) => x !== '')
    .map(Number)
    .filter((n) => n >= 0);
  // Without coalescing every event is its own broadcast (rate × clients frames/s); at 200/s that is 200,000
  // frames/s into one fleet process, which then measures itself. By default that baseline runs at 10/s only.
  const unbatchedRates = String(opts.unbatchedRates ?? '10')
    .split(',')
    .map(Number)
    .filter((n) => rates.includes(n));
  const out = { clients, rates, seconds, kinds, perPost, bareWindows, unbatchedRates, conveyors: [], bares: [] };
  checkFileLimit(clients);

  for (const kind of kinds) {
    const profileDir = opts.profile ? tempDir('conveyor-prof-') : null;
    const traceDir = opts.traceSql ? tempDir('conveyor-trace-') : null;
    const server = await startConveyor(diagnosticsOptions({ profileDir, traceDir }));
    let result;
    try {
      log(`live: Conveyor pid ${server.pid} on ${server.url}, ${kind} events`);
      const admin = httpClient(server.url);
      const { telemarketers } = await seedOffice(admin);
      admin.close();
      result = await measure({
        label: `conveyor-${kind}`,
        url: server.url,
        serverPid: server.pid,
        clients,
        rates,
        seconds,
        kind,
        perPost,
        telemarketers,
        retries,
      });
      result.kind = kind;
    } finally {
      await server.dispose();
    }
    const phases = result.runs.map((r) => ({ name: `${kind} ${r.rate}/s`, from: r.from, to: r.to }));
    if (traceDir) {
      result.trace = summarizeTrace(traceDir, phases);
      removeTempDir(traceDir);
    }
    if (profileDir) {
      result.profile = phases
        .map((p) => `— ${p.name} —\n${summarizeProfiles(profileDir, { window: [p.from, p.to], top: 20 })}`)
        .join('\n\n');
      removeTempDir(profileDir);
    }
    out.conveyors.push(result);
  }

  // Bare socket.io baselines, same fleet, same rates.
  // --bare-update-window-ms keeps standings updates on their own window (e.g. 250) while awards use another.
  const updateWindow = opts.bareUpdateWindowMs === undefined ? null : num(opts.bareUpdateWindowMs, 250);
  for (const windowMs of bareWindows) {
    const bare = await startBare(windowMs, updateWindow ?? windowMs);
    try {
      log(`live: bare socket.io pid ${bare.pid} on ${bare.url} (window ${windowMs} ms)`);
      const label = `bare${windowMs}`;
      const result = await measure({
        label,
        url: bare.url,
        serverPid: bare.pid,
        clients,
        rates: windowMs > 0 ? rates : unbatchedRates,
        seconds,
        kind: kinds[0] ?? 'call',
        perPost,
        retries,
        telemarketers: ['tm1', 'tm2', 'tm3', 'tm4', 'tm5', 'tm6'],
      });
      out.bares.push({ windowMs, updateWindowMs: updateWindow ?? windowMs, ...result });
    } finally {
      await bare.dispose();
    }
  }
  return out;
}

export function printLive(r) {
  const lines = [];
  const name = (side) =>
    side.windowMs === undefined
      ? `Conveyor, ${side.kind}`
      : `bare, ${side.windowMs > 0 ? `${side.windowMs} ms window` : 'no window'}${side.updateWindowMs !== side.windowMs ? ` (updates ${side.updateWindowMs} ms)` : ''}`;
  const sides = [...r.conveyors, ...r.bares];
  lines.push(
    `Live — ${r.clients} socket.io clients (websocket, /live, subscribed to teams/month), one event per POST${r.perPost > 1 ? ` ×${r.perPost}` : ''}, ${r.seconds} s per rate.`,
  );
  lines.push(
    `Event kinds: call = successful call (re-reads the telemarketer's calls of the day for the daily norm), meeting = meeting.scheduled. ` +
      `Baselines: a bare socket.io 4.8 server (no Nest, no database) batching awards like LiveHub (${r.bares.map(name).join('; ') || 'none'}).`,
  );
  const base = r.bares[0];
  const rows = [['figure', ...sides.map(name), ...(base ? r.conveyors.map((c) => `${c.kind} / bare`) : []), 'target']];
  r.rates.forEach((rate) => {
    const run = (side) => side.runs.find((x) => x.rate === rate);
    const cells = (f) => sides.map((side) => (run(side) ? f(run(side)) : '—'));
    const ratios = (f) =>
      base && run(base) ? r.conveyors.map((c) => ratio(f(run(c)), f(run(base)))) : base ? r.conveyors.map(() => '') : [];
    const none = () => (base ? r.conveyors.map(() => '') : []);
    rows.push([
      `${rate}/s event→socket p50 ms`,
      ...cells((x) => fmt(x.delivery.latency.p50, 1)),
      ...ratios((x) => x.delivery.latency.p50),
      '',
    ]);
    rows.push([
      `${rate}/s event→socket p99 ms`,
      ...cells((x) => fmt(x.delivery.latency.p99, 1)),
      ...ratios((x) => x.delivery.latency.p99),
      LIVE_TARGETS[rate] ? `≤ ${LIVE_TARGETS[rate]}` : '',
    ]);
    rows.push([`${rate}/s event→socket max ms`, ...cells((x) => fmt(x.delivery.latency.max, 1)), ...none(), '']);
    rows.push([
      `${rate}/s last of ${r.clients} clients p50 / p99 ms`,
      ...cells((x) => `${fmt(x.delivery.lastClient.p50, 0)} / ${fmt(x.delivery.lastClient.p99, 0)}`),
      ...none(),
      '',
    ]);
    rows.push([`${rate}/s POST ack p50 / p99 ms`, ...cells((x) => `${fmt(x.load.ack.p50, 1)} / ${fmt(x.load.ack.p99, 1)}`), ...none(), '']);
    rows.push([
      `${rate}/s POST ack first → last tenth ms`,
      ...cells((x) => `${fmt(x.load.ackTrend[0], 0)} → ${fmt(x.load.ackTrend[1], 0)}`),
      ...none(),
      '',
    ]);
    rows.push([`${rate}/s achieved rate (events/s)`, ...cells((x) => fmt(x.load.achievedRate, 1)), ...none(), '']);
    rows.push([`${rate}/s deliveries (missing)`, ...cells((x) => `${x.delivery.deliveries} (${x.delivery.missing})`), ...none(), '']);
    rows.push([`${rate}/s award messages per client`, ...cells((x) => fmt(x.delivery.awardMessages / r.clients, 0)), ...none(), '']);
    rows.push([
      `${rate}/s CPU cores server/fleet/generator`,
      ...cells((x) => `${x.cpu.server} / ${x.cpu.fleet} / ${x.cpu.generator}`),
      ...none(),
      '',
    ]);
    rows.push([
      `${rate}/s CPU other procs / unattributed`,
      ...cells((x) => `${fmt(x.cpu.others, 2)} / ${fmt(x.cpu.unattributed, 2)}`),
      ...none(),
      '',
    ]);
    rows.push([
      `${rate}/s fleet loop delay p99 / max ms`,
      ...cells((x) => `${fmt(x.delivery.loopDelayP99, 0)} / ${fmt(x.delivery.loopDelayMax, 0)}`),
      ...none(),
      '',
    ]);
  });
  lines.push(table(rows));
  lines.push(`  connect+subscribe of ${r.clients} clients: ${sides.map((s) => `${name(s)} ${fmt(s.connect.ms / 1000, 1)} s`).join(', ')}`);
  for (const side of sides) {
    for (const run of side.runs) {
      if (run.cpu.others >= 0.1)
        lines.push(
          `  note: during ${name(side)} ${run.rate}/s other processes used ${run.cpu.others} cores (${run.cpu.othersTop}) in every attempt: figures are disturbed`,
        );
      else if (run.attempts > 1)
        lines.push(
          `  note: ${name(side)} ${run.rate}/s was measured ${run.attempts} times; earlier attempts were disturbed by other processes`,
        );
      if (run.load.failed || run.load.skipped)
        lines.push(`  ${name(side)} ${run.rate}/s: ${run.load.failed} failed, ${run.load.skipped} skipped POSTs; ${run.load.firstError}`);
    }
  }
  for (const c of r.conveyors) {
    if (c.trace) lines.push('', `Conveyor, ${c.kind}:`, c.trace);
    if (c.profile) lines.push('', `Conveyor, ${c.kind}: main-thread CPU profile per rate:`, c.profile);
  }
  return lines.join('\n');
}

export function liveVerdicts(r) {
  const out = [];
  for (const c of r.conveyors) {
    for (const rate of r.rates) {
      const target = LIVE_TARGETS[rate];
      const run = c.runs.find((x) => x.rate === rate);
      if (!target || !run) continue;
      out.push({
        name: `event→socket p99 ms @${rate}/s (${c.kind})`,
        value: run.delivery.latency.p99,
        target: `≤ ${target}`,
        ok: run.delivery.latency.p99 <= target && run.delivery.missing === 0,
        baseline: r.bares[0]?.runs.find((x) => x.rate === rate)?.delivery.latency.p99,
      });
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = parseArgs();
  console.log(`Machine: ${machine()}`);
  console.log(`Code: ${codeVersion()}`);
  try {
    const r = await runLive(opts);
    console.log(opts.json ? JSON.stringify(r, null, 2) : printLive(r));
    process.exit(0);
  } catch (error) {
    console.error(`benchmark failed: ${error?.stack ?? error}`);
    process.exit(1); // the exit hook in lib/server.mjs kills the children and removes the temp folders
  }
}
