import type { ApiError, EarnedGrade, PeriodDetail, PeriodSummary, Reward, RewardGrant } from '@conveyor/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { Api, seedOffice } from '../helpers/api.js';
import { LiveClient } from '../helpers/live.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { arrayContaining, objectContaining } from '../helpers/match.js';

// Periods close on a manual clock (CONVEYOR_CLOCK), moved with PUT /api/dev/clock, which answers
// once whatever became due is closed: no waiting on timers.

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers.reverse()) await s.dispose();
});

async function office(
  timeZone: string,
  clock: string,
  extra: Record<string, string> = {},
  dataDir?: string,
): Promise<{ server: RunningServer; api: Api }> {
  const server = await startServer({ env: { OFFICE_TIMEZONE: timeZone, CONVEYOR_CLOCK: clock, ...extra }, dataDir });
  servers.push(server);
  return { server, api: new Api(server) };
}

async function setClock(api: Api, now: string): Promise<string[]> {
  const res = await api.request<{ now: string; closed: string[] } | ApiError>('PUT', '/dev/clock', { now });
  if (res.status !== 200) throw new Error(`clock: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { closed: string[] }).closed;
}

async function ok<T>(api: Api, method: string, path: string, body?: unknown): Promise<T> {
  const res = await api.request<T>(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

let n = 0;
/** A meeting set by a telemarketer: 15 points to them and their team. */
const meeting = (employeeId: string, occurredAt: string) => ({
  id: `pm-${n++}`,
  type: 'meeting.scheduled',
  occurredAt,
  employeeId,
  clientId: `pc-${n}`,
});

describe('a simulated quarter in Berlin (daylight saving), on a fast clock', () => {
  it('closes each month and the quarter once, at the end of the grace window, with tied winners split by who got there first', async () => {
    const { server, api } = await office('Europe/Berlin', '2026-01-01T08:00:00+01:00');
    await seedOffice(api);
    // The manager sets up the game over HTTP: a quarterly ladder, rewards, a team target.
    await ok(api, 'PUT', '/grades', {
      window: 'quarter',
      levels: [
        { name: 'Bronze', threshold: 30 },
        { name: 'Silver', threshold: 100 },
      ],
    });
    const dinner = await ok<Reward>(api, 'POST', '/rewards', {
      period: 'quarter',
      board: 'teams',
      place: 1,
      title: 'Team dinner',
      description: 'A dinner for the whole triad',
    });
    await ok(api, 'POST', '/rewards', { period: 'quarter', board: 'teams', place: 2, title: 'Cinema tickets' });
    await ok(api, 'POST', '/rewards', {
      period: 'quarter',
      board: 'telemarketer',
      place: 1,
      title: 'Best telemarketer',
      description: 'A day off',
    });
    await ok(api, 'POST', '/rewards', { period: 'month', board: 'teams', place: 1, title: 'Team of the month' });
    for (const teamId of ['team1', 'team2']) await ok(api, 'PUT', '/targets', { teamId, period: 'quarter', at: '2026-02-01', points: 30 });

    const live = new LiveClient(server.url, server.displayToken);
    await live.connected();
    live.subscribe({ boards: [{ board: 'teams', period: 'quarter' }] });
    await live.until(() => live.momentSnapshots.length === 1);

    // Team 1: 15 on 10 January and 15 on 20 March. Team 2: 15 + 15 on 1-2 February. Each reaches its
    // target of 30 with its second meeting (+100 team bonus): both end the quarter on 130 (Silver),
    // team 2 first.
    const post = async (employeeId: string, at: string): Promise<void> => {
      await setClock(api, at);
      const res = await api.postEvents(meeting(employeeId, at));
      expect(res.status).toBe(200);
    };
    await post('tm1', '2026-01-10T10:00:00+01:00');
    // January in Berlin ends at 2026-01-31T23:00Z; with the 24 h grace it closes at 2026-02-01T23:00Z.
    expect(await setClock(api, '2026-02-01T10:00:00+01:00')).toEqual([]);
    await post('tm2', '2026-02-01T11:00:00+01:00');
    expect(await setClock(api, '2026-02-01T23:59:59.999+01:00')).toEqual([]);
    expect(await setClock(api, '2026-02-02T00:00:00+01:00')).toEqual(['2026-01']);
    await post('tm2', '2026-02-02T11:00:00+01:00');
    await live.until(() => live.targets.length === 1 && live.grades.length === 1);
    expect(live.targets[0]).toMatchObject({
      teamId: 'team2',
      period: 'quarter',
      key: '2026-Q1',
      target: 30,
      reachedAt: '2026-02-02T10:00:00.000Z',
    });
    expect(live.grades[0]).toMatchObject({ teamId: 'team2', from: null, to: 'Silver', up: true, windowKey: '2026-Q1', points: 130 });
    await post('tm1', '2026-03-20T10:00:00+01:00');
    await live.until(() => live.grades.length === 2 && live.targets.length === 2);
    expect(live.grades[1]).toMatchObject({ teamId: 'team1', to: 'Silver', up: true, points: 130 });

    // The quarter ends at 2026-03-31T22:00Z (summer time since 29 March). An event from the last
    // evening arrives during the grace window and counts.
    expect(await setClock(api, '2026-04-01T09:00:00+02:00')).toEqual([]);
    const late = meeting('tm1', '2026-03-31T23:30:00+02:00');
    expect((await api.postEvents(late)).status).toBe(200);
    await ok(api, 'POST', `/events/${late.id}/void`, { reason: 'booked twice' }); // and is voided again: still 130 each
    const open = await ok<PeriodSummary>(api, 'GET', '/periods/2026-Q1');
    expect(open).toMatchObject({ status: 'grace', closesAt: '2026-04-01T22:00:00.000Z', closedAt: null, grants: [] });

    expect(await setClock(api, '2026-04-01T23:59:59.999+02:00')).toEqual([]);
    expect(await setClock(api, '2026-04-02T00:00:00+02:00')).toEqual(['2026-03', '2026-Q1']);
    await live.until(() => live.closings.some((c) => c.key === '2026-Q1'));
    expect(live.closings.map((c) => c.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-Q1']);
    const q1 = live.closings.find((c) => c.key === '2026-Q1')!;
    expect(q1.winners).toEqual([
      { rewardId: dinner.id, title: 'Team dinner', board: 'teams', place: 1, subjectId: 'team2', name: 'Team 2', points: 130 },
      objectContaining({ title: 'Cinema tickets', place: 2, subjectId: 'team1', points: 130 }),
      objectContaining({ title: 'Best telemarketer', board: 'telemarketer', subjectId: 'tm2', points: 30 }),
    ]);
    expect(q1.grades).toEqual([
      { teamId: 'team1', teamName: 'Team 1', grade: 'Silver', points: 130 },
      { teamId: 'team2', teamName: 'Team 2', grade: 'Silver', points: 130 },
    ]);
    // Moments are numbered one after another, like standings versions.
    const versions = live.momentVersions();
    expect(versions).toEqual(versions.map((_, i) => versions[0]! + i));

    const detail = await ok<PeriodDetail>(api, 'GET', '/periods/2026-Q1');
    expect(detail).toMatchObject({ status: 'closed', closedBy: 'schedule', closedAt: '2026-04-01T22:00:00.000Z', adjustments: [] });
    expect(detail.grants.map((g) => [g.title, g.subjectId, g.status])).toEqual([
      ['Team dinner', 'team2', 'granted'],
      ['Cinema tickets', 'team1', 'granted'],
      ['Best telemarketer', 'tm2', 'granted'],
    ]);
    expect(detail.standings!.map((s) => s.board)).toEqual(['teams', 'employees', 'telemarketer', 'sales', 'account']);
    expect(detail.standings![0]!.rows.map((r) => [r.id, r.rank, r.points])).toEqual([
      ['team1', 1, 130],
      ['team2', 1, 130],
    ]);
    expect(detail.grades.find((g) => g.teamId === 'team1')!.members.map((m) => m.employeeId)).toEqual(['tm1', 'sales1', 'acc1']);
    const earned = await ok<EarnedGrade[]>(api, 'GET', '/grades/earned?employeeId=sales2');
    expect(earned).toEqual([objectContaining({ windowKey: '2026-Q1', teamId: 'team2', grade: 'Silver', points: 130 })]);
    // Each month's winner: only one team scored in each.
    for (const [key, winner] of [
      ['2026-01', 'team1'],
      ['2026-02', 'team2'],
      ['2026-03', 'team1'],
    ]) {
      expect((await ok<PeriodDetail>(api, 'GET', `/periods/${key}`)).grants.map((g) => g.subjectId)).toEqual([winner]);
    }

    // A late event for the closed quarter is scored into its ledger but leaves the result alone.
    await setClock(api, '2026-04-03T10:00:00+02:00');
    const afterClose = meeting('tm1', '2026-03-30T10:00:00+02:00');
    expect((await api.postEvents(afterClose)).status).toBe(200);
    expect((await api.points('board=teams&period=quarter&at=2026-03-01')).team1).toBe(145);
    const adjusted = await ok<PeriodDetail>(api, 'GET', '/periods/2026-Q1');
    expect(adjusted.adjustments).toEqual([objectContaining({ eventId: afterClose.id, employeeId: 'tm1', teamId: 'team1', points: 15 })]);
    expect(adjusted.grants).toEqual(detail.grants);
    expect(adjusted.standings).toEqual(detail.standings);

    // The manager hands the dinner out; the hall of fame lists the winners.
    const grant = detail.grants.find((g) => g.title === 'Team dinner')!;
    const handed = await ok<RewardGrant>(api, 'POST', `/grants/${encodeURIComponent(grant.id)}/hand-out`);
    expect(handed).toMatchObject({ status: 'handed_out', handedOutAt: '2026-04-03T08:00:00.000Z' });
    expect(await ok<RewardGrant>(api, 'POST', `/grants/${encodeURIComponent(grant.id)}/hand-out`)).toEqual(handed);
    const fame = await ok<RewardGrant[]>(api, 'GET', '/hall-of-fame');
    expect(fame.map((g) => g.key)).toEqual(['2026-Q1', '2026-Q1', '2026-Q1', '2026-03', '2026-02', '2026-01']);
    live.close();

    // The same after a restart, and nothing closes twice.
    await server.restart({ CONVEYOR_CLOCK: '2026-04-03T10:00:00+02:00' });
    const again = await ok<PeriodDetail>(api, 'GET', '/periods/2026-Q1');
    expect(again).toEqual({ ...adjusted, grants: adjusted.grants.map((g) => (g.id === grant.id ? handed : g)) });
    const relive = new LiveClient(server.url, server.displayToken);
    await relive.connected();
    relive.subscribe({ boards: [{ board: 'teams', period: 'month' }] });
    await relive.until(() => relive.momentSnapshots.length === 1);
    const snapshot = relive.momentSnapshots[0]!;
    expect(snapshot.recent.filter((m) => m.type === 'period.closed').map((m) => m.type === 'period.closed' && m.data.key)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-Q1',
    ]);
    expect(snapshot.recent.filter((m) => m.type === 'grade.changed')).toHaveLength(2);
    expect(snapshot.version).toBe(versions.at(-1));
    relive.close();
  });
});

describe('closing a Moscow year (no daylight saving), with a manager postponing and closing early', () => {
  it('puts the last second of the year in it and the first of the next outside, and honours the manager', async () => {
    const { server, api } = await office('Europe/Moscow', '2026-12-31T20:00:00Z');
    await seedOffice(api);
    await ok(api, 'POST', '/rewards', { period: 'year', board: 'teams', place: 1, title: 'Team of the year' });
    // 23:59:59 on 31 December in Moscow, and 00:00:05 on 1 January.
    await setClock(api, '2026-12-31T20:59:59Z');
    expect((await api.postEvents(meeting('tm1', '2026-12-31T20:59:59Z'))).status).toBe(200);
    await setClock(api, '2026-12-31T21:00:05Z');
    expect((await api.postEvents([meeting('tm2', '2026-12-31T21:00:05Z'), meeting('tm2', '2026-12-31T21:00:06Z')])).status).toBe(200);

    // The morning after: December is postponed, the quarter closed early by the manager.
    await setClock(api, '2027-01-01T10:00:00Z');
    const postponed = await api.request<PeriodSummary>('POST', '/periods/2026-12/postpone', { until: '2027-01-03T00:00:00Z' });
    expect(postponed).toMatchObject({ status: 200, body: { status: 'grace', closesAt: '2027-01-03T00:00:00.000Z' } });
    const q4 = await api.request<PeriodDetail>('POST', '/periods/2026-Q4/close');
    expect(q4).toMatchObject({ status: 200, body: { status: 'closed', closedBy: 'manager', closedAt: '2027-01-01T10:00:00.000Z' } });
    expect((await api.request<ApiError>('POST', '/periods/2026-Q4/close')).status).toBe(409);

    // The manager's mistakes are refused, naming the field.
    expect(await api.request('POST', '/periods/2027-01/close')).toMatchObject({ status: 422, body: { errors: [{ field: 'key' }] } });
    expect(await api.request('POST', '/periods/2026-Q4/postpone', { until: '2027-01-02T00:00:00Z' })).toMatchObject({ status: 409 });
    expect(await api.request('POST', '/periods/2026-12/postpone', { until: '2027-01-09T00:00:00Z' })).toMatchObject({
      status: 422,
      body: { errors: [{ field: 'until' }] },
    });
    expect(await api.request('POST', '/periods/2026-12/postpone', { until: 'soon' })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'until' }] },
    });
    expect(await api.request('GET', '/periods/2026-13')).toMatchObject({ status: 400, body: { errors: [{ field: 'key' }] } });
    expect((await api.as(server.displayToken).request('POST', '/periods/2026/close')).status).toBe(403);

    // The year closes when its grace window ends (21:00 UTC on 1 January), December only when postponed to.
    expect(await setClock(api, '2027-01-01T20:59:59.999Z')).toEqual([]);
    expect(await setClock(api, '2027-01-01T21:00:00Z')).toEqual(['2026']);
    expect(await setClock(api, '2027-01-03T00:00:00Z')).toEqual(['2026-12']);

    const year = await ok<PeriodDetail>(api, 'GET', '/periods/2026');
    expect(year.standings![0]!.rows.map((r) => [r.id, r.points])).toEqual([
      ['team1', 15],
      ['team2', 0],
    ]);
    expect(year.grants.map((g) => [g.title, g.subjectId])).toEqual([['Team of the year', 'team1']]);
    expect((await api.points('board=teams&period=year&at=2027-01-01')).team2).toBe(30);
    const list = await ok<PeriodSummary[]>(api, 'GET', '/periods?period=month');
    expect(list.map((p) => [p.key, p.status])).toEqual([
      ['2027-01', 'open'],
      ['2026-12', 'closed'],
    ]);
  });
});

describe('closing exactly once', () => {
  const setUp = async (api: Api): Promise<void> => {
    await seedOffice(api);
    await ok(api, 'POST', '/rewards', { period: 'month', board: 'teams', place: 1, title: 'Team of the month' });
    expect(
      (
        await api.postEvents([
          meeting('tm1', '2026-11-10T10:00:00Z'),
          meeting('tm2', '2026-11-11T10:00:00Z'),
          meeting('tm2', '2026-11-12T10:00:00Z'),
        ])
      ).status,
    ).toBe(200);
  };
  const closings = async (server: RunningServer): Promise<string[]> => {
    const live = new LiveClient(server.url, server.displayToken);
    await live.connected();
    live.subscribe({ boards: [{ board: 'teams', period: 'month' }] });
    await live.until(() => live.momentSnapshots.length === 1);
    live.close();
    return live.momentSnapshots[0]!.recent.flatMap((m) => (m.type === 'period.closed' ? [m.data.key] : []));
  };

  for (const fault of ['close:before-commit', 'close:after-commit']) {
    it(`leaves exactly one result when the process dies at ${fault}`, async () => {
      const { server, api } = await office('Europe/Moscow', '2026-11-20T10:00:00Z', { CONVEYOR_FAULT: fault });
      await setUp(api);
      // November closes at 2026-12-01T21:00Z; moving the clock there kills the server mid-close.
      await expect(api.request('PUT', '/dev/clock', { now: '2026-12-01T21:00:00Z' })).rejects.toThrow();
      await server.exited();
      expect(server.output()).toContain(`fault injection: killing the process at ${fault}`);

      await server.restart({ CONVEYOR_FAULT: '', CONVEYOR_CLOCK: '2026-12-01T21:00:00Z' });
      const detail = await ok<PeriodDetail>(api, 'GET', '/periods/2026-11');
      expect(detail).toMatchObject({ status: 'closed', closedAt: '2026-12-01T21:00:00.000Z' });
      expect(detail.grants.map((g) => [g.subjectId, g.points])).toEqual([['team2', 30]]);
      expect(await closings(server)).toEqual(['2026-11']);
      // Restarting again changes nothing.
      await server.restart({ CONVEYOR_CLOCK: '2026-12-05T00:00:00Z' });
      expect(await ok<PeriodDetail>(api, 'GET', '/periods/2026-11')).toEqual(detail);
      expect(await closings(server)).toEqual(['2026-11']);
    });
  }

  it('closes once with two server processes on one database file', async () => {
    const a = await office('Europe/Moscow', '2026-11-20T10:00:00Z');
    await setUp(a.api);
    const b = await office('Europe/Moscow', '2026-11-20T10:00:00Z', {}, a.server.dataDir);
    // Both reach the closing moment together, again and again.
    const closedBy = await Promise.all([setClock(a.api, '2026-12-01T21:00:00Z'), setClock(b.api, '2026-12-01T21:00:00Z')]);
    expect(closedBy.flat()).toEqual(['2026-11']);
    await Promise.all([setClock(a.api, '2026-12-02T00:00:00Z'), setClock(b.api, '2026-12-02T00:00:00Z')]);
    const [fromA, fromB] = await Promise.all([
      ok<PeriodDetail>(a.api, 'GET', '/periods/2026-11'),
      ok<PeriodDetail>(b.api, 'GET', '/periods/2026-11'),
    ]);
    expect(fromB).toEqual(fromA);
    expect(fromA.grants).toHaveLength(1);
    expect(await closings(a.server)).toEqual(['2026-11']);
    expect(await closings(b.server)).toEqual(['2026-11']);
  });
});

describe('rewards', () => {
  it('are configured by managers, validated, one per place, and readable by screens', async () => {
    const { server, api } = await office('Europe/Moscow', '2026-11-20T10:00:00Z');
    const first = await api.request<Reward>('POST', '/rewards', { period: 'month', board: 'sales', place: 1, title: '  Best closer  ' });
    expect(first).toMatchObject({
      status: 201,
      body: { period: 'month', board: 'sales', place: 1, title: 'Best closer', description: '' },
    });
    expect(await api.request('POST', '/rewards', { period: 'month', board: 'sales', place: 1, title: 'Again' })).toMatchObject({
      status: 409,
      body: { errors: [{ field: 'place' }] },
    });
    expect(await api.request('POST', '/rewards', { period: 'week', board: 'boss', place: 0, title: '', extra: 1 })).toMatchObject({
      status: 400,
      body: {
        errors: arrayContaining([
          objectContaining({ field: 'period' }),
          objectContaining({ field: 'board' }),
          objectContaining({ field: 'place' }),
          objectContaining({ field: 'title' }),
        ]),
      },
    });
    const edited = await api.request<Reward>('PUT', `/rewards/${first.body.id}`, {
      period: 'month',
      board: 'sales',
      place: 1,
      title: 'Closer of the month',
      description: 'Lunch',
    });
    expect(edited).toMatchObject({
      status: 200,
      body: { id: first.body.id, title: 'Closer of the month', createdAt: first.body.createdAt },
    });
    expect((await api.request('PUT', '/rewards/nope', { period: 'month', board: 'sales', place: 2, title: 'x' })).status).toBe(404);
    const display = api.as(server.displayToken);
    expect((await display.request<Reward[]>('GET', '/rewards')).body.map((r) => r.title)).toEqual(['Closer of the month']);
    expect((await display.request('POST', '/rewards', { period: 'month', board: 'sales', place: 2, title: 'x' })).status).toBe(403);
    expect((await api.request('DELETE', `/rewards/${first.body.id}`)).status).toBe(204);
    expect((await api.request('DELETE', `/rewards/${first.body.id}`)).status).toBe(404);
    expect((await api.request('PUT', '/settings/closing', { graceHours: 500 })).status).toBe(400);
    expect(await api.request('PUT', '/settings/closing', { graceHours: 2 })).toMatchObject({ status: 200, body: { graceHours: 2 } });
    expect((await api.request<PeriodSummary>('GET', '/periods/2026-11')).body).toMatchObject({
      status: 'open',
      closesAt: '2026-11-30T23:00:00.000Z',
    });
  });

  it('has no clock to move without CONVEYOR_CLOCK', async () => {
    const server = await startServer();
    servers.push(server);
    expect((await new Api(server).request('PUT', '/dev/clock', { now: '2030-01-01T00:00:00Z' })).status).toBe(404);
  });
});
