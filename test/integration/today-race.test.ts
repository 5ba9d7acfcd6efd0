import type { TodayRace } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW, testTime } from '../helpers/clock.js';
import type { RunningServer } from '../helpers/server.js';

let server: RunningServer;
let api: Api;
const hour = 3_600_000;

beforeAll(async () => {
  // The office's "now" is noon in Moscow (TEST_NOW): calls this morning, yesterday evening and some too short.
  ({ server, api } = await startOffice(MANUAL_CLOCK));
  const calls = [
    ...Array.from({ length: 20 }, (_, n) => ({ id: `race-tm1-${n}`, employeeId: 'tm1', durationSec: 40, at: -3 * hour + n * 60_000 })),
    ...Array.from({ length: 5 }, (_, n) => ({ id: `race-tm2-${n}`, employeeId: 'tm2', durationSec: 90, at: -2 * hour + n * 60_000 })),
    { id: 'race-tm2-short', employeeId: 'tm2', durationSec: 5, at: -hour },
    { id: 'race-tm2-yesterday', employeeId: 'tm2', durationSec: 90, at: -13 * hour }, // 23:00 the day before, office time
  ];
  const events = calls.map((c) => ({
    id: c.id,
    type: 'call',
    occurredAt: testTime(c.at),
    employeeId: c.employeeId,
    durationSec: c.durationSec,
  }));
  expect((await api.postEvents(events)).status).toBe(200);
});
afterAll(() => server?.dispose());

describe('GET /api/standings/today', () => {
  it("races every telemarketer to the daily norm: today's successful calls, most first, over the office's working hours", async () => {
    const res = await api.as(server.displayToken).request<TodayRace>('GET', '/standings/today');
    expect(res.status).toBe(200);
    const race = res.body;
    expect(race).toMatchObject({
      date: '2026-11-25',
      norm: 45,
      at: TEST_NOW,
      // 09:00 to 18:00 in Moscow.
      dayStart: '2026-11-25T06:00:00.000Z',
      dayEnd: '2026-11-25T15:00:00.000Z',
    });
    expect(race.minCallSeconds).toBeGreaterThan(5);
    expect(race.lanes.map(({ id, name, teamName, calls }) => ({ id, name, teamName, calls }))).toEqual([
      { id: 'tm1', name: 'Telemarketer 1', teamName: 'Team 1', calls: 20 },
      { id: 'tm2', name: 'Telemarketer 2', teamName: 'Team 2', calls: 5 },
    ]);
    // Telemarketers only: the sales and account managers of the triads are not in this race.
    expect(race.lanes).toHaveLength(2);
  });

  it("counts as the person's phone does", async () => {
    const res = await api.getAsEmployee('tm2', '/me');
    const me = (await res.json()) as { today: { calls: number } };
    const race = (await api.request<TodayRace>('GET', '/standings/today')).body;
    expect(race.lanes.find((lane) => lane.id === 'tm2')?.calls).toBe(me.today.calls);
  });

  it('is refused without a token', async () => {
    expect((await api.as(null).request('GET', '/standings/today')).status).toBe(401);
  });
});
