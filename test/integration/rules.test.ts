import type { ApiError, Award, RulePreview, RuleVersion } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW, testTime } from '../helpers/clock.js';
import type { RunningServer } from '../helpers/server.js';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  ({ server, api } = await startOffice(MANUAL_CLOCK)); // "today" and "yesterday" stay in one month
});
afterAll(() => server?.dispose());

const dayAgo = () => testTime(-24 * 3600_000);
const awardsOf = async (eventId: string) =>
  (await api.request<Award[]>('GET', '/awards/recent?limit=200')).body.filter((a) => a.eventId === eventId);

describe('rules as data', () => {
  it('starts with version 1, the default scheme, in effect since ever', async () => {
    const res = await api.request<RuleVersion[]>('GET', '/rules');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      version: 1,
      effectiveFrom: '1970-01-01T00:00:00.000Z',
      rules: { telemarketer: { meetingScheduled: 15, dailyNorm: 45 }, account: { retentionThreshold: 300000 } },
    });
  });

  it('refuses a version in the past, unknown numbers and bad values, storing nothing', async () => {
    expect(
      await api.request<ApiError>('POST', '/rules', { effectiveFrom: '2026-01-01', rules: { telemarketer: { meetingScheduled: 40 } } }),
    ).toMatchObject({ status: 422, body: { code: 'rules.in_past', errors: [{ field: 'effectiveFrom', why: { code: 'in_past' } }] } });
    const bad = await api.request<ApiError>('POST', '/rules', {
      rules: { telemarketer: { meetingScheduled: -1, bogus: 3 }, sales: { firstPaymentPerThousand: 'x' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual([
      'rules.sales.firstPaymentPerThousand',
      'rules.telemarketer.bogus',
      'rules.telemarketer.meetingScheduled',
    ]);
    expect((await api.request<RuleVersion[]>('GET', '/rules')).body).toHaveLength(1);
    expect((await api.as(server.displayToken).request('POST', '/rules', { rules: {} })).status).toBe(403);
  });

  it('previews a past period under proposed numbers side by side with the real standings, writing nothing', async () => {
    const yesterday = dayAgo();
    await api.postEvents([
      { id: 'pv-1', type: 'meeting.scheduled', occurredAt: yesterday, employeeId: 'tm1', clientId: 'pv' },
      { id: 'pv-2', type: 'email.general', occurredAt: yesterday, employeeId: 'tm2' },
    ]);
    const at = yesterday.slice(0, 10);
    const before = await api.standings(`board=telemarketer&period=month&at=${at}`);
    const recentBefore = (await api.request<Award[]>('GET', '/awards/recent?limit=5')).body;

    const res = await api.request<RulePreview>('POST', '/rules/preview', {
      rules: { telemarketer: { meetingScheduled: 100, emailGeneral: 0 } },
      board: 'telemarketer',
      period: 'month',
      at,
    });
    expect(res.status).toBe(200);
    const row = (rows: RulePreview['current'], id: string) => rows.find((r) => r.id === id)!.points;
    expect(row(res.body.current, 'tm1')).toBe(row(before.rows, 'tm1'));
    expect(row(res.body.proposed, 'tm1')).toBe(row(before.rows, 'tm1') + 85);
    expect(row(res.body.proposed, 'tm2')).toBe(row(before.rows, 'tm2') - 2);
    expect(res.body.rules.telemarketer).toMatchObject({ meetingScheduled: 100, emailGeneral: 0, needIdentified: 5 });

    expect(await api.standings(`board=telemarketer&period=month&at=${at}`)).toEqual(before);
    expect((await api.request<Award[]>('GET', '/awards/recent?limit=5')).body).toEqual(recentBefore);
    expect((await api.request<RuleVersion[]>('GET', '/rules')).body).toHaveLength(1);
  });

  it("a version added today leaves yesterday's awards untouched; later events follow it, late past events do not", async () => {
    await api.postEvents({ id: 'rv-old', type: 'meeting.scheduled', occurredAt: dayAgo(), employeeId: 'tm1', clientId: 'rv1' });
    const created = await api.request<RuleVersion>('POST', '/rules', {
      rules: { telemarketer: { meetingScheduled: 40 } },
      note: 'Meetings matter more from today',
    });
    expect(created).toMatchObject({
      status: 201,
      body: { version: 2, note: 'Meetings matter more from today', rules: { telemarketer: { meetingScheduled: 40, needIdentified: 5 } } },
    });

    await api.postEvents([
      { id: 'rv-new', type: 'meeting.scheduled', occurredAt: TEST_NOW, employeeId: 'tm1', clientId: 'rv2' },
      { id: 'rv-late', type: 'meeting.scheduled', occurredAt: dayAgo(), employeeId: 'tm1', clientId: 'rv3' },
    ]);
    expect((await awardsOf('rv-old')).map((a) => [a.points, a.ruleVersion])).toEqual([[15, 1]]);
    expect((await awardsOf('rv-new')).map((a) => [a.points, a.ruleVersion])).toEqual([[40, 2]]);
    expect((await awardsOf('rv-late')).map((a) => [a.points, a.ruleVersion])).toEqual([[15, 1]]);
    expect((await api.request<RuleVersion[]>('GET', '/rules')).body.map((v) => v.version)).toEqual([1, 2]);
  });
});
