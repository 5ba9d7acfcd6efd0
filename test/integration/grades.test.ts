import type { ApiError, GradeLadder } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW } from '../helpers/clock.js';
import { LiveClient } from '../helpers/live.js';
import type { RunningServer } from '../helpers/server.js';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  ({ server, api } = await startOffice(MANUAL_CLOCK)); // "now" stays inside one month and quarter
});
afterAll(() => server?.dispose());

let n = 0;
const meeting = () => ({
  id: `gr-${n++}`,
  type: 'meeting.scheduled',
  occurredAt: TEST_NOW,
  employeeId: 'tm1',
  clientId: `gr-c${n}`,
});

describe('grade ladder', () => {
  it('starts with Бронза, Серебро, Золото and Платина over the quarter in a Russian office', async () => {
    const res = await api.request<GradeLadder>('GET', '/grades');
    expect(res.body).toEqual({
      window: 'quarter',
      levels: [
        { name: 'Бронза', threshold: 1000 },
        { name: 'Серебро', threshold: 3000 },
        { name: 'Золото', threshold: 6000 },
        { name: 'Платина', threshold: 10000 },
      ],
    });
    const row = (await api.standings('board=teams')).rows.find((r) => r.id === 'team1')!;
    expect(row.grade).toMatchObject({ grade: null, next: { grade: 'Бронза', threshold: 1000 } });
  });

  it('starts with Bronze, Silver, Gold and Platinum in an English office', async () => {
    const { server: english, api: en } = await startOffice({ ...MANUAL_CLOCK, OFFICE_LOCALE: 'en' });
    try {
      const res = await en.request<GradeLadder>('GET', '/grades');
      expect(res.body.levels.map((l) => l.name)).toEqual(['Bronze', 'Silver', 'Gold', 'Platinum']);
    } finally {
      await english.dispose();
    }
  });

  it('refuses a ladder whose thresholds do not rise, naming the field', async () => {
    const res = await api.request<ApiError>('PUT', '/grades', {
      window: 'month',
      levels: [
        { name: 'A', threshold: 50 },
        { name: 'B', threshold: 50 },
      ],
    });
    expect(res).toMatchObject({ status: 400, body: { errors: [{ field: 'levels[1].threshold' }] } });
    expect(
      (await api.as(server.displayToken).request('PUT', '/grades', { window: 'month', levels: [{ name: 'A', threshold: 1 }] })).status,
    ).toBe(403);
  });

  it('pushes grade.changed once per crossing, live, and shows the grade with progress on the team rows', async () => {
    const ladder = {
      window: 'month',
      levels: [
        { name: 'Bronze', threshold: 30 },
        { name: 'Silver', threshold: 60 },
      ],
    };
    expect((await api.request('PUT', '/grades', ladder)).status).toBe(200);
    const live = new LiveClient(server.url, server.displayToken);
    await live.connected();
    live.subscribe({ boards: [{ board: 'teams', period: 'month' }] });
    await live.until(() => live.snapshots.length === 1);

    const first = meeting();
    await api.postEvents(first); // 15
    await api.postEvents(meeting()); // 30: Bronze
    await live.until(() => live.grades.length === 1);
    expect(live.grades[0]).toMatchObject({ teamId: 'team1', teamName: 'Team 1', from: null, to: 'Bronze', up: true, points: 30 });

    await api.postEvents({ id: 'gr-email', type: 'email.general', occurredAt: TEST_NOW, employeeId: 'tm1' }); // 32: still Bronze
    const last = meeting();
    await api.postEvents(last); // 47: still Bronze
    await api.postEvents(meeting()); // 62: Silver
    await live.until(() => live.grades.length === 2);
    expect(live.grades[1]).toMatchObject({ from: 'Bronze', to: 'Silver', up: true, points: 62 });
    const row = (await api.standings('board=teams')).rows.find((r) => r.id === 'team1')!;
    expect(row.grade).toMatchObject({ grade: 'Silver', next: null, progress: 1 });
    expect((await api.standings('board=teams')).rows.find((r) => r.id === 'team2')!.grade).toMatchObject({
      grade: null,
      next: { grade: 'Bronze', missing: 30 },
      progress: 0,
    });

    await api.request('POST', `/events/${last.id}/void`, { reason: 'test' }); // 47: back to Bronze
    await live.until(() => live.grades.length === 3);
    expect(live.grades[2]).toMatchObject({ from: 'Silver', to: 'Bronze', up: false, points: 47 });
    // Awards after the last change: updates arrived, but no further grade event.
    await live.until(() => live.awards.some((a) => a.eventId === last.id && a.points < 0));
    expect(live.grades).toHaveLength(3);
    live.close();
  });
});
