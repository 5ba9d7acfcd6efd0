import type { ApiError, MeHistory } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK } from '../helpers/clock.js';
import type { RunningServer } from '../helpers/server.js';

// The phone's history by office day. The office is in Moscow and its clock stands at noon on
// 25 November 2026; Moscow's midnight is 21:00 UTC.
let server: RunningServer;
let api: Api;

const call = (id: string, occurredAt: string, durationSec = 45): object => ({
  id,
  type: 'call',
  occurredAt,
  employeeId: 'tm1',
  durationSec,
});

beforeAll(async () => {
  ({ server, api } = await startOffice(MANUAL_CLOCK));
  const answer = await api.postEvents([
    call('h-today-1', '2026-11-25T06:00:00.000Z'),
    call('h-today-2', '2026-11-25T06:10:00.000Z'),
    call('h-today-short', '2026-11-25T06:20:00.000Z', 5), // too short: no award
    call('h-after-midnight', '2026-11-24T21:10:00.000Z'), // 00:10 on the 25th in Moscow
    {
      id: 'h-meeting',
      type: 'meeting.scheduled',
      occurredAt: '2026-11-25T07:00:00.000Z',
      employeeId: 'tm1',
      clientId: 'c-romashka',
      clientName: 'ООО Ромашка',
    },
    call('h-before-midnight', '2026-11-24T20:50:00.000Z'), // 23:50 on the 24th
    call('h-20-1', '2026-11-20T08:00:00.000Z'),
    call('h-20-2', '2026-11-20T09:00:00.000Z'),
    call('h-02', '2026-11-02T08:00:00.000Z'),
    { id: 'h-other', type: 'call', occurredAt: '2026-11-25T06:00:00.000Z', employeeId: 'tm2', durationSec: 90 },
  ]);
  expect(answer.status).toBe(200);
  expect((await api.request('POST', '/events/h-today-2/void', { reason: 'дубль' })).status).toBe(200);
});
afterAll(() => server?.dispose());

async function history(query: string): Promise<MeHistory> {
  const res = await api.getAsEmployee('tm1', `/me/history${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as MeHistory;
}

describe('GET /api/me/history', () => {
  it('groups my awards by office day, newest first, with the points and counts of each day', async () => {
    const page = await history('?days=2');
    expect(page.days.map((d) => d.date)).toEqual(['2026-11-25', '2026-11-24']);
    const [today, yesterday] = page.days;
    // Today: three calls (one voided: its reversal is listed and nets out), the meeting at 10:00.
    expect(today).toMatchObject({
      points: 17,
      counts: [
        { code: 'telemarketer.call', n: 2 },
        { code: 'telemarketer.meeting_scheduled', n: 1 },
      ],
    });
    expect(today!.awards[0]).toMatchObject({ reasonCode: 'telemarketer.meeting_scheduled', params: { client: 'ООО Ромашка' } });
    expect(today!.awards.some((a) => a.params?.reversed === true && a.params.note === 'дубль')).toBe(true);
    expect(today!.awards.every((a) => a.employeeId === 'tm1')).toBe(true);
    expect(yesterday).toMatchObject({ points: 1, counts: [{ code: 'telemarketer.call', n: 1 }] });
    expect(page.before).toBe('2026-11-24');
  });

  it('pages back by `before`, skipping days with nothing, and ends with before: null', async () => {
    const page = await history('?before=2026-11-24&days=2');
    expect(page.days.map((d) => [d.date, d.points])).toEqual([
      ['2026-11-20', 2],
      ['2026-11-02', 1],
    ]);
    expect(page.before).toBeNull();
    expect(await history('?before=2026-11-02')).toEqual({ days: [], before: null });
  });

  it('by default seven days up to today', async () => {
    const page = await history('');
    expect(page.days.map((d) => d.date)).toEqual(['2026-11-25', '2026-11-24', '2026-11-20', '2026-11-02']);
    expect(page.before).toBeNull();
  });

  it('refuses a bad page with the field and why', async () => {
    for (const [query, field] of [
      ['?days=0', 'days'],
      ['?days=32', 'days'],
      ['?before=25.11.2026', 'before'],
    ] as const) {
      const res = await api.getAsEmployee('tm1', `/me/history${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as ApiError;
      expect(body.errors.map((e) => e.field)).toContain(field);
    }
  });

  it('a manager has no history of their own', async () => {
    expect((await api.request('GET', '/me/history')).status).toBe(403);
  });
});
