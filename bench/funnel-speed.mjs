#!/usr/bin/env node
// The funnel's speed on a big office: 30 triads with a year of simulated events (about 650-750 thousand),
// loaded through POST /api/events in batches of 1,000 into the built server.
//   1. Writing: the server's CPU per event with the funnel's counters, and without them (the same server
//      with the counters' listeners removed by a preload), on the same first events; and for single events.
//   2. Reading: GET /api/analytics/funnel and /weak-links for a quarter and for the year, 20 calls each (p95),
//      beside a raw baseline in the same run: one SQL scan of the period's events grouped by person and
//      type (the least a report computed from the events would have to read).
//
//   node bench/funnel-speed.mjs [--triads=30] [--seed=1] [--compare-events=150000] [--singles=2000] [--rounds=4] [--calls=20]
//                               [--save-db=path] [--reuse-db=path]
//
// The with/without comparison alternates between the two servers in rounds (a chunk of events, or of
// single requests, to one, then the same to the other), so a busy machine weighs on both alike.
// --save-db keeps the loaded database; --reuse-db skips writing and measures reading on a copy of one.
//
// Targets (issue 14): funnel and weak-links <= 200 ms (p95 of 20) for a quarter and for the year; writing an
// event costs no more than 10 % more with the counters than without.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { cpuSeconds, fmt, log, machine, nowMs, num, parseArgs, percentile, summarize, table } from './lib/common.mjs';
import { httpClient, startConveyor, tempDir } from './lib/server.mjs';

const dist = new URL('../server/dist/', import.meta.url);
const { PLAIN_CALENDAR } = await import(new URL('domain/funnel/calendar.js', dist).href);
const { simulateOffice } = await import(new URL('demo/simulated-office.js', dist).href);

export const SPEED_TARGETS = { p95Ms: 200, writeOverhead: 0.1 };
const BATCH = 1000;

/** A year of the office, ending with the last whole month before today. */
function yearOfOffice(triads, seed) {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1));
  const from = `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}`;
  return simulateOffice({ seed, triads, from, months: 12, plant: 'need', calendar: PLAIN_CALENDAR });
}

async function seedPeople(client, office) {
  const since = `${new Date().getUTCFullYear() - 3}-01-01`;
  for (const p of office.people) {
    const res = await client.request('POST', '/api/employees', { id: p.id, name: p.name, role: p.role });
    if (res.status !== 201) throw new Error(`POST /api/employees: ${res.status} ${res.text}`);
  }
  for (const t of office.teams) {
    const members = Object.fromEntries(office.people.filter((p) => p.teamId === t.id).map((p) => [p.role, p.id]));
    const res = await client.request('POST', '/api/teams', { id: t.id, name: t.name, members, since });
    if (res.status !== 201) throw new Error(`POST /api/teams: ${res.status} ${res.text}`);
  }
}

/** Posts events in batches (two senders); returns the server's CPU seconds and the wall time it took. */
async function load(server, client, events) {
  const cpu0 = cpuSeconds(server.pid);
  const t0 = nowMs();
  let next = 0;
  const sender = async () => {
    while (next < events.length) {
      const part = events.slice(next, next + BATCH);
      next += BATCH;
      const res = await client.request('POST', '/api/events', part);
      if (res.status !== 200) throw new Error(`POST /api/events: ${res.status} ${res.text.slice(0, 300)}`);
    }
  };
  await Promise.all([sender(), sender()]);
  return { cpuMsPerEvent: ((cpuSeconds(server.pid) - cpu0) * 1000) / events.length, seconds: (nowMs() - t0) / 1000 };
}

/** One event per request from 16 senders at once (as CRMs send them live): calls of today, every tenth a need. */
async function singles(server, client, count, telemarketers, prefix) {
  const cpu0 = cpuSeconds(server.pid);
  let next = 0;
  const sender = async () => {
    while (next < count) {
      const i = next++;
      const employeeId = telemarketers[i % telemarketers.length];
      const res = await client.request('POST', '/api/events', {
        id: `${prefix}-${i}`,
        type: i % 10 === 0 ? 'need.identified' : 'call',
        occurredAt: new Date().toISOString(),
        employeeId,
        ...(i % 10 === 0 ? { clientId: `${prefix}-client-${i}` } : { durationSec: 30 + (i % 200) }),
      });
      if (res.status !== 200) throw new Error(`POST /api/events: ${res.status} ${res.text.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, sender));
  return ((cpuSeconds(server.pid) - cpu0) * 1000) / count;
}

async function timeCalls(calls, fn) {
  const samples = [];
  await fn(); // warm-up
  for (let i = 0; i < calls; i++) {
    const t0 = nowMs();
    await fn();
    samples.push(nowMs() - t0);
  }
  return { ...summarize(samples), p95: percentile(Float64Array.from(samples).sort(), 95) };
}

function openReadOnly(path) {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(db)));
  });
}
const all = (db, sql, params) => new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));

/** Alternates `rounds` chunks between the two servers; the CPU each spent, per event. */
async function alternate(rounds, servers, work) {
  const cpu = servers.map(() => 0);
  for (let round = 0; round < rounds; round++)
    for (const [i, s] of servers.entries()) {
      const c0 = cpuSeconds(s.server.pid);
      await work(s, round);
      cpu[i] += cpuSeconds(s.server.pid) - c0;
    }
  return cpu;
}

async function writing(office, opts) {
  const events = office.events;
  const rounds = num(opts.rounds, 4);
  const head = events.slice(0, Math.min(num(opts.compareEvents, 150_000), events.length));
  const singleCount = num(opts.singles, 2000);
  const telemarketers = office.people.filter((p) => p.role === 'telemarketer').map((p) => p.id);
  const withCounters = await startConveyor(opts.saveDb ? { env: { DATABASE_PATH: opts.saveDb } } : {});
  const bare = await startConveyor({ nodeArgs: ['--import', new URL('./lib/no-funnel-preload.mjs', import.meta.url).href] });
  const servers = [
    { server: withCounters, client: httpClient(withCounters.url) },
    { server: bare, client: httpClient(bare.url) },
  ];
  try {
    for (const s of servers) await seedPeople(s.client, office);
    const per = Math.ceil(head.length / rounds);
    log(`funnel-speed: ${head.length} events in batches, alternating ${rounds} rounds between the servers`);
    const batch = await alternate(rounds, servers, (s, round) => load(s.server, s.client, head.slice(round * per, (round + 1) * per)));
    const perSingles = Math.ceil(singleCount / rounds);
    log(`funnel-speed: ${singleCount} single events, alternating`);
    const single = await alternate(rounds, servers, (s, round) =>
      singles(s.server, s.client, perSingles, telemarketers, `single-${round}`),
    );
    await bare.dispose();
    log(`funnel-speed: the rest (${events.length - head.length} events) into the server with counters`);
    await load(withCounters, servers[0].client, events.slice(head.length));
    return {
      withCounters,
      client: servers[0].client,
      compared: head.length,
      batch: { with: (batch[0] * 1000) / head.length, without: (batch[1] * 1000) / head.length },
      single: {
        with: (single[0] * 1000) / (perSingles * rounds),
        without: (single[1] * 1000) / (perSingles * rounds),
        count: perSingles * rounds,
      },
    };
  } catch (error) {
    await withCounters.dispose();
    throw error;
  } finally {
    await bare.dispose();
    servers[1].client.close();
  }
}

export async function runSpeed(opts = {}) {
  const triads = num(opts.triads, 30);
  const calls = num(opts.calls, 20);
  log(`funnel-speed: simulating ${triads} triads over a year`);
  const office = yearOfOffice(triads, num(opts.seed, 1));
  const events = office.events;
  log(`funnel-speed: ${events.length} events`);
  let written = null;
  let server;
  let a;
  if (opts.reuseDb) {
    const copy = join(tempDir('conveyor-reuse-'), 'conveyor.db');
    copyFileSync(opts.reuseDb, copy);
    server = await startConveyor({ env: { DATABASE_PATH: copy } });
    a = httpClient(server.url);
  } else {
    written = await writing(office, opts);
    server = written.withCounters;
    a = written.client;
  }
  try {
    const last = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 0));
    const lastDay = last.toISOString().slice(0, 10);
    const queries = [];
    const db = await openReadOnly(opts.reuseDb ?? opts.saveDb ?? server.dbPath);
    for (const period of ['quarter', 'year']) {
      const q = `period=${period}&at=${lastDay}`;
      const probe = JSON.parse((await a.request('GET', `/api/analytics/funnel?${q}`)).text).period;
      for (const endpoint of ['funnel', 'weak-links']) {
        const s = await timeCalls(calls, async () => {
          const res = await a.request('GET', `/api/analytics/${endpoint}?${q}`);
          if (res.status !== 200) throw new Error(`${endpoint}: ${res.status} ${res.text.slice(0, 200)}`);
        });
        queries.push({ what: `${endpoint}, ${period} ${probe.key}`, ...s });
      }
      const raw = await timeCalls(calls, () =>
        all(
          db,
          `SELECT employee_id, type, COUNT(*) AS n, SUM(json_extract(body, '$.durationSec') >= 30) AS successful FROM events
            WHERE occurred_at >= ? AND occurred_at < ? AND voided_at IS NULL GROUP BY employee_id, type`,
          [probe.from, probe.to],
        ),
      );
      queries.push({ what: `raw scan of the events, ${period} ${probe.key}`, ...raw });
    }
    await new Promise((resolve) => db.close(resolve));
    const findings = JSON.parse((await a.request('GET', `/api/analytics/weak-links?period=year&at=${lastDay}`)).text).findings;
    a.close();
    return {
      triads,
      events: events.length,
      compared: written?.compared ?? 0,
      batch: written?.batch ?? null,
      single: written?.single ?? null,
      queries,
      planted: office.planted,
      top: findings[0] ? { employeeId: findings[0].employeeId, stage: findings[0].stage, significant: findings[0].significant } : null,
    };
  } finally {
    await server.dispose();
  }
}

export function printSpeed(r) {
  const over = (x) => `${fmt(100 * (x.with / x.without - 1), 1)} %`;
  return [
    `Funnel speed: ${r.triads} triads, ${r.events} events over a year (SQLite, built server)`,
    r.batch
      ? table([
          ['writing', 'with counters (CPU-ms/event)', 'without', 'cost of the counters'],
          [`batches of 1,000 (first ${r.compared} events)`, fmt(r.batch.with, 3), fmt(r.batch.without, 3), over(r.batch)],
          [`single events (${r.single.count}, 16 senders)`, fmt(r.single.with, 3), fmt(r.single.without, 3), over(r.single)],
        ])
      : '(writing not measured: --reuse-db)',
    '',
    table([
      ['reading (20 calls)', 'p50 ms', 'p95 ms', 'max ms'],
      ...r.queries.map((q) => [q.what, fmt(q.p50, 1), fmt(q.p95, 1), fmt(q.max, 1)]),
    ]),
    '',
    `Planted: ${r.planted?.employeeId} ${r.planted?.stage}; the year's first finding: ${r.top ? `${r.top.employeeId} ${r.top.stage}${r.top.significant ? ' (significant)' : ''}` : 'none'}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = parseArgs();
  console.log(`Machine: ${machine()}`);
  const r = await runSpeed(opts);
  console.log(printSpeed(r));
}
