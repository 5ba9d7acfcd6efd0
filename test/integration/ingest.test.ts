import type { ApiError, Award, Employee, IngestResult, Team } from '@conveyor/shared';
import { engine } from '../helpers/database.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK, testTime } from '../helpers/clock.js';
import type { RunningServer } from '../helpers/server.js';
import { arrayContaining, objectContaining, stringContaining } from '../helpers/match.js';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  ({ server, api } = await startOffice(MANUAL_CLOCK)); // the dates below are in its past
});
afterAll(() => server?.dispose());

const call = (id: string, occurredAt: string, durationSec = 60, employeeId = 'tm1') => ({
  id,
  type: 'call',
  occurredAt,
  employeeId,
  durationSec,
});

describe('health and access', () => {
  it('answers health without a token', async () => {
    const res = await api.as(null).request<{ status: string; database: string }>('GET', '/health');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok', database: engine } });
  });

  it('refuses a missing token with 401 and a display token on writes with 403', async () => {
    expect((await api.as(null).request('GET', '/standings')).status).toBe(401);
    expect((await api.as('wrong-token-wrong-token').request('GET', '/standings')).status).toBe(401);
    const display = api.as(server.displayToken);
    expect((await display.request('GET', '/standings')).status).toBe(200);
    const refused = await display.postEvents(call('display-1', '2026-11-20T10:00:00Z'));
    expect(refused).toMatchObject({ status: 403, body: { errors: [{ field: 'authorization' }] } });
    expect((await display.request('POST', '/employees', { name: 'X', role: 'sales' })).status).toBe(403);
  });
});

describe('people and teams', () => {
  it('refuses bad employees naming the field, and unknown fields', async () => {
    const res = await api.request<ApiError>('POST', '/employees', { name: '', role: 'boss', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e) => e.field).sort()).toEqual(['extra', 'name', 'role']);
    const dup = await api.request<ApiError>('POST', '/employees', { id: 'tm1', name: 'Again', role: 'telemarketer' });
    expect(dup).toMatchObject({ status: 409, body: { errors: [{ field: 'id' }] } });
    expect((await api.request('GET', '/employees/nobody')).status).toBe(404);
  });

  it('generates an id when none is given', async () => {
    const res = await api.request<Employee>('POST', '/employees', { name: 'Новый Сотрудник', role: 'account' });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/[0-9a-f-]{36}/);
    expect(res.body).toMatchObject({ name: 'Новый Сотрудник', role: 'account', active: true, teamId: null });
  });

  it('keeps at most one member per role and refuses a person in the wrong slot', async () => {
    const res = await api.request<ApiError>('POST', '/teams', { id: 'bad', name: 'Bad', members: { sales: 'tm1' } });
    expect(res).toMatchObject({ status: 422, body: { errors: [{ field: 'members.sales' }] } });
    expect((await api.request('GET', '/teams/bad')).status).toBe(404);
  });
});

describe('ingest', () => {
  it('answers a retry exactly as the first time and counts once', async () => {
    const event = call('retry-1', '2026-11-20T10:00:00+03:00');
    const first = await api.postEvents(event);
    const again = await api.postEvents({ ...event, occurredAt: '2026-11-20T07:00:00.000Z', ignoredField: 'x' });
    expect(first.status).toBe(200);
    expect(again).toEqual(first);
    const awards = await api.request<Award[]>('GET', '/awards/recent?limit=50');
    expect(awards.body.filter((a) => a.eventId === 'retry-1')).toHaveLength(1);
  });

  it('refuses the same id with a different body with 409 naming the id, storing nothing', async () => {
    await api.postEvents(call('conflict-1', '2026-11-20T11:00:00Z'));
    const before = await api.points('board=telemarketer');
    const res = await api.postEvents([call('conflict-new', '2026-11-20T11:05:00Z'), call('conflict-1', '2026-11-20T11:00:00Z', 99)]);
    expect(res).toMatchObject({
      status: 409,
      body: { code: 'event.id_conflict', errors: [{ index: 1, field: 'id', code: 'event.id_conflict' }] },
    });
    expect((res.body as ApiError).errors[0]!.reason).toContain('conflict-1');
    expect(await api.points('board=telemarketer')).toEqual(before);
    // conflict-new was not stored: sending it with another body now is fine.
    expect((await api.postEvents(call('conflict-new', '2026-11-20T11:06:00Z'))).status).toBe(200);
  });

  it('refuses a bad batch whole, listing every bad item, and stores none of it', async () => {
    const before = await api.points('board=employees');
    const res = await api.postEvents([
      call('batch-ok', '2026-11-20T12:00:00Z'),
      { id: 'batch-2', type: 'call', occurredAt: '2026-11-20 12:00', employeeId: 'tm1', durationSec: 40 },
      { id: 'batch-3', type: 'payment.received', occurredAt: '2026-11-20T12:00:00Z', employeeId: 'tm1', amount: 10.001 },
      { id: 'batch-4', type: 'teleport', occurredAt: '2026-11-20T12:00:00Z' },
      'not an event',
    ]);
    expect(res.status).toBe(400);
    const errors = (res.body as ApiError).errors;
    expect(errors).toEqual(
      arrayContaining([
        { index: 1, field: 'occurredAt', reason: stringContaining('ISO-8601'), why: { code: 'not_a_date' } },
        { index: 2, field: 'amount', reason: 'must have at most 2 decimal places', why: { code: 'decimals' } },
        { index: 3, field: 'type', reason: stringContaining('must be one of'), why: objectContaining({ code: 'one_of' }) },
        { index: 4, field: 'body', reason: 'must be an event object', why: { code: 'wrong_type', params: { expected: 'object' } } },
      ]),
    );
    expect(errors.some((e) => e.index === 0)).toBe(false);
    expect(await api.points('board=employees')).toEqual(before);
    expect((await api.postEvents({ ...call('batch-ok', '2026-11-20T12:00:00Z'), durationSec: 5 })).status).toBe(200);
  });

  it('answers 422 for unknown employees and times too far ahead', async () => {
    const ahead = testTime(10 * 60_000);
    const res = await api.postEvents([
      {
        id: 'u-1',
        type: 'meeting.scheduled',
        occurredAt: '2026-11-20T12:00:00Z',
        employeeId: 'ghost',
        clientId: 'c',
        toEmployeeId: 'ghost2',
      },
      call('u-2', ahead),
      call('u-3', testTime(60_000)),
    ]);
    expect(res.status).toBe(422);
    expect((res.body as ApiError).errors).toEqual([
      {
        index: 0,
        field: 'employeeId',
        reason: 'no employee with id "ghost"',
        why: { code: 'no_employee', params: { id: 'ghost' } },
        code: 'event.unknown_employee',
      },
      {
        index: 0,
        field: 'toEmployeeId',
        reason: 'no employee with id "ghost2"',
        why: { code: 'no_employee', params: { id: 'ghost2' } },
        code: 'event.unknown_employee',
      },
      { index: 1, field: 'occurredAt', reason: stringContaining('5 minutes ahead'), why: { code: 'future' }, code: 'event.future_time' },
    ]);
    expect((res.body as ApiError).code).toBe('event.unknown_employee');
  });

  it('counts an id repeated inside one batch once, and refuses it with a different body', async () => {
    const ok = await api.postEvents([call('dup-1', '2026-11-21T09:00:00Z'), call('dup-1', '2026-11-21T12:00:00+03:00')]);
    expect(ok).toMatchObject({ status: 200, body: { count: 1 } });
    const bad = await api.postEvents([call('dup-2', '2026-11-21T09:00:00Z'), call('dup-2', '2026-11-21T09:00:00Z', 31)]);
    expect(bad).toMatchObject({ status: 409, body: { errors: [{ index: 1, field: 'id' }] } });
  });

  it('takes a batch of 1000 and refuses 1001', async () => {
    const events = Array.from({ length: 1000 }, (_, i) => ({
      id: `big-${i}`,
      type: 'email.general',
      occurredAt: '2026-11-10T09:00:00Z',
      employeeId: 'tm2',
    }));
    const res = await api.postEvents(events);
    expect(res).toMatchObject({ status: 200, body: { count: 1000 } });
    expect((res.body as IngestResult).events[999]).toMatchObject({ id: 'big-999' });
    const tooMany = await api.postEvents([...events, { ...events[0], id: 'big-1000' }]);
    expect(tooMany).toMatchObject({ status: 400, body: { errors: [{ field: 'body' }] } });
    expect((await api.points('board=telemarketer&at=2026-11-10')).tm2).toBeGreaterThanOrEqual(2000);
  });

  it('refuses malformed JSON with 400 naming the body', async () => {
    const res = await api.request<ApiError>('POST', '/events', '{"id": ');
    expect(res).toMatchObject({ status: 400, body: { errors: [{ field: 'body' }] } });
  });
});

describe('standings', () => {
  it('puts an event in the office-time period of its occurredAt', async () => {
    // 2026-09-30T21:30Z is 1 October 00:30 in Moscow: October, Q4.
    await api.postEvents({
      id: 'edge-1',
      type: 'need.identified',
      occurredAt: '2026-09-30T21:30:00Z',
      employeeId: 'tm1',
      clientId: 'edge',
    });
    expect((await api.points('board=telemarketer&period=month&at=2026-10-01')).tm1).toBe(5);
    expect((await api.points('board=telemarketer&period=month&at=2026-09-30')).tm1).toBe(0);
    const q4 = await api.standings('board=telemarketer&period=quarter&at=2026-10-15');
    expect(q4).toMatchObject({ key: '2026-Q4', start: '2026-09-30T21:00:00.000Z', end: '2026-12-31T21:00:00.000Z' });
    expect((await api.points('board=telemarketer&period=quarter&at=2026-09-15')).tm1 ?? 0).toBe(0);
  });

  it('ranks with shared ranks, lists ties by name and every active member with 0', async () => {
    const s = await api.standings('board=sales&period=year&at=2025-06-01');
    expect(s.rows.map((r) => [r.rank, r.name, r.points])).toEqual([
      [1, 'Sales 1', 0],
      [1, 'Sales 2', 0],
    ]);
    await api.postEvents([
      { id: 'rank-1', type: 'meeting.held', occurredAt: '2026-03-02T09:00:00Z', employeeId: 'sales2', clientId: 'r' },
      { id: 'rank-2', type: 'contract.signed', occurredAt: '2026-03-03T09:00:00Z', employeeId: 'sales1', clientId: 'r' },
    ]);
    const q1 = await api.standings('board=teams&period=quarter&at=2026-02-01');
    expect(q1.rows.map((r) => [r.rank, r.id, r.points])).toEqual([
      [1, 'team1', 20],
      [2, 'team2', 5],
    ]);
    expect(q1.rows[0]!.members!.map((m) => m.role)).toEqual(['telemarketer', 'sales', 'account']);
  });

  it('pays the daily norm once, on the 45th successful call by time, whatever the arrival order', async () => {
    const day = '2026-11-24';
    const calls = Array.from({ length: 50 }, (_, i) =>
      call(
        `norm-${i}`,
        `${day}T${String(6 + Math.floor(i / 10)).padStart(2, '0')}:${String((i % 10) * 5).padStart(2, '0')}:00Z`,
        i === 3 ? 20 : 45,
        'tm2',
      ),
    );
    // Arrive newest first, in three requests, one of them repeated.
    const reversed = [...calls].reverse();
    await api.postEvents(reversed.slice(0, 20));
    await api.postEvents(reversed.slice(20, 40));
    await api.postEvents(reversed.slice(20, 40));
    await api.postEvents(reversed.slice(40));
    const awards = (await api.request<Award[]>('GET', '/awards/recent?limit=200')).body.filter((a) => a.eventId.startsWith('norm-'));
    const standingNorm = awards.filter((a) => a.rule === 'telemarketer.daily_norm');
    const net = new Map<string, number>();
    for (const a of standingNorm) net.set(a.eventId, (net.get(a.eventId) ?? 0) + a.points);
    // 49 successful calls (norm-3 is 20 s); the 45th by time is norm-45.
    expect([...net].filter(([, p]) => p !== 0)).toEqual([['norm-45', 10]]);
    const dayPoints = (await api.points(`board=telemarketer&period=month&at=${day}`)).tm2;
    const callPoints = awards.filter((a) => a.rule === 'telemarketer.call').reduce((s, a) => s + a.points, 0);
    expect(callPoints).toBe(49);
    expect(dayPoints).toBeGreaterThanOrEqual(59);
  });

  it('leaves past points with the old team when a person moves, and re-attributes after a dated move', async () => {
    await api.employee({ id: 'mover', name: 'Mover', role: 'telemarketer' });
    await api.team({ id: 'team-a', name: 'A', members: { telemarketer: 'mover' }, since: '2026-05-01' });
    await api.team({ id: 'team-b', name: 'B', since: '2026-05-01' });
    await api.postEvents([
      { id: 'mv-1', type: 'meeting.scheduled', occurredAt: '2026-05-10T09:00:00Z', employeeId: 'mover', clientId: 'm1' },
      { id: 'mv-2', type: 'meeting.scheduled', occurredAt: '2026-05-20T09:00:00Z', employeeId: 'mover', clientId: 'm2' },
    ]);
    expect((await api.points('board=teams&at=2026-05-01'))['team-a']).toBe(30);
    // Entered after the fact: the move happened on 15 May.
    const moved = await api.request<Team>('PATCH', '/teams/team-b', { members: { telemarketer: 'mover' }, since: '2026-05-15' });
    expect(moved.status).toBe(200);
    expect(moved.body.members.telemarketer).toMatchObject({ employeeId: 'mover', since: '2026-05-14T21:00:00.000Z' });
    const may = await api.points('board=teams&at=2026-05-01');
    expect([may['team-a'], may['team-b']]).toEqual([15, 15]);
    expect((await api.points('board=telemarketer&at=2026-05-01')).mover).toBe(30);
    const history = (await api.request<Team>('GET', '/teams/team-a')).body.history!;
    expect(history).toEqual([
      { teamId: 'team-a', employeeId: 'mover', role: 'telemarketer', from: '2026-04-30T21:00:00.000Z', to: '2026-05-14T21:00:00.000Z' },
    ]);
    const tooEarly = await api.request<ApiError>('PATCH', '/teams/team-a', { members: { telemarketer: 'mover' }, since: '2026-05-01' });
    expect(tooEarly).toMatchObject({ status: 422, body: { errors: [{ field: 'since' }] } });
  });
});

describe('ledger and totals', () => {
  it('keeps the running totals equal to sums straight from the ledger', async () => {
    // Read the database itself, beside the running server.
    const all = (sql: string) => server.sql<{ id: string; points: number }>(sql);
    for (const [column, subject] of [
      ['employee_id', 'employee'],
      ['team_id', 'team'],
    ] as const) {
      const ledger = await all(
        `SELECT ${column} AS id, SUM(points) AS points FROM ledger_entries WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY 1`,
      );
      for (const period of ['month', 'quarter', 'year']) {
        const totals = await all(
          `SELECT subject_id AS id, SUM(points) AS points FROM period_totals WHERE subject_type = '${subject}' AND period = '${period}' GROUP BY subject_id ORDER BY 1`,
        );
        expect(totals.filter((r) => r.points !== 0)).toEqual(ledger.filter((r) => r.points !== 0));
      }
      expect(ledger.length).toBeGreaterThan(1);
    }
    const reversals = await all(`SELECT COUNT(*) AS points, 'x' AS id FROM ledger_entries WHERE reverses_id IS NOT NULL`);
    expect(reversals[0]!.points).toBeGreaterThan(0); // the dated team move above reversed and re-wrote awards
  });
});
