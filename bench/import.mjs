#!/usr/bin/env node
// CSV import benchmark: a seeded office's year of activity as one CSV file (650,000 rows by default),
// imported end to end through POST /api/import into the built server on a temp SQLite file, with the
// server's resident memory sampled from /proc during it; then, in the same run, a raw baseline: the
// same rows inserted straight into the events table with plain multi-row INSERTs through sqlite3 in
// this process (no checks, no scoring).
//
//   node bench/import.mjs [--rows=650000] [--seed=1] [--encoding=utf-8|windows-1251] [--again] [--dry-run] [--via-events]
//                         [--server-node-args="--max-old-space-size=192"] [--skip-raw] [--profile] [--json]
//
// --dry-run times a dry run (the check alone) before the import.
// --again imports the same file a second time (every row a duplicate) and times that too.
// --via-events also sends the same events through POST /api/events (1,000 a request) to a fresh server.
// --profile samples the server's CPU during the import (V8 profiler, preloaded) and prints where it went.
// --server-node-args: options for the server's node process only (e.g. a smaller V8 heap), space-separated.
// Targets: the import within 5 minutes, the server's RSS below 300 MB throughout.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import sqlite3 from 'sqlite3';
import { codeVersion, fmt, log, machine, nowMs, num, parseArgs, ratio, seededRandom, sleep, table } from './lib/common.mjs';
import { diagnosticsOptions, summarizeProfiles } from './lib/profile.mjs';
import { readSchema } from './lib/raw-sqlite.mjs';
import { ADMIN_TOKEN, httpClient, removeTempDir, seedOffice, startConveyor, tempDir } from './lib/server.mjs';

export const IMPORT_TARGETS = { seconds: 300, rssMb: 300 };

/** The office's clock stands at the end of the year the file covers (Moscow, UTC+3 all year). */
const CLOCK = '2026-12-31T12:00:00+03:00';
const YEAR = 2026;
const TEAMS = 6;
const MSK_MS = 3 * 3600_000;

/** Where a client stands in its journey, and who does each step (its team's telemarketer, seller, account manager). */
const JOURNEY = [
  ['need.identified', 'tm'],
  ['email.decision_maker', 'tm'],
  ['meeting.scheduled', 'tm'],
  ['meeting.held', 'sales'],
  ['proposal.sent', 'sales'],
  ['contract.signed', 'sales'],
  ['payment.received', null],
  ['client.handed_over', 'sales'],
  ['payment.received', null],
  ['payment.received', null],
];

/**
 * A year of an office of six triads, in time order, as a CRM export would list it: mostly calls and
 * emails, and client journeys from the first need to renewals. Yields `{ local, event }` with the
 * office wall-clock minute and the event's fields.
 */
export function* officeYear({ rows, seed }) {
  const rnd = seededRandom(seed);
  const pick = (n) => Math.floor(rnd() * n);
  const days = 364;
  const active = [];
  let clients = 0;
  let made = 0;
  for (let d = 0; d < days && made < rows; d++) {
    const date = new Date(Date.UTC(YEAR, 0, 1 + d));
    const count = Math.min(rows - made, Math.round(((d + 1) * rows) / days) - made);
    const minutes = Array.from({ length: count }, () => 8 * 60 + pick(12 * 60)).sort((a, b) => a - b);
    for (const minute of minutes) {
      made++;
      const local = date.getTime() + minute * 60_000;
      const r = rnd();
      const team = 1 + pick(TEAMS);
      if (r < 0.62) {
        yield { local, event: { type: 'call', employeeId: `tm${team}`, durationSec: rnd() < 0.3 ? 0 : 5 + pick(900) } };
      } else if (r < 0.7) {
        yield { local, event: { type: 'email.general', employeeId: rnd() < 0.5 ? `tm${team}` : `sales${team}` } };
      } else {
        let c;
        if (active.length < 200 || rnd() < 0.15) {
          c = { id: `client-${++clients}`, name: `ООО «Клиент ${clients}»`, team, step: 0 };
          active.push(c);
        } else {
          c = active[pick(active.length)];
        }
        const [type, role] = JOURNEY[c.step];
        const event = { type, clientId: c.id, clientName: c.name };
        if (role) event.employeeId = `${role}${c.team}`;
        if (type === 'meeting.scheduled') event.toEmployeeId = `sales${c.team}`;
        if (type === 'client.handed_over') event.toEmployeeId = `acc${c.team}`;
        if (type === 'payment.received') event.amount = 10_000 + pick(990_000) + pick(100) / 100;
        yield { local, event };
        c.step++;
        if (c.step >= JOURNEY.length) active.splice(active.indexOf(c), 1);
      }
    }
  }
}

const two = (n) => String(n).padStart(2, '0');
/** `03.11.2026 14:05`, the office's wall clock as Russian Excel writes it. */
const dotted = (local) => {
  const t = new Date(local);
  return `${two(t.getUTCDate())}.${two(t.getUTCMonth() + 1)}.${t.getUTCFullYear()} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
};
/** `350 000,50` */
const rubles = (amount) => {
  const [whole, cents] = amount.toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${cents}`;
};

const COLUMNS = 'type;occurredAt;employeeId;clientId;clientName;durationSec;amount;toEmployeeId';

/** Writes the CSV (`;`, office dates, amounts with a decimal comma); returns its size in bytes. */
export async function writeCsv(path, { rows, seed, encoding }) {
  const out = createWriteStream(path);
  const encode = (text) => (encoding === 'windows-1251' ? iconv.encode(text, 'win1251') : Buffer.from(text, 'utf8'));
  let chunk = `${COLUMNS}\r\n`;
  for (const { local, event: e } of officeYear({ rows, seed })) {
    chunk += `${e.type};${dotted(local)};${e.employeeId ?? ''};${e.clientId ?? ''};${e.clientName ?? ''};${e.durationSec ?? ''};${e.amount === undefined ? '' : rubles(e.amount)};${e.toEmployeeId ?? ''}\r\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(encode(chunk))) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(encode(chunk));
  await once(out, 'finish');
  return statSync(path).size;
}

/** Resident memory of a process in MB from /proc: VmRSS (anonymous + file-backed) and its peak so far (VmHWM). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024, anon: kb('RssAnon') / 1024, file: kb('RssFile') / 1024 };
}

/** Samples a process's RSS every `everyMs` until stopped: the peak, and the peak per named phase. */
function rssSampler(pid, everyMs = 100) {
  const peaks = new Map();
  let phase = 'start';
  let peak = 0;
  let split = null;
  const sample = () => {
    try {
      const { rss, anon, file } = memoryOf(pid);
      if (rss > peak) [peak, split] = [rss, { anon, file }];
      peaks.set(phase, Math.max(peaks.get(phase) ?? 0, rss));
    } catch {
      // the process is gone
    }
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    phase(name) {
      sample();
      phase = name;
    },
    stop() {
      sample();
      clearInterval(timer);
      return { peak, atPeak: split, byPhase: Object.fromEntries(peaks) };
    },
  };
}

/** Posts the file as the request body, streamed from disk. */
export function postFile(url, path, query) {
  return new Promise((resolve, reject) => {
    const u = new URL(`${url}/api/import${query}`);
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        method: 'POST',
        path: `${u.pathname}${u.search}`,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv', 'content-length': statSync(path).size },
      },
      (res) => {
        const parts = [];
        res.on('data', (c) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(parts).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    createReadStream(path).pipe(req);
  });
}

/** One import end to end: upload and check (until the 202), then the ledger (until the report says done). */
async function timeImport(server, client, path, sampler, label) {
  const t0 = nowMs();
  sampler.phase(`${label}: upload + check`);
  const res = await postFile(server.url, path, '');
  if (res.status !== 202) throw new Error(`POST /api/import: ${res.status} ${res.text.slice(0, 500)}`);
  const accepted = JSON.parse(res.text);
  const t1 = nowMs();
  sampler.phase(`${label}: ledger`);
  let report = accepted;
  let lastLog = t1;
  while (report.state === 'running') {
    await sleep(250);
    // A poll is safe to repeat: a keep-alive socket the server closed meanwhile is no failure.
    const res = await client.request('GET', `/api/import/${accepted.id}`).catch(() => client.request('GET', `/api/import/${accepted.id}`));
    report = JSON.parse(res.text);
    if (nowMs() - lastLog > 15_000) {
      log(`import: ${report.processed} of ${report.valid} rows, ${fmt((nowMs() - t0) / 1000, 0)} s`);
      lastLog = nowMs();
    }
  }
  const t2 = nowMs();
  return { report, checkSeconds: (t1 - t0) / 1000, ledgerSeconds: (t2 - t1) / 1000, seconds: (t2 - t0) / 1000, from: t0, to: t2 };
}

const open = (path) =>
  new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(db)));
  });
const run = (db, sql, params = []) => new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
const all = (db, sql) => new Promise((resolve, reject) => db.all(sql, (err, rows) => (err ? reject(err) : resolve(rows))));

/**
 * The file's rows as events on the wire: UTC instants, and ids shaped as the import derives them (the
 * minute in base 36 since 2000, then 16 characters of a digest).
 */
function* wireEvents({ rows, seed }) {
  let n = 0;
  for (const { local, event } of officeYear({ rows, seed })) {
    const minute = Math.floor((local - MSK_MS - Date.UTC(2000, 0, 1)) / 60_000)
      .toString(36)
      .padStart(6, '0');
    const id = `csv:${minute}${createHash('sha256').update(String(n++)).digest('base64url').slice(0, 16)}`;
    yield { ...event, id, occurredAt: new Date(local - MSK_MS).toISOString() };
  }
}

/**
 * The same events sent as any sender would, POST /api/events with 1,000 a request, one request at a
 * time, to a fresh server: what the write path itself costs in time and memory, without the import.
 */
async function viaEvents({ rows, seed, nodeArgs }) {
  const server = await startConveyor({ nodeArgs, env: { CONVEYOR_CLOCK: CLOCK } });
  const client = httpClient(server.url, { timeoutMs: 600_000 });
  try {
    await seedOffice(client, { teams: TEAMS, year: YEAR });
    const sampler = rssSampler(server.pid);
    sampler.phase('events');
    const t0 = nowMs();
    let batch = [];
    let sent = 0;
    const send = async () => {
      const res = await client.request('POST', '/api/events', batch);
      if (res.status !== 200) throw new Error(`POST /api/events: ${res.status} ${res.text.slice(0, 300)}`);
      sent += batch.length;
      batch = [];
    };
    for (const event of wireEvents({ rows, seed })) {
      batch.push(event);
      if (batch.length === 1000) await send();
    }
    if (batch.length > 0) await send();
    const seconds = (nowMs() - t0) / 1000;
    return { rows: sent, seconds, rate: sent / seconds, rss: sampler.stop() };
  } finally {
    client.close();
    await server.dispose();
  }
}

/**
 * The raw baseline: the same rows as events-table rows (ids shaped as the import's, canonical body,
 * office time converted to UTC), 1,000 a transaction, 100 a multi-row INSERT, on the server's own
 * schema and durability settings (WAL, synchronous=FULL).
 */
async function rawInsert(schema, { rows, seed }) {
  const dir = tempDir('conveyor-raw-import-');
  const db = await open(join(dir, 'raw.db'));
  try {
    db.serialize();
    await run(db, 'PRAGMA journal_mode = WAL');
    await run(db, 'PRAGMA synchronous = FULL');
    for (const sql of schema) await run(db, sql);
    const columns = (await all(db, 'PRAGMA table_info(events)')).map((c) => c.name);
    const PER_STATEMENT = 100;
    const statement = db.prepare(
      `INSERT INTO events (${columns.join(', ')}) VALUES ${Array.from({ length: PER_STATEMENT }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
    );
    const receivedAt = new Date(CLOCK).toISOString();
    const peakRss = { value: 0 };
    const sampleSelf = () => (peakRss.value = Math.max(peakRss.value, process.memoryUsage().rss / 2 ** 20));
    const t0 = nowMs();
    let batch = [];
    let stored = 0;
    const flush = async () => {
      const failures = [];
      db.run('BEGIN IMMEDIATE');
      for (let i = 0; i < batch.length; i += PER_STATEMENT) {
        const part = batch.slice(i, i + PER_STATEMENT);
        const params = part.flatMap((row) => columns.map((c) => row[c] ?? null));
        if (part.length === PER_STATEMENT) statement.run(params, (err) => err && failures.push(err));
        else
          db.run(
            `INSERT INTO events (${columns.join(', ')}) VALUES ${part.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
            params,
            (err) => err && failures.push(err),
          );
      }
      await run(db, 'COMMIT');
      if (failures.length) throw failures[0];
      stored += batch.length;
      batch = [];
      sampleSelf();
    };
    for (const event of wireEvents({ rows, seed })) {
      const body = JSON.stringify(Object.fromEntries(Object.entries(event).sort(([a], [b]) => (a < b ? -1 : 1))));
      batch.push({
        id: event.id,
        type: event.type,
        occurred_at: event.occurredAt,
        employee_id: event.employeeId ?? null,
        client_id: event.clientId ?? null,
        body,
        received_at: receivedAt,
      });
      if (batch.length === 1000) await flush();
    }
    await flush();
    const seconds = (nowMs() - t0) / 1000;
    await new Promise((resolve) => statement.finalize(resolve));
    return { rows: stored, seconds, rate: stored / seconds, peakRssMb: peakRss.value };
  } finally {
    await new Promise((resolve) => db.close(resolve));
    removeTempDir(dir);
  }
}

export async function runImport(opts = {}) {
  const rows = num(opts.rows, 650_000);
  const seed = num(opts.seed, 1);
  const encoding = opts.encoding === 'windows-1251' ? 'windows-1251' : 'utf-8';
  const profileDir = opts.profile ? tempDir('conveyor-prof-') : null;

  const work = tempDir('conveyor-import-bench-');
  const file = join(work, 'office-year.csv');
  log(`import: writing ${rows} rows (seed ${seed}, ${encoding})`);
  const g0 = nowMs();
  const bytes = await writeCsv(file, { rows, seed, encoding });
  const result = { rows, seed, encoding, fileMb: bytes / 2 ** 20, generateSeconds: (nowMs() - g0) / 1000 };
  log(`import: ${fmt(result.fileMb, 1)} MB in ${fmt(result.generateSeconds, 1)} s`);

  const diag = diagnosticsOptions({ profileDir });
  result.serverNodeArgs = typeof opts.serverNodeArgs === 'string' ? opts.serverNodeArgs.split(' ').filter(Boolean) : [];
  const server = await startConveyor({
    nodeArgs: [...result.serverNodeArgs, ...diag.nodeArgs],
    env: { ...diag.env, CONVEYOR_CLOCK: CLOCK },
  });
  const client = httpClient(server.url, { timeoutMs: 600_000 });
  let schema;
  try {
    await seedOffice(client, { teams: TEAMS, year: YEAR });
    result.idleRssMb = memoryOf(server.pid).rss;
    log(`import: server pid ${server.pid}, RSS ${fmt(result.idleRssMb, 0)} MB after seeding; importing`);
    const sampler = rssSampler(server.pid);
    if (opts.dryRun) {
      log('import: dry run');
      const t0 = nowMs();
      sampler.phase('dry run');
      const res = await postFile(server.url, file, '?dryRun=true');
      if (res.status !== 200) throw new Error(`POST /api/import?dryRun=true: ${res.status} ${res.text.slice(0, 500)}`);
      result.dryRun = { seconds: (nowMs() - t0) / 1000, report: summary(JSON.parse(res.text)) };
    }
    const first = await timeImport(server, client, file, sampler, 'import');
    result.import = { ...first, report: summary(first.report) };
    if (opts.again) {
      log('import: the same file again');
      const second = await timeImport(server, client, file, sampler, 'again');
      result.again = { ...second, report: summary(second.report) };
    }
    const rss = sampler.stop();
    result.rss = { ...rss, hwm: memoryOf(server.pid).hwm };
    const standings = JSON.parse((await client.request('GET', '/api/standings?board=teams&period=year')).text);
    result.teamPointsOfYear = standings.rows.reduce((sum, r) => sum + r.points, 0);
    client.close();
    await server.stop();
    schema = await readSchema(server.dbPath);
  } finally {
    client.close();
    await server.dispose();
  }
  removeTempDir(work);
  if (profileDir) {
    result.profile = summarizeProfiles(profileDir, { window: [result.import.from, result.import.to] });
    removeTempDir(profileDir);
  }
  if (opts.viaEvents) {
    log('import: the same events through POST /api/events, 1,000 a request');
    result.viaEvents = await viaEvents({ rows, seed, nodeArgs: result.serverNodeArgs });
  }
  if (!opts.skipRaw) {
    log('import: raw baseline (multi-row INSERTs into events, no scoring)');
    result.raw = await rawInsert(schema, { rows, seed });
  }
  return result;
}

function summary(report) {
  const { state, rows, valid, processed, imported, duplicates, errorCount, errors } = report;
  return { state, rows, valid, processed, imported, duplicates, errorCount, firstErrors: errors.slice(0, 3) };
}

export function importVerdicts(r) {
  return [
    {
      name: 'import seconds',
      value: r.import.seconds,
      target: `≤ ${IMPORT_TARGETS.seconds}`,
      ok: r.import.seconds <= IMPORT_TARGETS.seconds,
      baseline: r.raw?.seconds ?? NaN,
    },
    {
      name: 'server peak RSS MB',
      value: r.rss.peak,
      target: `< ${IMPORT_TARGETS.rssMb}`,
      ok: r.rss.peak < IMPORT_TARGETS.rssMb,
      baseline: NaN,
    },
  ];
}

export function printImport(r) {
  const out = [];
  out.push(
    `CSV import — ${fmt(r.rows, 0)} rows (${fmt(r.fileMb, 1)} MB, ${r.encoding}, seed ${r.seed}): a year of six triads, office dates, decimal commas`,
  );
  const i = r.import;
  const rows = [
    ['', 'rows', 'seconds', 'rows/s', 'peak RSS MB', 'target'],
    [
      'Conveyor: POST /api/import, end to end',
      fmt(i.report.imported, 0),
      fmt(i.seconds, 1),
      fmt(i.report.imported / i.seconds, 0),
      fmt(r.rss.peak, 0),
      `≤ ${IMPORT_TARGETS.seconds} s, < ${IMPORT_TARGETS.rssMb} MB`,
    ],
    [
      '  upload + check (until the 202)',
      fmt(i.report.rows, 0),
      fmt(i.checkSeconds, 1),
      fmt(i.report.rows / i.checkSeconds, 0),
      fmt(r.rss.byPhase['import: upload + check'], 0),
      '',
    ],
    [
      '  ledger (202 until done)',
      fmt(i.report.processed, 0),
      fmt(i.ledgerSeconds, 1),
      fmt(i.report.processed / i.ledgerSeconds, 0),
      fmt(r.rss.byPhase['import: ledger'], 0),
      '',
    ],
  ];
  if (r.again)
    rows.push([
      'Conveyor: the same file again (all duplicates)',
      fmt(r.again.report.duplicates, 0),
      fmt(r.again.seconds, 1),
      fmt(r.again.report.processed / r.again.seconds, 0),
      fmt(Math.max(r.rss.byPhase['again: upload + check'] ?? 0, r.rss.byPhase['again: ledger'] ?? 0), 0),
      '',
    ]);
  if (r.dryRun)
    rows.push([
      'Conveyor: dry run (upload + check only)',
      fmt(r.dryRun.report.rows, 0),
      fmt(r.dryRun.seconds, 1),
      fmt(r.dryRun.report.rows / r.dryRun.seconds, 0),
      fmt(r.rss.byPhase['dry run'], 0),
      '',
    ]);
  if (r.viaEvents)
    rows.push([
      'the same events via POST /api/events (1,000 a request)',
      fmt(r.viaEvents.rows, 0),
      fmt(r.viaEvents.seconds, 1),
      fmt(r.viaEvents.rate, 0),
      fmt(r.viaEvents.rss.peak, 0),
      '',
    ]);
  if (r.raw)
    rows.push([
      'raw sqlite3: multi-row INSERTs into events',
      fmt(r.raw.rows, 0),
      fmt(r.raw.seconds, 1),
      fmt(r.raw.rate, 0),
      `${fmt(r.raw.peakRssMb, 0)} (bench process)`,
      '',
    ]);
  out.push(table(rows));
  out.push(
    `  report: ${JSON.stringify(i.report)}` + (r.again ? `\n  again: ${JSON.stringify(r.again.report)}` : ''),
    `  server RSS: ${fmt(r.idleRssMb, 0)} MB before, peak sampled ${fmt(r.rss.peak, 0)} MB (anonymous ${fmt(r.rss.atPeak?.anon, 0)}, file-backed ${fmt(r.rss.atPeak?.file, 0)}), VmHWM ${fmt(r.rss.hwm, 0)} MB` +
      `${r.serverNodeArgs.length ? `; server node options: ${r.serverNodeArgs.join(' ')}` : ''}; team points of the year ${fmt(r.teamPointsOfYear, 0)}`,
  );
  if (r.raw)
    out.push(
      `  Conveyor / raw: ${ratio(i.report.imported / i.seconds, r.raw.rate)} the rate (the import checks, scores and totals every row; raw only stores it)`,
    );
  const v = importVerdicts(r);
  out.push(`  verdict: ${v.map((x) => `${x.name} ${fmt(x.value, 1)} (${x.target}) ${x.ok ? 'ok' : 'NO'}`).join(', ')}`);
  if (r.profile) out.push('', 'Server CPU profile (the import only):', r.profile);
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = parseArgs();
  console.log(`Machine: ${machine()}`);
  console.log(`Code: ${codeVersion()}`);
  try {
    const r = await runImport(opts);
    console.log(opts.json ? JSON.stringify(r, null, 2) : printImport(r));
    process.exit(0);
  } catch (error) {
    console.error(`benchmark failed: ${error?.stack ?? error}`);
    process.exit(1); // the exit hook in lib/server.mjs kills the children and removes the temp folders
  }
}
