import type { ApiError, AuditEntry, EventsPage, OnboardingStatus } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, seedOffice } from '../helpers/api.js';
import { MANUAL_CLOCK, testTime } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  server = await startServer({ env: MANUAL_CLOCK });
  api = new Api(server);
});
afterAll(() => server?.dispose());

const search = async (query: string): Promise<EventsPage> => {
  const res = await api.request<EventsPage>('GET', `/events?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('the first day checklist', () => {
  it('starts with every step to do, and ticks each off as the office does it', async () => {
    const status = async (): Promise<Record<string, boolean>> => {
      const body = (await api.request<OnboardingStatus>('GET', '/onboarding')).body;
      return Object.fromEntries(body.steps.map((s) => [s.step, s.done]));
    };
    expect(await status()).toEqual({ people: false, triads: false, integration: false, tv: false, invites: false });
    await seedOffice(api);
    expect(await status()).toEqual({ people: true, triads: true, integration: false, tv: false, invites: false });
    await api.request('POST', '/tokens', { kind: 'integration', name: 'Телефония' });
    await api.request('POST', '/tokens', { kind: 'display', name: 'ТВ в офисе' });
    expect(await status()).toMatchObject({ integration: true, tv: true, invites: false });
    await api.request('POST', '/employees/tm1/invite');
    const body = (await api.request<OnboardingStatus>('GET', '/onboarding')).body;
    expect(body.done).toBe(true);
    expect(body.steps.find((s) => s.step === 'people')!.count).toBe(6);
  });
});

describe('the events search', () => {
  beforeAll(async () => {
    const events = [
      // Yesterday in the office (24 November), and today (25 November) at 10:00–12:00 Moscow.
      { id: 's-call-old', type: 'call', occurredAt: testTime(-DAY), employeeId: 'tm1', durationSec: 50 },
      {
        id: 's-meet-1',
        type: 'meeting.scheduled',
        occurredAt: testTime(-2 * HOUR),
        employeeId: 'tm1',
        clientId: 'romashka',
        clientName: 'ООО Ромашка',
      },
      {
        id: 's-meet-2',
        type: 'meeting.scheduled',
        occurredAt: testTime(-90 * 60_000),
        employeeId: 'tm2',
        clientId: 'lotos',
        clientName: 'АО Лотос',
      },
      { id: 's-held-1', type: 'meeting.held', occurredAt: testTime(-HOUR), employeeId: 'sales1', clientId: 'romashka' },
      { id: 's-pay-1', type: 'payment.received', occurredAt: testTime(-30 * 60_000), clientId: 'romashka', amount: 350_000 },
    ];
    expect((await api.postEvents(events)).status).toBe(200);
  });

  it('lists events newest first with names, team, money and points', async () => {
    const page = await search('');
    expect(page.events.map((e) => e.id)).toEqual(['s-pay-1', 's-held-1', 's-meet-2', 's-meet-1', 's-call-old']);
    expect(page.next).toBeNull();
    const pay = page.events[0]!;
    expect(pay).toMatchObject({
      type: 'payment.received',
      employee: null,
      client: { id: 'romashka', name: 'ООО Ромашка' },
      amount: 350_000,
      currency: 'RUB',
      voided: null,
    });
    expect(pay.points).toBeGreaterThan(0);
    expect(page.events[3]).toMatchObject({
      employee: { id: 'tm1', name: 'Telemarketer 1' },
      team: { id: 'team1', name: 'Team 1' },
      points: 15,
      awarded: 15,
    });
  });

  it('filters by person, client (id or part of a name), type, office-local days and void', async () => {
    const ids = async (query: string): Promise<string[]> => (await search(query)).events.map((e) => e.id);
    expect(await ids('employeeId=tm1')).toEqual(['s-meet-1', 's-call-old']);
    expect(await ids('clientId=lotos')).toEqual(['s-meet-2']);
    expect(await ids(`client=${encodeURIComponent('ромаш')}`)).toEqual(['s-pay-1', 's-held-1', 's-meet-1']);
    expect(await ids('type=meeting.scheduled')).toEqual(['s-meet-2', 's-meet-1']);
    expect(await ids('from=2026-11-25&to=2026-11-25&type=meeting.scheduled')).toEqual(['s-meet-2', 's-meet-1']);
    expect(await ids('to=2026-11-24')).toEqual(['s-call-old']);
    expect(await ids('voided=true')).toEqual([]);

    const voided = await api.request('POST', '/events/s-meet-2/void', { reason: 'дубль из CRM' });
    expect(voided.status).toBe(200);
    expect(await ids('voided=true')).toEqual(['s-meet-2']);
    expect(await ids('voided=false&type=meeting.scheduled')).toEqual(['s-meet-1']);
    const row = (await search('clientId=lotos')).events[0]!;
    expect(row).toMatchObject({ voided: { reason: 'дубль из CRM' }, points: 0, awarded: 15 });
  });

  it('pages with a cursor, never repeating or skipping an event', async () => {
    const first = await search('limit=2');
    expect(first.events.map((e) => e.id)).toEqual(['s-pay-1', 's-held-1']);
    expect(first.next).not.toBeNull();
    const second = await search(`limit=2&before=${first.next!}`);
    expect(second.events.map((e) => e.id)).toEqual(['s-meet-2', 's-meet-1']);
    const third = await search(`limit=2&before=${second.next!}`);
    expect(third.events.map((e) => e.id)).toEqual(['s-call-old']);
    expect(third.next).toBeNull();
  });

  it('refuses a bad parameter with a 400 naming it', async () => {
    const refused = async (query: string): Promise<string[]> => {
      const res = await api.request<ApiError>('GET', `/events?${query}`);
      expect(res.status, query).toBe(400);
      return res.body.errors.map((e) => e.field);
    };
    expect(await refused('type=lunch')).toEqual(['type']);
    expect(await refused('from=25.11.2026')).toEqual(['from']);
    expect(await refused('from=2026-11-25&to=2026-11-01')).toEqual(['to']);
    expect(await refused('limit=0')).toEqual(['limit']);
    expect(await refused('voided=maybe')).toEqual(['voided']);
    expect(await refused('before=not-a-cursor-at-all')).toEqual(['before']);
    expect(await refused('colour=red')).toEqual(['colour']);
  });

  it('keeps the voided event in the audit log as it was, with the reason, and the actor named', async () => {
    const log = (await api.request<AuditEntry[]>('GET', '/audit?action=event.void')).body;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: 'event.void',
      target: 's-meet-2',
      subject: { kind: 'event', id: 's-meet-2', type: 'meeting.scheduled', employeeName: 'Telemarketer 2', clientName: 'АО Лотос' },
      reason: 'дубль из CRM',
    });
    // By who did it: the admin token here.
    const byActor = (await api.request<AuditEntry[]>('GET', '/audit?actorId=bootstrap&limit=500')).body;
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actor.id === 'bootstrap')).toBe(true);
    expect((await api.request<AuditEntry[]>('GET', '/audit?actorId=nobody')).body).toEqual([]);
    const invites = (await api.request<AuditEntry[]>('GET', '/audit?action=employee.invite')).body;
    expect(invites[0]).toMatchObject({ subject: { kind: 'employee', id: 'tm1', name: 'Telemarketer 1' } });
  });
});
