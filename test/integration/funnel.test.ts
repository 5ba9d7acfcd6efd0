import type { FunnelReport, MeFunnel, SignalsReport, StageEvent, WeakLinksReport } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK, testTime } from '../helpers/clock.js';
import type { RunningServer } from '../helpers/server.js';

// The funnel over HTTP on a small office: exact counts per stage, a void taken back, the period
// and field checks, managers only, and an employee's own funnel.
let server: RunningServer;
let api: Api;
const hour = 3_600_000;
const day = 24 * hour;

beforeAll(async () => {
  ({ server, api } = await startOffice(MANUAL_CLOCK));
  for (const n of [3, 4, 5]) await api.employee({ id: `tm${n}`, name: `Телемаркетолог ${n}`, role: 'telemarketer' });
  const events: object[] = [];
  // tm1, a week ago: 10 calls, 6 of them 30 s or longer; 3 needs; meetings set with 2 clients (one twice).
  for (let i = 0; i < 10; i++)
    events.push({
      id: `f-call-${i}`,
      type: 'call',
      occurredAt: testTime(-7 * day + i * 60_000),
      employeeId: 'tm1',
      durationSec: i < 6 ? 45 : 10,
    });
  for (const c of ['a', 'b', 'c'])
    events.push({ id: `f-need-${c}`, type: 'need.identified', occurredAt: testTime(-7 * day + hour), employeeId: 'tm1', clientId: c });
  events.push({ id: 'f-meet-a', type: 'meeting.scheduled', occurredAt: testTime(-7 * day + 2 * hour), employeeId: 'tm1', clientId: 'a' });
  events.push({ id: 'f-meet-a2', type: 'meeting.scheduled', occurredAt: testTime(-6 * day), employeeId: 'tm1', clientId: 'a' });
  events.push({
    id: 'f-meet-b',
    type: 'meeting.scheduled',
    occurredAt: testTime(-7 * day + 3 * hour),
    employeeId: 'tm1',
    clientId: 'b',
    clientName: 'ООО Берёза',
  });
  // sales1 holds one of the three meetings handed to them and signs it.
  events.push({ id: 'f-held-a', type: 'meeting.held', occurredAt: testTime(-5 * day), employeeId: 'sales1', clientId: 'a' });
  events.push({ id: 'f-sign-a', type: 'contract.signed', occurredAt: testTime(-4 * day), employeeId: 'sales1', clientId: 'a' });
  expect((await api.postEvents(events)).status).toBe(200);
});
afterAll(() => server?.dispose());

describe('GET /api/analytics/funnel', () => {
  it('counts each stage from the events, per person, team and office', async () => {
    const { status, body } = await api.request<FunnelReport>('GET', '/analytics/funnel?period=month');
    expect(status).toBe(200);
    // November 2026 up to Wednesday the 25th: 17 working days (4 November is a holiday).
    expect(body.period).toMatchObject({ kind: 'month', key: '2026-11', workingDays: 17 });
    const tm1 = body.employees.find((e) => e.employeeId === 'tm1')!;
    expect(tm1.teamId).toBe('team1');
    expect(tm1.stages).toEqual({
      calls: { numerator: 6, denominator: 17, rate: 6 / 17 },
      'call.success': { numerator: 6, denominator: 10, rate: 0.6 },
      need: { numerator: 3, denominator: 6, rate: 0.5 },
      'meeting.set': { numerator: 2, denominator: 3, rate: 2 / 3 },
    });
    const sales1 = body.employees.find((e) => e.employeeId === 'sales1')!;
    expect(sales1.stages).toEqual({
      'meeting.held': { numerator: 1, denominator: 3, rate: 1 / 3 },
      contract: { numerator: 1, denominator: 1, rate: 1 },
    });
    const team1 = body.teams.find((t) => t.teamId === 'team1')!;
    expect(team1.stages['meeting.held']).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
    expect(body.office.stages.retention).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(body.office.clients).toMatchObject({ kept: 0, currency: 'RUB' });
  });

  it('takes a voided event back', async () => {
    expect((await api.request('POST', '/events/f-need-c/void', { reason: 'дубль' })).status).toBe(200);
    const { body } = await api.request<FunnelReport>('GET', '/analytics/funnel?period=month');
    expect(body.employees.find((e) => e.employeeId === 'tm1')!.stages.need).toEqual({ numerator: 2, denominator: 6, rate: 2 / 6 });
  });

  it('answers a period with no events with an empty funnel', async () => {
    const { status, body } = await api.request<FunnelReport>('GET', '/analytics/funnel?period=year&at=2020-06-01');
    expect(status).toBe(200);
    expect(body.period).toMatchObject({ key: '2020', workingDays: expect.any(Number) as number });
    expect(body.office.stages.need).toEqual({ numerator: 0, denominator: 0, rate: null });
  });

  it('refuses an unknown period or a malformed date, naming the field', async () => {
    const week = await api.request<{ errors: { field: string }[] }>('GET', '/analytics/funnel?period=week');
    expect(week.status).toBe(400);
    expect(week.body.errors[0]!.field).toBe('period');
    const at = await api.request<{ errors: { field: string }[] }>('GET', '/analytics/weak-links?at=2026-13-01');
    expect(at.status).toBe(400);
    expect(at.body.errors[0]!.field).toBe('at');
  });
});

describe('managers only', () => {
  it('an employee gets 403 on the office-wide endpoints', async () => {
    for (const path of ['/analytics/funnel', '/analytics/weak-links', '/analytics/signals', '/analytics/people/tm2'])
      expect((await api.getAsEmployee('tm2', path)).status).toBe(403);
  });
});

describe('weak links, signals and the drill-down', () => {
  it('answer in the contract shape', async () => {
    const links = await api.request<WeakLinksReport>('GET', '/analytics/weak-links?period=month');
    expect(links.status).toBe(200);
    expect(links.body.findings.every((f) => f.reasonCode.startsWith('weak_link.') && typeof f.pValue === 'number')).toBe(true);
    const signals = await api.request<SignalsReport>('GET', '/analytics/signals?period=month');
    expect(signals.status).toBe(200);
    expect(signals.body.signals).toEqual([]);
  });

  it('asks about calls bunched just over the success line, and not about honest spreads', async () => {
    const october = Date.parse('2026-10-14T07:00:00Z');
    const calls = ['tm1', 'tm2', 'tm3', 'tm4', 'tm5'].flatMap((employeeId) =>
      Array.from({ length: 40 }, (_, i) => ({
        id: `s-${employeeId}-${i}`,
        type: 'call',
        occurredAt: new Date(october + i * 5 * 60_000).toISOString(),
        employeeId,
        source: 'mango',
        // tm2's successful calls all last 30 to 32 s; the others' spread from 30 s to a few minutes.
        durationSec: employeeId === 'tm2' ? 30 + (i % 3) : 30 + ((i * 37) % 240),
      })),
    );
    expect((await api.postEvents(calls)).status).toBe(200);
    const { body } = await api.request<SignalsReport>('GET', '/analytics/signals?period=month&at=2026-10-01');
    expect(body.signals.map((s) => [s.kind, s.employeeId])).toEqual([['calls.near_threshold', 'tm2']]);
    expect(body.signals[0]).toMatchObject({
      value: 1,
      reasonCode: 'signal.calls.near_threshold',
      params: { count: 40, of: 40, minSec: 30, maxSec: 33 },
    });
  });

  it('lists the events behind a number, counted or not, with client names', async () => {
    const { body } = await api.request<StageEvent[]>('GET', '/analytics/people/tm1/events?stage=meeting.set&period=month');
    expect(body.map((e) => [e.id, e.counted])).toEqual([
      ['f-meet-a2', false],
      ['f-meet-b', true],
      ['f-meet-a', true],
      // The needs behind the rate: counted below the line only (the voided one is gone).
      ['f-need-b', false],
      ['f-need-a', false],
    ]);
    expect(body.find((e) => e.id === 'f-meet-b')!.clientName).toBe('ООО Берёза');
  });
});

describe('GET /api/me/funnel', () => {
  it("shows an employee their own stages beside the office's median", async () => {
    const res = await api.getAsEmployee('tm1', '/me/funnel?period=month');
    expect(res.status).toBe(200);
    const body = (await res.json()) as MeFunnel;
    expect(body.role).toBe('telemarketer');
    expect(body.stages.map((s) => s.stage)).toEqual(['calls', 'call.success', 'need', 'meeting.set']);
    expect(body.stages[1]!.mine).toEqual({ numerator: 6, denominator: 10, rate: 0.6 });
  });
});

describe('the office calendar', () => {
  it('is the Russian production calendar by default, and a manager can change it', async () => {
    const { body } = await api.request<{ holidays: string[] }>('GET', '/settings/calendar');
    expect(body.holidays).toContain('2026-11-04');
    const put = await api.request('PUT', '/settings/calendar', { weekdays: [1, 2, 3, 4, 5], holidays: [], workdays: [] });
    expect(put.status).toBe(200);
    const { body: funnel } = await api.request<FunnelReport>('GET', '/analytics/funnel?period=month');
    expect(funnel.period.workingDays).toBe(18);
    const bad = await api.request<{ errors: { field: string }[] }>('PUT', '/settings/calendar', {
      weekdays: [8],
      holidays: [],
      workdays: [],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]!.field).toBe('weekdays[0]');
  });
});
