#!/usr/bin/env node
// Chaos: nothing acknowledged is lost or counted twice while the server is killed with SIGKILL under load.
//
//   node bench/chaos.mjs [--seed=1] [--events=100000] [--senders=8] [--kill-min=10] [--kill-max=30]
//                        [--postgres [--instances=2] [--redis]] [--now=2026-11-25T09:00:00.000Z] [--json]
//
// A seeded generator makes `--events` activity events (calls, e-mails, meetings, proposals, contracts and
// payments of clients, so daily-norm, relay and team-target bonuses are scored), a tenth of them late
// backfills dated on past days of the open month. `--senders` loops post them through POST /api/events,
// singles and batches mixed, each retrying the same request (same ids, same bodies) with jittered backoff
// on connection errors, timeouts, 429 and 5xx, and re-sending ids already acknowledged (duplicates). Meanwhile
// the server is killed with SIGKILL every `--kill-min`..`--kill-max` seconds (seeded) and started again on
// the same data: one SQLite file by default; with `--postgres`, `--instances` servers on one throwaway
// PostgreSQL (killed one at a time while the senders use all of them), and with `--redis` beside one Redis.
//
// At the end, with every instance up and quiet, it reads the database itself and checks:
// - lost: acknowledged ids not stored (must be 0); phantom: stored ids never sent (must be 0);
// - doubled: an id stored twice, or an award counted twice (an award key whose entries do not net to the
//   one entry standing for it) (must be 0);
// - standings mismatches: every board and period of GET /api/standings against the sums of the ledger's
//   entries per person and team, and against a replay of the stored events from scratch
//   (POST /api/rules/preview with no change: its `current` is the live board, `proposed` the replay) (must be 0).
// Exits 1 if any of these is not 0.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeVersion, fmt, log, machine, nowMs, num, parseArgs, seededRandom, sleep, summarize, table } from './lib/common.mjs';
import {
  ADMIN_TOKEN,
  DISPLAY_TOKEN,
  MAIN,
  freePort,
  httpClient,
  removeTempDir,
  seedOffice,
  tempDir,
  track,
  waitForLine,
} from './lib/server.mjs';

const BOARDS = ['teams', 'employees', 'telemarketer', 'sales', 'account'];
const PERIODS = ['month', 'quarter', 'year'];
const TIME_ZONE = 'Europe/Moscow';
const DAY_MS = 86_400_000;

/** The office-local date (YYYY-MM-DD) of an instant. */
const localDate = (() => {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  const cache = new Map();
  return (iso) => {
    const hour = iso.slice(0, 13); // every zone used here is whole hours off UTC
    let d = cache.get(hour);
    if (d === undefined) cache.set(hour, (d = format.format(new Date(iso))));
    return d;
  };
})();

/** Period keys as the server names them: `2026-11`, `2026-Q4`, `2026`. */
function periodKeys(iso) {
  const d = localDate(iso);
  const month = Number(d.slice(5, 7));
  return { month: d.slice(0, 7), quarter: `${d.slice(0, 4)}-Q${Math.ceil(month / 3)}`, year: d.slice(0, 4) };
}

/** Whether a period key (`2026-11`, `2026-Q4`, `2026`) lies within another. */
function periodWithin(key, outer) {
  if (key === outer) return true;
  if (/^\d{4}$/.test(outer)) return key.startsWith(outer);
  const q = /^(\d{4})-Q(\d)$/.exec(outer);
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  return q !== null && m !== null && m[1] === q[1] && Math.ceil(Number(m[2]) / 3) === Number(q[2]);
}

/**
 * The events of the run, made from the seed alone. Live ones are dated through today (office time) in
 * order, with jitter; a tenth are backfills on a past day of the open month.
 */
export function generateEvents({ count, seed, now, teams }) {
  const rnd = seededRandom(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const nowMs_ = Date.parse(now);
  const today = localDate(now);
  // Midnight in the office, as UTC (Moscow is UTC+3 all year).
  const todayStart = Date.parse(`${today}T00:00:00+03:00`);
  const monthStart = Date.parse(`${today.slice(0, 7)}-01T00:00:00+03:00`);
  const pastDays = Math.round((todayStart - monthStart) / DAY_MS);
  const clients = [];
  const events = [];
  let backfills = 0;
  for (let i = 0; i < count; i++) {
    const team = 1 + Math.floor(rnd() * teams);
    let at;
    if (pastDays > 0 && rnd() < 0.1) {
      backfills++;
      const day = monthStart + Math.floor(rnd() * pastDays) * DAY_MS;
      at = day + 6 * 3_600_000 + Math.floor(rnd() * 11 * 3_600_000); // 09:00–20:00 Moscow
    } else {
      const jitter = (rnd() - 0.5) * 600_000;
      at = Math.min(nowMs_ - 1000, Math.max(todayStart, todayStart + ((i + 0.5) / count) * (nowMs_ - todayStart) + jitter));
    }
    const base = { id: `chaos${seed}-${i}`, occurredAt: new Date(Math.floor(at)).toISOString() };
    const r = rnd();
    let event;
    if (r < 0.5) {
      event = {
        ...base,
        type: 'call',
        employeeId: `tm${team}`,
        durationSec: rnd() < 0.8 ? 30 + Math.floor(rnd() * 300) : 5 + Math.floor(rnd() * 20),
      };
    } else if (r < 0.62) {
      event = { ...base, type: 'email.general', employeeId: pick([`tm${team}`, `sales${team}`, `acc${team}`]) };
    } else if (r < 0.77 || clients.length === 0) {
      const clientId = `chaos${seed}-client-${clients.length}`;
      clients.push({ id: clientId, team });
      event = {
        ...base,
        type: 'meeting.scheduled',
        employeeId: `tm${team}`,
        clientId,
        ...(rnd() < 0.5 && { clientName: `ООО Клиент ${clients.length}` }),
      };
    } else {
      // A later step of a client's chain, for one of the newer clients (so chains fill up).
      const client = clients[Math.max(0, clients.length - 1 - Math.floor(rnd() * Math.min(clients.length, 400)))];
      const step = rnd();
      if (step < 0.35) event = { ...base, type: 'meeting.held', employeeId: `sales${client.team}`, clientId: client.id };
      else if (step < 0.55) event = { ...base, type: 'proposal.sent', employeeId: `sales${client.team}`, clientId: client.id };
      else if (step < 0.75) event = { ...base, type: 'contract.signed', employeeId: `sales${client.team}`, clientId: client.id };
      else event = { ...base, type: 'payment.received', clientId: client.id, amount: (1 + Math.floor(rnd() * 50)) * 10_000 };
    }
    events.push(event);
  }
  return { events, backfills, clients: clients.length };
}

/** One server process that can be killed and started again on the same port and data. */
function conveyorInstance(name, env, errorLines) {
  let child = null;
  let port = null;
  let out = '';
  let starts = 0;
  return {
    name,
    get port() {
      return port;
    },
    get pid() {
      return child?.pid;
    },
    get up() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    output: () => out,
    async start() {
      port ??= await freePort();
      for (let attempt = 1; ; attempt++) {
        out = '';
        starts++;
        child = track(
          spawn(process.execPath, [MAIN], {
            cwd: env.cwd,
            env: {
              ...process.env,
              PORT: String(port),
              HOST: '127.0.0.1',
              OFFICE_TIMEZONE: TIME_ZONE,
              CONVEYOR_ADMIN_TOKEN: ADMIN_TOKEN,
              CONVEYOR_DISPLAY_TOKEN: DISPLAY_TOKEN,
              LOG_LEVEL: 'warn',
              ...env.vars,
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          }),
        );
        const keep = (c) => {
          out += c;
          for (const line of String(c).split('\n'))
            if (/error/i.test(line) && errorLines.length < 20) errorLines.push(`${name}: ${line.trim().slice(0, 300)}`);
        };
        child.stdout.on('data', keep);
        child.stderr.on('data', keep);
        try {
          await waitForLine(child, 'Conveyor listening on http://', 120_000, () => out);
          return;
        } catch (error) {
          // Someone took the port while we were down: take another one (senders read it per request).
          if (attempt < 3 && /EADDRINUSE/.test(out)) {
            port = await freePort();
            continue;
          }
          throw new Error(`${name} did not start (start ${starts}): ${error.message}`, { cause: error });
        }
      }
    },
    /** SIGKILL: no shutdown hook runs, in-flight requests are cut. */
    kill() {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGKILL');
      });
    },
    stop() {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        proc.once('exit', () => (clearTimeout(timer), resolve()));
        proc.kill('SIGTERM');
      });
    },
  };
}

/** POST /api/events to an instance; resolves with { status, text, retryAfter } or rejects on a transport error. */
function postEvents(agent, instance, payload, timeoutMs) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: instance.port,
        method: 'POST',
        path: '/api/events',
        agent,
        timeout: timeoutMs,
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const parts = [];
        res.on('data', (c) => parts.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, text: Buffer.concat(parts).toString(), retryAfter: Number(res.headers['retry-after']) || 0 }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Read-only access to the database the instances share: SQLite file or PostgreSQL URL. */
async function openDatabase(target) {
  if (target.url) {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    return { all: async (sql) => (await client.query(sql)).rows, close: () => client.end() };
  }
  const { default: sqlite3 } = await import('sqlite3');
  const db = new sqlite3.Database(target.path, sqlite3.OPEN_READONLY);
  return {
    all: (sql) => new Promise((resolve, reject) => db.all(sql, (err, rows) => (err ? reject(err) : resolve(rows)))),
    close: () => new Promise((resolve) => db.close(() => resolve())),
  };
}

/**
 * The checks at the end: events against what was sent and acknowledged, awards against their entries,
 * standings against the ledger's sums and against a replay of the events.
 */
async function verify({ target, api, sentIds, acked, at, roles, replayBoards }) {
  const db = await openDatabase(target);
  try {
    const stored = (await db.all('SELECT id FROM events')).map((r) => r.id);
    const storedSet = new Set(stored);
    const doubledEvents = stored.length - storedSet.size;
    let lost = 0;
    const lostIds = [];
    for (const id of acked)
      if (!storedSet.has(id)) {
        lost++;
        if (lostIds.length < 10) lostIds.push(id);
      }
    const phantom = stored.filter((id) => !sentIds.has(id));

    // Every award key's entries must net to the one entry standing for it (or to 0 when none stands).
    const awards = await db.all(
      `SELECT e.award_key AS "awardKey", SUM(e.points) AS net, COUNT(*) AS entries, MAX(s.points) AS standing
         FROM ledger_entries e
         LEFT JOIN (SELECT sa.award_key, le.points FROM standing_awards sa JOIN ledger_entries le ON le.id = sa.entry_id) s
           ON s.award_key = e.award_key
        GROUP BY e.award_key`,
    );
    const badAwards = awards.filter((a) => Number(a.net) !== Number(a.standing ?? 0));
    const doubledAwards = badAwards.filter((a) => Number(a.net) > Number(a.standing ?? 0));

    // Standings rebuilt from the ledger's entries: points per period key and subject.
    const sums = new Map();
    const add = (key, points) => sums.set(key, (sums.get(key) ?? 0) + points);
    let entries = 0;
    for (const e of await db.all(
      'SELECT employee_id AS "employeeId", team_id AS "teamId", points, occurred_at AS "occurredAt" FROM ledger_entries',
    )) {
      entries++;
      const keys = periodKeys(e.occurredAt);
      for (const period of PERIODS) {
        if (e.employeeId) add(`${keys[period]}|employee|${e.employeeId}`, Number(e.points));
        if (e.teamId) add(`${keys[period]}|team|${e.teamId}`, Number(e.points));
      }
    }
    const mismatches = [];
    let rowsCompared = 0;
    for (const period of PERIODS) {
      for (const board of BOARDS) {
        const res = await api.request('GET', `/api/standings?board=${board}&period=${period}&at=${at}`);
        if (res.status !== 200) throw new Error(`GET /api/standings ${board}/${period}: ${res.status} ${res.text.slice(0, 300)}`);
        const standings = JSON.parse(res.text);
        const subject = board === 'teams' ? 'team' : 'employee';
        const seen = new Set();
        for (const row of standings.rows) {
          rowsCompared++;
          seen.add(row.id);
          const fromLedger = sums.get(`${standings.key}|${subject}|${row.id}`) ?? 0;
          if (fromLedger !== row.points) mismatches.push(`${board}/${period} ${row.id}: live ${row.points}, ledger ${fromLedger}`);
        }
        // Anyone the ledger gives points in the period must be on the board.
        for (const [key, points] of sums) {
          const [periodKey, subjectType, id] = key.split('|');
          if (periodKey !== standings.key || subjectType !== subject || points === 0 || seen.has(id)) continue;
          if (board === 'teams' || board === 'employees' || roles.get(id) === board)
            mismatches.push(`${board}/${period} ${id}: ledger ${points}, not on the live board`);
        }
      }
    }
    // Standings replayed from the stored events, from scratch, beside the live ones. The replay scores
    // the events' own scopes, not team targets: a team's live points are its replayed points plus the
    // target bonus, which must stand once exactly when the replayed points reach the target.
    const targetBonus = new Map(); // `${period}|${periodKey}|${teamId}` → net points of its bonus
    for (const a of awards) {
      const m = /^target:(.+):(month|quarter|year):([^:#]+)#/.exec(a.awardKey);
      if (m) targetBonus.set(`${m[2]}|${m[3]}|${m[1]}`, Number(a.net));
    }
    const targets = [];
    for (const period of PERIODS) {
      const res = await api.request('GET', `/api/targets?period=${period}&at=${at}`);
      if (res.status !== 200) throw new Error(`GET /api/targets: ${res.status} ${res.text.slice(0, 300)}`);
      targets.push(...JSON.parse(res.text));
    }
    let replayed = 0;
    let targetsReached = 0;
    const replayedTeams = new Map(); // `${periodKey}|${teamId}` → replayed points
    for (const period of PERIODS) {
      for (const board of replayBoards) {
        const res = await api.request('POST', '/api/rules/preview', { rules: {}, board, period, at });
        if (res.status !== 200) throw new Error(`POST /api/rules/preview ${board}/${period}: ${res.status} ${res.text.slice(0, 300)}`);
        const preview = JSON.parse(res.text);
        replayed++;
        const proposed = new Map(preview.proposed.map((r) => [r.id, r.points]));
        for (const row of preview.current) {
          let expected = proposed.get(row.id);
          if (board === 'teams') {
            replayedTeams.set(`${preview.key}|${row.id}`, expected);
            // Bonuses of targets whose award falls in this board's period (a month's counts in its quarter and year).
            for (const [key, points] of targetBonus) {
              const [, periodKey, teamId] = key.split('|');
              if (teamId === row.id && periodWithin(periodKey, preview.key)) expected += points;
            }
          }
          if (expected !== row.points) mismatches.push(`${board}/${period} ${row.id}: live ${row.points}, replayed ${expected}`);
        }
        if (preview.proposed.length !== preview.current.length)
          mismatches.push(`${board}/${period}: ${preview.current.length} live rows, ${preview.proposed.length} replayed`);
      }
    }
    for (const t of targets) {
      const points = replayedTeams.get(`${t.key}|${t.teamId}`);
      if (points === undefined) continue;
      const bonus = targetBonus.get(`${t.period}|${t.key}|${t.teamId}`) ?? 0;
      const reached = points >= t.points;
      if (reached) targetsReached++;
      if (reached !== bonus > 0 || reached !== (t.reachedAt !== null) || (reached && bonus !== 100))
        mismatches.push(
          `target ${t.teamId} ${t.key}: ${points} replayed of ${t.points}, bonus standing ${bonus}, reachedAt ${t.reachedAt}`,
        );
    }
    return {
      stored: stored.length,
      lost,
      lostIds,
      phantom: phantom.length,
      phantomIds: phantom.slice(0, 10),
      doubledEvents,
      awardKeys: awards.length,
      entries,
      badAwards: badAwards.length,
      badAwardKeys: badAwards.slice(0, 10),
      doubledAwards: doubledAwards.length,
      doubled: doubledEvents + doubledAwards.length,
      rowsCompared,
      replayed,
      targets: targets.length,
      targetsReached,
      mismatches,
    };
  } finally {
    await db.close();
  }
}

export async function runChaos(opts = {}) {
  const seed = num(opts.seed, 1);
  const count = num(opts.events, 100_000);
  const senders = num(opts.senders, 8);
  const killMin = num(opts.killMin, 10);
  const killMax = Math.max(killMin, num(opts.killMax, 30));
  const postgres = Boolean(opts.postgres);
  const useRedis = Boolean(opts.redis);
  const instances = postgres ? num(opts.instances, 2) : 1;
  const now = typeof opts.now === 'string' ? opts.now : '2026-11-25T09:00:00.000Z';
  const at = localDate(now);
  const timeoutMs = num(opts.timeoutMs, 15_000);
  const giveUpMs = num(opts.giveUp, 600) * 1000;
  // The role boards are subsets of `employees`: replaying it covers their people.
  const replayBoards = String(opts.replayBoards ?? 'teams,employees')
    .split(',')
    .filter((b) => BOARDS.includes(b));

  const rnd = seededRandom(seed * 7919 + 17);
  const teams = 6;
  const { events, backfills, clients } = generateEvents({ count, seed, now, teams });
  const roles = new Map();
  for (let n = 1; n <= teams; n++) {
    roles.set(`tm${n}`, 'telemarketer');
    roles.set(`sales${n}`, 'sales');
    roles.set(`acc${n}`, 'account');
  }

  const services = [];
  const dataDir = tempDir('conveyor-chaos-');
  let target;
  const vars = { CONVEYOR_CLOCK: now };
  if (postgres) {
    const { startPostgres, startRedis } = await import('../scripts/lib/services.mjs');
    const pgService = await startPostgres();
    services.push(pgService);
    target = { url: pgService.url };
    vars.DATABASE_URL = pgService.url;
    if (useRedis) {
      const redis = await startRedis();
      services.push(redis);
      vars.REDIS_URL = redis.url;
    }
  } else {
    target = { path: join(dataDir, 'conveyor.db') };
    vars.DATABASE_PATH = target.path;
  }
  const serverErrors = [];
  const servers = Array.from({ length: instances }, (_, i) => conveyorInstance(`instance ${i + 1}`, { cwd: dataDir, vars }, serverErrors));
  const agent = new http.Agent({ keepAlive: true, maxSockets: senders * 2 });
  const stats = {
    requests: 0,
    retried: 0,
    duplicatesSent: 0,
    singles: 0,
    batches: 0,
    refused: 0,
    firstRefusal: '',
    first5xx: '',
    gaveUp: 0,
    errors: new Map(),
  };
  const kills = [];
  const restarts = [];
  const latencies = [];
  const acked = new Set();
  const sentIds = new Set();
  let result;
  try {
    // Migrations once, then the others (they would wait on each other anyway).
    for (const s of servers) await s.start();
    log(
      `chaos: ${instances} instance(s) up (${servers.map((s) => `pid ${s.pid} :${s.port}`).join(', ')}), ${postgres ? 'PostgreSQL' : 'SQLite'}`,
    );
    const seedClient = httpClient(`http://127.0.0.1:${servers[0].port}`);
    await seedOffice(seedClient, { teams, year: Number(at.slice(0, 4)) });
    // Month targets for every team, some reached during the run, some not: threshold bonuses per team.
    for (let n = 1; n <= teams; n++) {
      const res = await seedClient.request('PUT', '/api/targets', {
        teamId: `team${n}`,
        period: 'month',
        at,
        points: Math.round(count * 2.8 * (0.6 + 0.15 * n)), // about 17 points an event in all, so the first teams reach theirs
      });
      if (res.status !== 200) throw new Error(`PUT /api/targets: ${res.status} ${res.text}`);
    }
    seedClient.close();
    log(`chaos: ${count} events (${backfills} backfills, ${clients} clients), ${senders} senders, SIGKILL every ${killMin}–${killMax} s`);

    let cursor = 0;
    let running = true;
    const ackedList = [];
    const t0 = nowMs();

    // Sends one request until it is acknowledged (200), refused (another 4xx) or the run gives up on it.
    const deliver = async (senderRnd, items, single) => {
      const payload = JSON.stringify(single ? items[0] : items);
      let target = Math.floor(senderRnd() * instances);
      const started = nowMs();
      for (let attempt = 0; ; attempt++) {
        stats.requests++;
        if (attempt > 0) stats.retried++;
        const s = nowMs();
        let wait = 0;
        try {
          const res = await postEvents(agent, servers[target], payload, timeoutMs);
          if (res.status === 200) {
            latencies.push(nowMs() - s);
            return true;
          }
          if (res.status !== 429 && res.status < 500) {
            stats.refused++;
            stats.firstRefusal ||= `HTTP ${res.status}: ${res.text.slice(0, 400)}`;
            return false;
          }
          stats.errors.set(`HTTP ${res.status}`, (stats.errors.get(`HTTP ${res.status}`) ?? 0) + 1);
          if (res.status >= 500 && res.status !== 503)
            stats.first5xx ||= `HTTP ${res.status} from ${servers[target].name}: ${res.text.slice(0, 300)}`;
          wait = res.retryAfter * 1000;
        } catch (error) {
          const code = error.code ?? String(error.message).slice(0, 40);
          stats.errors.set(code, (stats.errors.get(code) ?? 0) + 1);
        }
        if (nowMs() - started > giveUpMs) {
          stats.gaveUp++;
          return false;
        }
        // Jittered exponential backoff, and the next instance (a load balancer's retry).
        wait = Math.max(wait, Math.min(2000, 20 * 2 ** Math.min(attempt, 7)) * (0.5 + senderRnd()));
        target = (target + 1) % instances;
        await sleep(wait);
      }
    };

    const sender = async (n) => {
      const senderRnd = seededRandom(seed * 1_000_003 + n);
      while (cursor < events.length) {
        const single = senderRnd() < 0.4;
        const size = single ? 1 : 2 + Math.floor(senderRnd() ** 2 * 300);
        const fresh = events.slice(cursor, cursor + size);
        cursor += fresh.length;
        for (const e of fresh) sentIds.add(e.id);
        let items = fresh;
        // Re-sends of acknowledged ids: one alone, or several mixed into a batch.
        if (ackedList.length > 0 && senderRnd() < 0.15) {
          const dups = Array.from(
            { length: single ? 1 : 1 + Math.floor(senderRnd() * 10) },
            () => ackedList[Math.floor(senderRnd() * ackedList.length)],
          );
          stats.duplicatesSent += dups.length;
          if (single) {
            stats.singles++;
            await deliver(senderRnd, dups, true);
          } else items = [...fresh, ...dups].sort(() => senderRnd() - 0.5);
        }
        // Sometimes an id twice in one batch, with the same body.
        if (!single && senderRnd() < 0.05) {
          items = [...items, items[Math.floor(senderRnd() * items.length)]];
          stats.duplicatesSent++;
        }
        if (single) stats.singles++;
        else stats.batches++;
        if (await deliver(senderRnd, items, single)) {
          for (const e of fresh) {
            acked.add(e.id);
            ackedList.push(e);
          }
        }
      }
    };

    // The killer: one instance at a time, SIGKILL, then started again on the same data.
    const killer = (async () => {
      let next = 0;
      while (running) {
        const waitMs = (killMin + rnd() * (killMax - killMin)) * 1000;
        const until = nowMs() + waitMs;
        while (running && nowMs() < until) await sleep(Math.min(250, until - nowMs()));
        if (!running) break;
        const victim = servers[next];
        next = (next + 1) % instances;
        const pid = victim.pid;
        await victim.kill();
        const k = nowMs();
        kills.push({ at: (k - t0) / 1000, instance: victim.name, pid, acknowledgedSoFar: acked.size });
        log(`chaos: SIGKILL ${victim.name} (pid ${pid}) at ${fmt((k - t0) / 1000, 1)} s, ${acked.size} acknowledged so far`);
        await victim.start();
        restarts.push(nowMs() - k);
      }
    })();

    const progress = setInterval(
      () => log(`chaos: ${cursor} sent, ${acked.size} acknowledged, ${stats.retried} retries, ${kills.length} kills`),
      10_000,
    );
    await Promise.all(Array.from({ length: senders }, (_, n) => sender(n)));
    running = false;
    clearInterval(progress);
    await killer;
    const seconds = (nowMs() - t0) / 1000;
    for (const s of servers) if (!s.up) await s.start();

    log(`chaos: ${acked.size} acknowledged in ${fmt(seconds, 1)} s; checking the database and the standings`);
    const api = httpClient(`http://127.0.0.1:${servers[0].port}`, { timeoutMs: 300_000 });
    const v0 = nowMs();
    let check;
    try {
      check = await verify({ target, api, sentIds, acked, at, roles, replayBoards });
    } finally {
      api.close();
    }
    result = {
      seed,
      mode: postgres ? `PostgreSQL, ${instances} instance${instances > 1 ? 's' : ''}${useRedis ? ' + Redis' : ''}` : 'SQLite, 1 instance',
      events: count,
      backfills,
      senders,
      now,
      sent: sentIds.size,
      acknowledged: acked.size,
      ...stats,
      errors: Object.fromEntries(stats.errors),
      kills: kills.length,
      killLog: kills,
      restart: summarize(restarts),
      ackLatency: summarize(latencies),
      seconds,
      verifySeconds: (nowMs() - v0) / 1000,
      ...check,
      loadavg: loadavg(),
      serverErrors,
    };
  } finally {
    agent.destroy();
    await Promise.all(servers.map((s) => s.stop()));
    for (const s of services.reverse()) await s.stop();
    removeTempDir(dataDir);
  }
  return result;
}

export function chaosFailed(r) {
  return r.lost > 0 || r.doubled > 0 || r.phantom > 0 || r.mismatches.length > 0 || r.badAwards > 0 || r.refused > 0;
}

export function printChaos(r) {
  const out = [];
  out.push(`Chaos — ${r.mode}, seed ${r.seed}, ${r.events} events (${r.backfills} backfills) from ${r.senders} senders, clock ${r.now}`);
  out.push(
    table([
      ['figure', 'value', 'must be'],
      ['sent (distinct events)', r.sent, ''],
      ['acknowledged (200)', r.acknowledged, ''],
      ['requests (singles / batches)', `${r.requests} (${r.singles} / ${r.batches})`, ''],
      ['retried requests', r.retried, ''],
      ['duplicates re-sent', r.duplicatesSent, ''],
      ['kills (SIGKILL)', r.kills, ''],
      ['restart to listening, p50 / max s', `${fmt(r.restart.p50 / 1000, 1)} / ${fmt(r.restart.max / 1000, 1)}`, ''],
      ['stored events', r.stored, ''],
      ['lost (acknowledged, not stored)', r.lost, 0],
      ['doubled (ids stored twice + awards counted twice)', `${r.doubled} (${r.doubledEvents} + ${r.doubledAwards})`, 0],
      ['phantom (stored, never sent)', r.phantom, 0],
      ['award keys not netting to their standing entry', r.badAwards, 0],
      ['standings mismatches (ledger sums and replay)', r.mismatches.length, 0],
      ['refused (4xx other than 429)', r.refused, 0],
      ['gave up (not acknowledged in time)', r.gaveUp, ''],
      ['duration s (checks s)', `${fmt(r.seconds, 1)} (${fmt(r.verifySeconds, 1)})`, ''],
    ]),
  );
  out.push(
    `  checked: ${r.entries} ledger entries under ${r.awardKeys} award keys; ${r.rowsCompared} standings rows (${BOARDS.length} boards × ${PERIODS.length} periods) against the ledger; ${r.replayed} boards replayed from the events; ${r.targets} team targets, ${r.targetsReached} reached, each bonus once`,
  );
  out.push(`  ack latency ms p50 / p99 / max: ${fmt(r.ackLatency.p50, 0)} / ${fmt(r.ackLatency.p99, 0)} / ${fmt(r.ackLatency.max, 0)}`);
  out.push(
    `  failed attempts by cause: ${
      Object.entries(r.errors)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }`,
  );
  out.push(
    `  kills at s: ${r.killLog.map((k) => `${fmt(k.at, 0)}${r.mode.includes('instances') ? ` (${k.instance.replace('instance ', '#')})` : ''}`).join(', ') || 'none'}`,
  );
  out.push(`  load average at the end: ${r.loadavg.map((l) => l.toFixed(2)).join(' ')}`);
  if (r.firstRefusal) out.push(`  first refusal: ${r.firstRefusal}`);
  if (r.first5xx) out.push(`  first 5xx other than 503: ${r.first5xx}`);
  if (r.serverErrors.length) out.push(`  server log errors (first ${r.serverErrors.length}):\n    ${r.serverErrors.join('\n    ')}`);
  if (r.lostIds.length) out.push(`  lost ids: ${r.lostIds.join(', ')}`);
  if (r.phantomIds.length) out.push(`  phantom ids: ${r.phantomIds.join(', ')}`);
  if (r.badAwardKeys.length)
    out.push(`  award keys: ${r.badAwardKeys.map((a) => `${a.awardKey} net ${a.net} standing ${a.standing ?? 0}`).join('; ')}`);
  if (r.mismatches.length) out.push(`  mismatches: ${r.mismatches.slice(0, 10).join('; ')}`);
  out.push(
    `  verdict: ${chaosFailed(r) ? 'FAILED' : 'nothing acknowledged lost, nothing doubled, standings equal the ledger and its replay'}`,
  );
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = parseArgs();
  console.log(`Machine: ${machine()}`);
  console.log(`Code: ${codeVersion()}`);
  try {
    const r = await runChaos(opts);
    console.log(opts.json ? JSON.stringify(r, null, 2) : printChaos(r));
    process.exit(chaosFailed(r) ? 1 : 0);
  } catch (error) {
    console.error(`benchmark failed: ${error?.stack ?? error}`);
    process.exit(1); // the exit hook in lib/server.mjs kills the children and removes the temp folders
  }
}
