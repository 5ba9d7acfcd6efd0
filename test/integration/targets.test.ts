import type { ApiError, TeamTarget } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import type { RunningServer } from '../helpers/server.js';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  ({ server, api } = await startOffice());
});
afterAll(() => server?.dispose());

const june = (day: string) => `2026-06-${day}T10:00:00+03:00`;
const teamJune = async () => (await api.points('board=teams&period=month&at=2026-06-15')).team1;

describe('team-target bonus', () => {
  it('pays the team +100 once, at the award that reaches the target, and follows corrections and target changes', async () => {
    const set = await api.request<TeamTarget>('PUT', '/targets', { teamId: 'team1', period: 'month', at: '2026-06-01', points: 40 });
    expect(set).toMatchObject({ status: 200, body: { teamId: 'team1', key: '2026-06', points: 40, reachedAt: null } });

    await api.postEvents([
      { id: 'tg-1', type: 'meeting.scheduled', occurredAt: june('02'), employeeId: 'tm1', clientId: 'tg1' },
      { id: 'tg-3', type: 'contract.signed', occurredAt: june('20'), employeeId: 'sales1', clientId: 'tg1' },
      { id: 'tg-2', type: 'meeting.scheduled', occurredAt: june('10'), employeeId: 'tm1', clientId: 'tg2' },
    ]);
    // 15 + 15 + 20 = 50 ≥ 40, reached by tg-3 on 20 June; +100 for the team only.
    expect(await teamJune()).toBe(150);
    expect((await api.points('board=employees&period=month&at=2026-06-15')).tm1).toBe(30);
    const listed = await api.request<TeamTarget[]>('GET', '/targets?period=month&at=2026-06-30');
    expect(listed.body).toEqual([{ teamId: 'team1', period: 'month', key: '2026-06', points: 40, reachedAt: '2026-06-20T07:00:00.000Z' }]);

    await api.request('POST', '/events/tg-3/void', { reason: 'signed by mistake' });
    expect(await teamJune()).toBe(30);

    await api.request('PUT', '/targets', { teamId: 'team1', period: 'month', at: '2026-06-01', points: 30 });
    expect(await teamJune()).toBe(130);
    expect((await api.request<TeamTarget[]>('GET', '/targets?period=month&at=2026-06-30')).body[0]!.reachedAt).toBe(
      '2026-06-10T07:00:00.000Z',
    );

    await api.request('PUT', '/targets', { teamId: 'team1', period: 'month', at: '2026-06-01', points: null });
    expect(await teamJune()).toBe(30);
    expect((await api.request<TeamTarget[]>('GET', '/targets?period=month&at=2026-06-30')).body).toEqual([]);
  });

  it('refuses an unknown team and bad values', async () => {
    expect(
      await api.request<ApiError>('PUT', '/targets', { teamId: 'ghost', period: 'month', at: '2026-06-01', points: 10 }),
    ).toMatchObject({ status: 422, body: { errors: [{ field: 'teamId' }] } });
    const bad = await api.request<ApiError>('PUT', '/targets', { teamId: 'team1', period: 'week', at: 'June', points: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['at', 'period', 'points']);
  });
});
