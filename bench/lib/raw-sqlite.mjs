// The raw-SQLite baseline: the rows Conveyor writes for an accepted event, written with plain `sqlite3`
// calls (the same driver the server uses), on the server's own schema, WAL + synchronous=FULL.
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { nowMs, summarize } from './common.mjs';
import { removeTempDir, tempDir } from './server.mjs';

function open(path, mode = sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE) {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, mode, (err) => (err ? reject(err) : resolve(db)));
  });
}
const run = (db, sql, params = []) => new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
const all = (db, sql, params = []) =>
  new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));
const close = (db) => new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
const finalize = (stmt) => new Promise((resolve) => stmt.finalize(() => resolve()));

/** The CREATE statements of a database made by the server's migrations (tables and indexes). */
export async function readSchema(dbPath) {
  const db = await open(dbPath, sqlite3.OPEN_READONLY);
  try {
    const rows = await all(
      db,
      "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index', rowid",
    );
    return rows.map((r) => r.sql);
  } finally {
    await close(db);
  }
}

/** Europe/Moscow has no DST: office-local period keys are UTC+3. */
function periodKeys(iso) {
  const local = new Date(new Date(iso).getTime() + 3 * 3600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + 1;
  return { month: `${y}-${String(m).padStart(2, '0')}`, quarter: `${y}-Q${Math.ceil(m / 3)}`, year: String(y) };
}

/**
 * A raw writer on a fresh temp database with the given schema. `write(events)` commits one transaction
 * holding, per event: the events row, one ledger_entries row, one standing_awards row; and the
 * period_totals upserts (month/quarter/year × employee/team), summed per key within the transaction as
 * the server does (6 upserts for a single event). No reads, no validation, no scoring: only the writes.
 */
export async function rawWriter(schema, teamOf) {
  const dir = tempDir('conveyor-raw-');
  const db = await open(join(dir, 'raw.db'));
  db.configure('busyTimeout', 5000);
  db.serialize(); // execute statements strictly in the order they are queued
  await run(db, 'PRAGMA journal_mode = WAL');
  await run(db, 'PRAGMA synchronous = FULL');
  for (const sql of schema) await run(db, sql);

  // Multi-row INSERTs of up to ROWS rows, prepared once per (table, row count) and reused: the cheapest
  // way to hand rows to SQLite through this driver (a single event uses the 1-row statements).
  const ROWS = 100;
  const columns = {
    events: ['id', 'type', 'occurred_at', 'employee_id', 'client_id', 'body', 'received_at', 'voided_at', 'void_reason'],
    ledger_entries: [
      'id',
      'event_id',
      'award_key',
      'rule',
      'rule_version',
      'employee_id',
      'team_id',
      'points',
      'reason',
      'occurred_at',
      'recorded_at',
      'reverses_id',
    ],
    standing_awards: ['award_key', 'scope_key', 'entry_id'],
  };
  const statements = new Map();
  const statement = (table, n) => {
    const key = `${table}:${n}`;
    let stmt = statements.get(key);
    if (!stmt) {
      const cols = columns[table];
      const row = `(${cols.map(() => '?').join(', ')})`;
      stmt = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${Array.from({ length: n }, () => row).join(', ')}`);
      statements.set(key, stmt);
    }
    return stmt;
  };
  const upsertTotal = db.prepare(
    'INSERT INTO period_totals (period, period_key, subject_type, subject_id, points) VALUES (?, ?, ?, ?, ?) ON CONFLICT (period, period_key, subject_type, subject_id) DO UPDATE SET points = period_totals.points + excluded.points',
  );
  let nextEntry = 1;

  // Statements are queued on the connection in order (serialized mode; the driver runs them one by one
  // on its thread); we only wait for COMMIT, and any failure surfaces there.
  const queue = (stmt, params, failures) => stmt.run(params, (err) => err && failures.push(err));
  const insert = (table, rows, failures) => {
    for (let i = 0; i < rows.length; i += ROWS) {
      const part = rows.slice(i, i + ROWS);
      queue(statement(table, part.length), part.flat(), failures);
    }
  };

  async function write(events) {
    const failures = [];
    const now = new Date().toISOString();
    const sums = new Map();
    const eventRows = [];
    const entryRows = [];
    const standingRows = [];
    for (const e of events) {
      const teamId = teamOf(e.employeeId);
      const points = e.type === 'call' ? 1 : 15;
      const rule = e.type === 'call' ? 'telemarketer.call' : 'telemarketer.meeting_scheduled';
      const body = JSON.stringify(
        Object.fromEntries(
          Object.keys(e)
            .sort()
            .map((k) => [k, e[k]]),
        ),
      );
      eventRows.push([e.id, e.type, e.occurredAt, e.employeeId, e.clientId ?? null, body, now, null, null]);
      const key = `event:${e.id}`;
      const entryId = nextEntry++;
      entryRows.push([
        entryId,
        e.id,
        `${key}#${rule}`,
        rule,
        1,
        e.employeeId,
        teamId,
        points,
        `${e.employeeId}: ${e.type}, +${points}`,
        e.occurredAt,
        now,
        null,
      ]);
      standingRows.push([`${key}#${rule}`, key, entryId]);
      const keys = periodKeys(e.occurredAt);
      for (const period of ['month', 'quarter', 'year']) {
        for (const [subjectType, subjectId] of [
          ['employee', e.employeeId],
          ['team', teamId],
        ]) {
          const k = `${period}|${keys[period]}|${subjectType}|${subjectId}`;
          const row = sums.get(k);
          if (row) row[4] += points;
          else sums.set(k, [period, keys[period], subjectType, subjectId, points]);
        }
      }
    }
    db.run('BEGIN IMMEDIATE', (err) => err && failures.push(err));
    insert('events', eventRows, failures);
    insert('ledger_entries', entryRows, failures);
    insert('standing_awards', standingRows, failures);
    for (const params of sums.values()) queue(upsertTotal, params, failures);
    await new Promise((resolve) => db.run('COMMIT', (err) => (err && failures.push(err), resolve())));
    if (failures.length > 0) {
      await run(db, 'ROLLBACK').catch(() => undefined);
      throw failures[0];
    }
  }

  return {
    write,
    async count() {
      const [row] = await all(db, 'SELECT COUNT(*) AS n FROM events');
      return row.n;
    },
    async dispose() {
      for (const s of [...statements.values(), upsertTotal]) await finalize(s);
      await close(db);
      removeTempDir(dir);
    },
  };
}

/** One transaction per event, one after another (a single SQLite writer), bounded by count and time. */
export async function rawSingle(schema, teamOf, makeEvent, { maxEvents, seconds }) {
  const w = await rawWriter(schema, teamOf);
  try {
    for (let i = 0; i < 50; i++) await w.write([makeEvent()]); // warm-up
    const latencies = [];
    const t0 = nowMs();
    const deadline = t0 + seconds * 1000;
    while (latencies.length < maxEvents && nowMs() < deadline) {
      const s = nowMs();
      await w.write([makeEvent()]);
      latencies.push(nowMs() - s);
    }
    const elapsed = (nowMs() - t0) / 1000;
    return { events: latencies.length, seconds: elapsed, rate: latencies.length / elapsed, latency: summarize(latencies) };
  } finally {
    await w.dispose();
  }
}

/** One transaction per `batchSize` events, bounded by count and time. */
export async function rawBatches(schema, teamOf, makeEvent, { batchSize, maxBatches, seconds }) {
  const w = await rawWriter(schema, teamOf);
  try {
    await w.write(Array.from({ length: batchSize }, makeEvent)); // warm-up
    const latencies = [];
    const t0 = nowMs();
    const deadline = t0 + seconds * 1000;
    while (latencies.length < maxBatches && nowMs() < deadline) {
      const batch = Array.from({ length: batchSize }, makeEvent);
      const s = nowMs();
      await w.write(batch);
      latencies.push(nowMs() - s);
    }
    const elapsed = (nowMs() - t0) / 1000;
    const events = latencies.length * batchSize;
    const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const tenth = Math.max(1, Math.floor(latencies.length / 10));
    const trend = [avg(latencies.slice(0, tenth)), avg(latencies.slice(-tenth))];
    return { events, batches: latencies.length, seconds: elapsed, rate: events / elapsed, latency: summarize(latencies), trend };
  } finally {
    await w.dispose();
  }
}
