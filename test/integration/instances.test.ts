import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiError, CreatedToken, ImportReport, IngestResult, PeriodDetail } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, seedOffice, type Answer } from '../helpers/api.js';
import { dropDatabase } from '../helpers/database.js';
import { startServer, type RunningServer } from '../helpers/server.js';

// Two instances on one PostgreSQL database and one Redis: whatever must happen once happens once,
// whichever instance takes it in (event ids, running totals, period closing), sign-in lock-outs hold
// on both, a change made through one is what the other scores and authorizes with next, and one
// instance killed leaves the other serving. Live updates across instances: instances-live.test.ts.
const enabled = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);

// A manual clock on both, moved with PUT /api/dev/clock: November 2026 in Moscow, days before its end.
const CLOCK = '2026-11-20T10:00:00Z';

let dataDir: string;
let a: RunningServer;
let b: RunningServer;
let apiA: Api;
let apiB: Api;

/** An intro email: 2 points to the telemarketer and their team, one ledger entry. */
const email = (id: string, employeeId: string, occurredAt = '2026-11-12T10:00:00Z') => ({
  id,
  type: 'email.general',
  occurredAt,
  employeeId,
});

async function ok<T>(api: Api, method: string, path: string, body?: unknown): Promise<T> {
  const res = await api.request<T>(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function setClock(api: Api, now: string): Promise<string[]> {
  return (await ok<{ closed: string[] }>(api, 'PUT', '/dev/clock', { now })).closed;
}

/** Runs `jobs` with at most `width` in flight. */
async function inParallel<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = new Array<T>(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

const sql = <T>(text: string, params?: unknown[]): Promise<T[]> => a.sql<T>(text, params);

describe.skipIf(!enabled)('two instances on one PostgreSQL and one Redis', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'conveyor-instances-'));
    const env = { CONVEYOR_CLOCK: CLOCK, REDIS_URL: process.env.TEST_REDIS_URL!, LOG_LEVEL: 'warn' };
    // One after the other: the first runs the migrations, the second finds them done.
    a = await startServer({ dataDir, env });
    b = await startServer({ dataDir, env });
    apiA = new Api(a);
    apiB = new Api(b);
    await seedOffice(apiA);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    if (dataDir) {
      await dropDatabase(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('counts 500 events once when each is sent twice, through both instances at once', async () => {
    const events = Array.from({ length: 500 }, (_, i) => email(`twice-${i}`, i % 3 ? 'tm1' : 'tm2'));
    // Batches of 1 to 9 events; each batch goes to A and to B at the same moment, eight pairs in flight.
    const batches: (typeof events)[] = [];
    for (let i = 0, size = 1; i < events.length; i += size, size = (size % 9) + 1) batches.push(events.slice(i, i + size));
    const pairs = await inParallel(
      batches.map((batch, i) => () => {
        const [first, second] = i % 2 ? [apiA, apiB] : [apiB, apiA];
        return Promise.all([first.postEvents(batch.length === 1 ? batch[0] : batch), second.postEvents(batch)]);
      }),
      8,
    );
    for (const [one, two] of pairs) {
      expect(one.status, JSON.stringify(one.body)).toBe(200);
      expect(two.status, JSON.stringify(two.body)).toBe(200);
      // The idempotency contract: the same answer, whichever instance the copy came through.
      expect(two.body).toEqual(one.body);
    }
    expect(pairs.flatMap(([one]) => (one.body as IngestResult).events.map((e) => e.id)).sort()).toEqual(events.map((e) => e.id).sort());

    const [stored] = await sql<{ n: number }>(`SELECT COUNT(*) AS n FROM events WHERE id LIKE 'twice-%'`);
    expect(stored!.n).toBe(500);
    const entries = await sql<{ entries: number; points: number }>(
      `SELECT COUNT(*) AS entries, SUM(points) AS points FROM ledger_entries WHERE event_id LIKE 'twice-%'`,
    );
    expect(entries).toEqual([{ entries: 500, points: 1000 }]);
    const tm2 = events.filter((e) => e.employeeId === 'tm2').length;
    const expected = { tm1: (500 - tm2) * 2, tm2: tm2 * 2 };
    for (const api of [apiA, apiB]) {
      expect(await api.points('board=telemarketer&period=month')).toMatchObject(expected);
      expect(await api.points('board=teams&period=month')).toMatchObject({ team1: expected.tm1, team2: expected.tm2 });
    }
    // The running totals are the ledger's sums.
    const totals = await sql<{ subject: string; points: number }>(
      `SELECT subject_id AS subject, points FROM period_totals
        WHERE period = 'month' AND period_key = '2026-11' AND subject_type = 'employee' AND subject_id IN ('tm1', 'tm2') ORDER BY subject_id`,
    );
    expect(totals).toEqual([
      { subject: 'tm1', points: expected.tm1 },
      { subject: 'tm2', points: expected.tm2 },
    ]);
  });

  it('closes a period once when both instances reach its end together, and both tell the same result', async () => {
    await ok(apiA, 'POST', '/rewards', { period: 'month', board: 'teams', place: 1, title: 'Team of the month' });
    // November closes at the end of its 24 h grace window: 2026-12-01T21:00Z.
    const closedBy = await Promise.all([setClock(apiA, '2026-12-01T21:00:00Z'), setClock(apiB, '2026-12-01T21:00:00Z')]);
    expect(closedBy.flat()).toEqual(['2026-11']);
    await Promise.all([setClock(apiA, '2026-12-02T00:00:00Z'), setClock(apiB, '2026-12-02T00:00:00Z')]);

    expect(await sql(`SELECT period_key AS "key" FROM period_results WHERE period_key = '2026-11'`)).toEqual([{ key: '2026-11' }]);
    const moments = await sql<{ n: number }>(`SELECT COUNT(*) AS n FROM moments WHERE type = 'period.closed'`);
    expect(moments).toEqual([{ n: 1 }]);
    const [fromA, fromB] = await Promise.all([
      ok<PeriodDetail>(apiA, 'GET', '/periods/2026-11'),
      ok<PeriodDetail>(apiB, 'GET', '/periods/2026-11'),
    ]);
    expect(fromA).toMatchObject({ status: 'closed', closedBy: 'schedule', closedAt: '2026-12-01T21:00:00.000Z' });
    expect(fromA.grants).toHaveLength(1);
    expect(fromB).toEqual(fromA);
    // A manager closing it again through either instance is told it is closed, as on one.
    for (const api of [apiA, apiB])
      expect(await api.request<ApiError>('POST', '/periods/2026-11/close')).toMatchObject({
        status: 409,
        body: { code: 'period.closed' },
      });
  });

  it('locks an account on both instances after failures spread over them', async () => {
    const mail = `shared-${Date.now()}@office.test`;
    await ok(apiA, 'POST', '/accounts', { email: mail, name: 'Shared', password: 'a very long password' });
    const signIn = (api: Api, password: string): Promise<Answer<ApiError>> =>
      api.as(null).request<ApiError>('POST', '/auth/login', { email: mail, password });
    // Five wrong passwords: three through A, two through B, at once.
    const wrong = await Promise.all([0, 1, 2, 3, 4].map((i) => signIn(i < 3 ? apiA : apiB, `guess ${i}`)));
    expect(wrong.map((w) => w.status)).toEqual([401, 401, 401, 401, 401]);
    // Now the right one is refused through either.
    for (const api of [apiB, apiA]) {
      const res = await fetch(`${api.server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: mail, password: 'a very long password' }),
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await res.json()) as ApiError).code).toBe('request.too_many');
    }
  });

  it('authorizes and scores with what was changed through the other instance, at once', async () => {
    // A token made through A works through B; revoked through B, it stops working through A.
    const made = await ok<CreatedToken>(apiA, 'POST', '/tokens', { kind: 'integration', name: 'CRM' });
    const crmOnB = apiB.as(made.token);
    expect((await crmOnB.postEvents(email('token-1', 'tm1', '2026-12-01T22:00:00Z'))).status).toBe(200);
    const crmOnA = apiA.as(made.token);
    expect((await crmOnA.postEvents(email('token-2', 'tm1', '2026-12-01T22:00:00Z'))).status).toBe(200);
    await ok(apiB, 'DELETE', `/tokens/${made.id}`);
    expect((await crmOnA.postEvents(email('token-3', 'tm1', '2026-12-01T22:00:00Z'))).status).toBe(401);

    // A person added through A (and put in a team) scores through B's next event.
    await apiA.employee({ id: 'tm9', name: 'Telemarketer 9', role: 'telemarketer' });
    const unknownOnB = await apiB.postEvents(email('newcomer-0', 'tm9', '2026-12-01T22:00:00Z'));
    expect(unknownOnB.status, JSON.stringify(unknownOnB.body)).toBe(200);
    expect((await apiB.points('board=telemarketer&period=month&at=2026-12-01')).tm9).toBe(2);
  });

  it("follows an import's progress through the instance that did not take the file", async () => {
    const rows = Array.from(
      { length: 300 },
      (_, i) => `imp-${i};call;2026-12-01 ${String(10 + (i % 8))}:${String(i % 60).padStart(2, '0')};acc1;60`,
    );
    const res = await fetch(`${a.url}/api/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.adminToken}`, 'content-type': 'text/csv' },
      body: `${['id;type;occurredAt;employeeId;durationSec', ...rows].join('\r\n')}\r\n`,
    });
    const started = (await res.json()) as ImportReport;
    expect(res.status, JSON.stringify(started)).toBe(202);
    let report = started;
    for (let polls = 0; report.state === 'running'; polls++) {
      if (polls > 2000) throw new Error(`import still running: ${JSON.stringify(report)}`);
      const answer = await apiB.request<ImportReport>('GET', `/import/${started.id}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      report = answer.body;
    }
    expect(report).toMatchObject({ id: started.id, state: 'done', valid: 300, imported: 300 });
    expect(await ok<ImportReport>(apiA, 'GET', `/import/${started.id}`)).toEqual(report);
    const [stored] = await sql<{ n: number }>(`SELECT COUNT(*) AS n FROM events WHERE id LIKE 'imp-%'`);
    expect(stored!.n).toBe(300);
  });

  it('keeps serving requests and events through one instance when the other is killed', async () => {
    const events = Array.from({ length: 200 }, (_, i) => email(`kill-${i}`, i % 2 ? 'tm1' : 'tm2', '2026-12-01T23:00:00Z'));
    const acked = new Set<string>();
    const failed: typeof events = [];
    let sentToA = 0;
    await inParallel(
      events.map((event, i) => async () => {
        const api = i % 2 ? apiA : apiB;
        if (api === apiA && ++sentToA === 40) void a.kill();
        try {
          const res = await api.postEvents(event);
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          acked.add(event.id);
        } catch (error) {
          if (api !== apiA) throw error;
          failed.push(event); // A is gone: connection refused or reset
        }
      }),
      8,
    );
    await a.exited();
    // Every event sent through B was taken in, and A's lost ones are sent again through B, under the same ids.
    expect(events.filter((e, i) => i % 2 === 0 && !acked.has(e.id))).toEqual([]);
    expect(failed.length).toBeGreaterThan(0);
    for (const event of failed) expect((await apiB.postEvents(event)).status).toBe(200);
    // B answers the other requests too.
    expect((await apiB.request('GET', '/standings?board=teams&period=month')).status).toBe(200);
    const [stored] = await sql<{ n: number }>(`SELECT COUNT(*) AS n FROM events WHERE id LIKE 'kill-%'`);
    expect(stored!.n).toBe(200);
    const [entries] = await sql<{ n: number }>(`SELECT COUNT(*) AS n FROM ledger_entries WHERE event_id LIKE 'kill-%'`);
    expect(entries!.n).toBe(200);
    const december = await apiB.points('board=telemarketer&period=month&at=2026-12-01');
    expect(december).toMatchObject({ tm1: 200 + 2 * 2, tm2: 200 });
  });
});
