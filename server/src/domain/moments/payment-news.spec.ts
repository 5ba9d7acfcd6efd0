import type { ActivityEvent, Role } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { memberAt, teamAt, type MembershipRow } from '../org/membership-plan.js';
import { DEFAULT_RULES } from '../scoring/rule-set.js';
import type { ScoringContext } from '../scoring/scoring.js';
import { paymentNews } from './payment-news.js';

const people: Record<string, { name: string; role: Role }> = {
  anna: { name: 'Anna', role: 'telemarketer' },
  igor: { name: 'Igor', role: 'sales' },
  olga: { name: 'Olga', role: 'account' },
};
const since = '2026-01-01T00:00:00.000Z';
const stints: MembershipRow[] = [
  { id: 1, teamId: 'falcons', employeeId: 'anna', role: 'telemarketer', validFrom: since, validTo: null },
  { id: 2, teamId: 'falcons', employeeId: 'igor', role: 'sales', validFrom: since, validTo: null },
  { id: 3, teamId: 'falcons', employeeId: 'olga', role: 'account', validFrom: since, validTo: null },
];
const ctx: ScoringContext = {
  rulesAt: () => DEFAULT_RULES,
  timeZone: 'Europe/Moscow',
  employee: (id) => (people[id] ? { id, ...people[id] } : undefined),
  teamAt: (id, at) => teamAt(stints, id, at),
  memberAt: (team, role, at) => memberAt(stints, team, role, at),
  teamName: (id) => id,
};

const ev = (id: string, type: string, occurredAt: string, extra: Record<string, unknown> = {}): ActivityEvent =>
  ({ id, type, occurredAt: new Date(occurredAt).toISOString(), clientId: 'romashka', ...extra }) as ActivityEvent;
const meeting = ev('m1', 'meeting.scheduled', '2026-02-02T10:00:00+03:00', { employeeId: 'anna' });
const signed = ev('c1', 'contract.signed', '2026-02-10T10:00:00+03:00', { employeeId: 'igor' });
const handed = ev('h1', 'client.handed_over', '2026-02-11T10:00:00+03:00', { employeeId: 'igor', toEmployeeId: 'olga' });
const pay = (id: string, at: string) => ev(id, 'payment.received', at, { amount: 100_000 });

describe('paymentNews', () => {
  const history = [
    meeting,
    signed,
    handed,
    pay('p1', '2026-02-15T12:00:00+03:00'),
    pay('p2', '2026-02-20T12:00:00+03:00'),
    pay('p3', '2026-03-05T12:00:00+03:00'),
    pay('p4', '2026-03-20T12:00:00+03:00'),
  ];

  it('calls the first payment a new client, brought by the seller and the source', () => {
    expect(paymentNews(history, 'p1', ctx)).toEqual({ kind: 'client.new', people: ['igor', 'anna'] });
  });

  it('calls the first payment of the next month the renewal, brought by the seller and the keeper', () => {
    expect(paymentNews(history, 'p3', ctx)).toEqual({ kind: 'client.renewal', people: ['igor', 'olga'] });
  });

  it('says nothing of other payments, nor of an event it does not know', () => {
    expect(paymentNews(history, 'p2', ctx)).toBeNull();
    expect(paymentNews(history, 'p4', ctx)).toBeNull();
    expect(paymentNews(history, 'nope', ctx)).toBeNull();
  });

  it('judges by occurredAt: a late payment before the first one is the new client', () => {
    const late = pay('p0', '2026-02-12T12:00:00+03:00');
    expect(paymentNews([...history, late], 'p0', ctx)?.kind).toBe('client.new');
    expect(paymentNews([...history, late], 'p1', ctx)).toBeNull();
  });

  it('names only people it knows, each once', () => {
    const bare = [pay('q1', '2026-02-15T12:00:00+03:00')];
    expect(paymentNews(bare, 'q1', ctx)).toEqual({ kind: 'client.new', people: [] });
    const selfSourced = [ev('m2', 'meeting.scheduled', '2026-02-02T10:00:00+03:00', { employeeId: 'ghost' }), ...bare];
    expect(paymentNews(selfSourced, 'q1', ctx)?.people).toEqual([]);
  });
});
