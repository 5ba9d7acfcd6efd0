#!/usr/bin/env node
// Ingest benchmark: single events (one per POST, N concurrent senders) and batches (POST arrays of 1000),
// against the built server as a child process, next to a raw-SQLite baseline measured in the same run.
//
//   node bench/ingest.mjs [--kind=call|meeting|mix] [--senders=16] [--single-seconds=10] [--single-max=20000]
//                         [--batch-size=1000] [--batch-senders=1,4] [--batch-seconds=10] [--batch-max=60]
//                         [--warmup-seconds=3] [--retries=2] [--quiet-wait=180] [--profile] [--trace-sql] [--json]
//
// --trace-sql times every SQL statement and transaction the server runs (driver-level wrapper, preloaded).
// --profile samples the server's CPU (V8 profiler, preloaded) and prints where its time went.
// --quiet-wait: seconds each phase waits at most for other processes to go quiet before measuring anyway.
import { pathToFileURL } from 'node:url';
import { codeVersion, fmt, log, machine, nowMs, num, parseArgs, ratio, summarize, table, waitForQuiet, phaseCpu } from './lib/common.mjs';
import { diagnosticsOptions, summarizeProfiles, summarizeTrace } from './lib/profile.mjs';
import { rawBatches, rawSingle, readSchema } from './lib/raw-sqlite.mjs';
import { eventFactory, httpClient, seedOffice, startConveyor, tempDir, removeTempDir } from './lib/server.mjs';

/**
 * Targets (issue 12, item 6). The server is CPU-bound on one core, so CPU per event is what holds still
 * from machine to machine; rates are judged against the raw sqlite3 baselines of the same run.
 */
export const INGEST_TARGETS = { singleCpuMs: 0.4, singleVsRaw: 2, singleP99: 50, batchCpuMs: 0.06, batchVsRaw: 0.4 };

/** The server's CPU-milliseconds per event in a measured phase. */
export function cpuMsPerEvent(x) {
  return x.events > 0 ? (x.cpu.server * x.seconds * 1000) / x.events : NaN;
}

/** Closed loop: `senders` workers each POST, wait for the answer, POST again; bounded by count and time. */
async function closedLoop({ senders, seconds, maxRequests, send }) {
  const latencies = [];
  let started = 0;
  let failed = 0;
  let firstError = '';
  const t0 = nowMs();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (started < maxRequests && nowMs() < deadline) {
        started++;
        const s = nowMs();
        try {
          const res = await send();
          if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text.slice(0, 300)}`);
          latencies.push(nowMs() - s);
        } catch (error) {
          failed++;
          firstError ||= String(error);
        }
      }
    }),
  );
  const elapsed = (nowMs() - t0) / 1000;
  const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const tenth = Math.max(1, Math.floor(latencies.length / 10));
  return {
    requests: latencies.length,
    failed,
    firstError,
    seconds: elapsed,
    latency: summarize(latencies),
    // Mean latency of the first and the last tenth of the answers: does the cost grow as the tables fill?
    trend: latencies.length ? [avg(latencies.slice(0, tenth)), avg(latencies.slice(-tenth))] : [NaN, NaN],
  };
}

export async function runIngest(opts = {}) {
  const kind = opts.kind ?? 'call';
  const senders = num(opts.senders, 16);
  const singleSeconds = num(opts.singleSeconds, 10);
  const singleMax = num(opts.singleMax, 20_000);
  const batchSize = num(opts.batchSize, 1000);
  const batchSenders = String(opts.batchSenders ?? '1,4')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const batchSeconds = num(opts.batchSeconds, 10);
  const batchMax = num(opts.batchMax, 60);
  const warmupSeconds = num(opts.warmupSeconds, 3);
  const retries = num(opts.retries, 2);
  const quietWaitMs = num(opts.quietWait, 180) * 1000;
  const profile = Boolean(opts.profile);

  const profDir = profile ? tempDir('conveyor-prof-') : null;
  const traceDir = opts.traceSql ? tempDir('conveyor-trace-') : null;
  const phases = [];
  const server = await startConveyor(diagnosticsOptions({ profileDir: profDir, traceDir }));
  const client = httpClient(server.url, { maxSockets: Math.max(senders, ...batchSenders) });
  const results = { kind, senders, batchSize, server: {}, raw: {} };
  try {
    log(`ingest: server pid ${server.pid} on ${server.url}, events of kind "${kind}"`);
    const { telemarketers, teams } = await seedOffice(client);
    const teamOf = (employeeId) => teams[telemarketers.indexOf(employeeId)];
    let acknowledged = 0;
    const post = async (body) => {
      const res = await client.request('POST', '/api/events', body);
      if (res.status === 200) acknowledged += Array.isArray(body) ? body.length : 1;
      return res;
    };
    const ours = () => [process.pid, server.pid];
    /**
     * One measured phase: starts on a quiet machine, and is measured again (up to `retries` times) if other
     * processes used more than 0.1 core meanwhile; the last attempt counts.
     */
    const phase = async (label, serverPid, run) => {
      for (let attempt = 1; ; attempt++) {
        await waitForQuiet({ label, ours: serverPid ? ours : () => [process.pid], maxWaitMs: quietWaitMs });
        const cpu = phaseCpu(serverPid);
        const from = nowMs();
        const r = await run();
        const c = cpu();
        if (c.others < 0.1 || attempt > retries) return { ...r, cpu: c, attempts: attempt, from, to: nowMs() };
        log(`${label}: disturbed (other processes used ${c.others} cores: ${c.othersTop}), measuring again (${attempt}/${retries})`);
      }
    };

    // Warm-up (JIT, connection pool, statement caches), not measured.
    const warm = eventFactory(kind, telemarketers, 'warm');
    const w = await closedLoop({ senders, seconds: warmupSeconds, maxRequests: 5000, send: () => post(warm()) });
    if (w.failed) throw new Error(`warm-up failed: ${w.firstError}`);
    results.warmupEvents = w.requests;

    // 1. Single events, one per POST, `senders` concurrent senders.
    log(`ingest: single events, ${senders} senders, ${singleSeconds} s or ${singleMax} events`);
    const single = eventFactory(kind, telemarketers, 'single');
    const s = await phase('ingest single', server.pid, () =>
      closedLoop({ senders, seconds: singleSeconds, maxRequests: singleMax, send: () => post(single()) }),
    );
    phases.push({ name: `single, ${senders} senders`, from: s.from, to: s.to });
    results.server.single = { ...s, events: s.requests, rate: s.requests / s.seconds };

    // 2. Batches of `batchSize`, with 1 and with several concurrent senders.
    results.server.batches = [];
    for (const n of batchSenders) {
      log(`ingest: batches of ${batchSize}, ${n} sender(s), ${batchSeconds} s or ${batchMax} batches`);
      const make = eventFactory(kind, telemarketers, `batch${n}`);
      const b = await phase(`ingest batches ×${n}`, server.pid, () =>
        closedLoop({ senders: n, seconds: batchSeconds, maxRequests: batchMax, send: () => post(Array.from({ length: batchSize }, make)) }),
      );
      phases.push({ name: `batches of ${batchSize}, ${n} sender(s)`, from: b.from, to: b.to });
      results.server.batches.push({ senders: n, ...b, events: b.requests * batchSize, rate: (b.requests * batchSize) / b.seconds });
    }

    // Sanity: everything acknowledged is counted once.
    const standings = JSON.parse((await client.request('GET', '/api/standings?board=teams&period=year')).text);
    results.server.pointsOnBoard = standings.rows.reduce((sum, r) => sum + r.points, 0);
    results.server.acknowledged = acknowledged;

    client.close();
    await server.stop();

    // 3. Raw baseline, same process and run, on the server's schema.
    const schema = await readSchema(server.dbPath);
    log(`ingest: raw sqlite3 baseline, one transaction per event`);
    const rawSingleEvents = eventFactory(kind, telemarketers, 'raw-single');
    results.raw.single = await phase('raw single', null, () =>
      rawSingle(schema, teamOf, rawSingleEvents, { maxEvents: Math.max(results.server.single.events, 1000), seconds: singleSeconds }),
    );
    log(`ingest: raw sqlite3 baseline, one transaction per ${batchSize} events`);
    const rawBatchEvents = eventFactory(kind, telemarketers, 'raw-batch');
    results.raw.batch = await phase('raw batches', null, () =>
      rawBatches(schema, teamOf, rawBatchEvents, { batchSize, maxBatches: batchMax, seconds: batchSeconds }),
    );
  } finally {
    client.close();
    await server.dispose();
  }
  if (traceDir) {
    results.trace = summarizeTrace(traceDir, phases);
    removeTempDir(traceDir);
  }
  if (profDir) {
    results.profile = summarizeProfiles(profDir, { window: [phases[0].from, phases.at(-1).to] });
    removeTempDir(profDir);
  }
  return results;
}

export function printIngest(r) {
  const out = [];
  const s = r.server.single;
  const rs = r.raw.single;
  out.push(
    `Ingest — event kind "${r.kind}" (${r.kind === 'call' ? 'successful 60 s calls of 6 telemarketers' : r.kind === 'meeting' ? 'meeting.scheduled' : 'calls and meeting.scheduled alternating'})`,
  );
  out.push(
    table([
      ['figure', 'Conveyor', 'raw sqlite3', 'Conveyor / raw', 'target'],
      [
        `single events/s (${r.senders} senders, 1 per POST)`,
        fmt(s.rate, 0),
        fmt(rs.rate, 0),
        ratio(s.rate, rs.rate),
        `≥ ${INGEST_TARGETS.singleVsRaw}× raw`,
      ],
      ['single server CPU-ms per event', fmt(cpuMsPerEvent(s), 3), '', '', `≤ ${INGEST_TARGETS.singleCpuMs}`],
      ['single ack latency p50 ms', fmt(s.latency.p50, 2), fmt(rs.latency.p50, 2), ratio(s.latency.p50, rs.latency.p50), ''],
      [
        'single ack latency p99 ms',
        fmt(s.latency.p99, 2),
        fmt(rs.latency.p99, 2),
        ratio(s.latency.p99, rs.latency.p99),
        `≤ ${INGEST_TARGETS.singleP99}`,
      ],
      ['single ack latency max ms', fmt(s.latency.max, 2), fmt(rs.latency.max, 2), '', ''],
      ['single ack latency first → last tenth, mean ms', `${fmt(s.trend[0], 1)} → ${fmt(s.trend[1], 1)}`, '', '', ''],
      ...r.server.batches.map((b) => [
        `batch events/s (${r.batchSize} per POST, ${b.senders} sender${b.senders > 1 ? 's' : ''})`,
        fmt(b.rate, 0),
        fmt(r.raw.batch.rate, 0),
        ratio(b.rate, r.raw.batch.rate),
        `≥ ${INGEST_TARGETS.batchVsRaw}× raw`,
      ]),
      ...r.server.batches.map((b) => [
        `batch server CPU-ms per event (${b.senders} sender${b.senders > 1 ? 's' : ''})`,
        fmt(cpuMsPerEvent(b), 3),
        '',
        '',
        `≤ ${INGEST_TARGETS.batchCpuMs}`,
      ]),
      ...r.server.batches.map((b) => [
        `batch ack latency p50 / p99 ms (${b.senders} sender${b.senders > 1 ? 's' : ''})`,
        `${fmt(b.latency.p50, 0)} / ${fmt(b.latency.p99, 0)}`,
        `${fmt(r.raw.batch.latency.p50, 0)} / ${fmt(r.raw.batch.latency.p99, 0)}`,
        '',
        '',
      ]),
      ...r.server.batches.map((b) => [
        `batch ack latency first → last tenth, mean ms (${b.senders})`,
        `${fmt(b.trend[0], 0)} → ${fmt(b.trend[1], 0)}`,
        `${fmt(r.raw.batch.trend[0], 0)} → ${fmt(r.raw.batch.trend[1], 0)}`,
        '',
        '',
      ]),
    ]),
  );
  const cpuText = (c, events, seconds) =>
    `CPU cores: server ${c.server}, bench ${c.generator}, other processes ${c.others}${c.othersTop ? ` (${c.othersTop})` : ''}, unattributed (kernel I/O, exited processes) ${c.unattributed}` +
    (c.server ? ` (server ${fmt((c.server * seconds * 1000) / events, 2)} CPU-ms per event)` : '');
  const tries = (x) => (x.attempts > 1 ? ` [attempt ${x.attempts}]` : '');
  out.push(
    `  Conveyor single: ${s.events} events in ${fmt(s.seconds, 1)} s, ${s.failed} failed${tries(s)}; ${cpuText(s.cpu, s.events, s.seconds)}`,
  );
  for (const b of r.server.batches)
    out.push(
      `  Conveyor batches ×${b.senders}: ${b.events} events in ${fmt(b.seconds, 1)} s, ${b.failed} failed${tries(b)}; ${cpuText(b.cpu, b.events, b.seconds)}`,
    );
  out.push(`  raw single: ${rs.events} transactions in ${fmt(rs.seconds, 1)} s${tries(rs)}; ${cpuText(rs.cpu, rs.events, rs.seconds)}`);
  out.push(
    `  raw batches: ${r.raw.batch.batches} transactions of ${r.batchSize} in ${fmt(r.raw.batch.seconds, 1)} s${tries(r.raw.batch)}; ${cpuText(r.raw.batch.cpu, r.raw.batch.events, r.raw.batch.seconds)}`,
  );
  const disturbed = [
    ['single', s],
    ...r.server.batches.map((b) => [`batches ×${b.senders}`, b]),
    ['raw single', rs],
    ['raw batches', r.raw.batch],
  ].filter(([, x]) => x.cpu.others >= 0.1);
  for (const [name, x] of disturbed)
    out.push(`  note: ${name} was disturbed by other processes (${x.cpu.others} cores: ${x.cpu.othersTop}) in every attempt`);
  out.push(`  check: ${r.server.acknowledged} events acknowledged, team points on the year board ${r.server.pointsOnBoard}`);
  const errors = [s, ...r.server.batches].map((x) => x.firstError).filter(Boolean);
  if (errors.length) out.push(`  first error: ${errors[0]}`);
  const v = ingestVerdicts(r);
  out.push(
    `  verdict: ${
      v.every((x) => x.ok)
        ? 'every target met'
        : `NOT met: ${v
            .filter((x) => !x.ok)
            .map((x) => x.name)
            .join('; ')}`
    } — ` +
      v.map((x) => `${x.name} ${fmt(x.value, x.value < 1 ? 3 : x.value > 100 ? 0 : 2)} (${x.target}) ${x.ok ? 'ok' : 'NO'}`).join(', '),
  );
  if (r.trace) out.push('', r.trace);
  if (r.profile) out.push('', 'Server main-thread CPU profile (measured phases only):', r.profile);
  return out.join('\n');
}

export function ingestVerdicts(r) {
  const s = r.server.single;
  const best = r.server.batches.reduce((a, b) => (cpuMsPerEvent(b) < cpuMsPerEvent(a) ? b : a));
  const fastest = r.server.batches.reduce((a, b) => (b.rate > a.rate ? b : a));
  return [
    {
      name: 'single server CPU-ms/event',
      value: cpuMsPerEvent(s),
      target: `≤ ${INGEST_TARGETS.singleCpuMs}`,
      ok: cpuMsPerEvent(s) <= INGEST_TARGETS.singleCpuMs,
      baseline: NaN,
    },
    {
      name: 'single events/s',
      value: s.rate,
      target: `≥ ${INGEST_TARGETS.singleVsRaw}× raw one-tx-per-event (${fmt(r.raw.single.rate * INGEST_TARGETS.singleVsRaw, 0)})`,
      ok: s.rate >= r.raw.single.rate * INGEST_TARGETS.singleVsRaw,
      baseline: r.raw.single.rate,
    },
    {
      name: 'single ack p99 ms',
      value: s.latency.p99,
      target: `≤ ${INGEST_TARGETS.singleP99}`,
      ok: s.latency.p99 <= INGEST_TARGETS.singleP99,
      baseline: r.raw.single.latency.p99,
    },
    {
      name: `batch server CPU-ms/event (best: ${best.senders} sender${best.senders > 1 ? 's' : ''})`,
      value: cpuMsPerEvent(best),
      target: `≤ ${INGEST_TARGETS.batchCpuMs}`,
      ok: cpuMsPerEvent(best) <= INGEST_TARGETS.batchCpuMs,
      baseline: NaN,
    },
    {
      name: `batch events/s (best: ${fastest.senders} sender${fastest.senders > 1 ? 's' : ''})`,
      value: fastest.rate,
      target: `≥ ${INGEST_TARGETS.batchVsRaw}× raw batched (${fmt(r.raw.batch.rate * INGEST_TARGETS.batchVsRaw, 0)})`,
      ok: fastest.rate >= r.raw.batch.rate * INGEST_TARGETS.batchVsRaw,
      baseline: r.raw.batch.rate,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = parseArgs();
  console.log(`Machine: ${machine()}`);
  console.log(`Code: ${codeVersion()}`);
  try {
    const r = await runIngest(opts);
    console.log(opts.json ? JSON.stringify(r, null, 2) : printIngest(r));
    process.exit(0);
  } catch (error) {
    console.error(`benchmark failed: ${error?.stack ?? error}`);
    process.exit(1); // the exit hook in lib/server.mjs kills the children and removes the temp folders
  }
}
