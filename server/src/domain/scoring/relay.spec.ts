import type { ActivityEvent, Role } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { memberAt, teamAt, type MembershipRow } from '../org/membership-plan.js';
import { perThousand, scoreClient } from './relay.js';
import { DEFAULT_RULES, RULES } from './rule-set.js';
import type { AwardDraft, ScoringContext } from './scoring.js';

const people: Record<string, { name: string; role: Role }> = {
  anna: { name: 'Anna', role: 'telemarketer' },
  igor: { name: 'Igor', role: 'sales' },
  olga: { name: 'Olga', role: 'account' },
  boris: { name: 'Boris', role: 'sales' },
  vera: { name: 'Vera', role: 'account' },
};
const since = '2026-01-01T00:00:00.000Z';
const stints: MembershipRow[] = [
  { id: 1, teamId: 'falcons', employeeId: 'anna', role: 'telemarketer', validFrom: since, validTo: null },
  { id: 2, teamId: 'falcons', employeeId: 'igor', role: 'sales', validFrom: since, validTo: null },
  { id: 3, teamId: 'falcons', employeeId: 'olga', role: 'account', validFrom: since, validTo: null },
  { id: 4, teamId: 'wolves', employeeId: 'boris', role: 'sales', validFrom: since, validTo: null },
  { id: 5, teamId: 'wolves', employeeId: 'vera', role: 'account', validFrom: since, validTo: null },
];
const ctx: ScoringContext = {
  rulesAt: () => DEFAULT_RULES,
  timeZone: 'Europe/Moscow',
  employee: (id) => (people[id] ? { id, ...people[id] } : undefined),
  teamAt: (id, at) => teamAt(stints, id, at),
  memberAt: (team, role, at) => memberAt(stints, team, role, at),
  teamName: (id) => ({ falcons: 'Falcons', wolves: 'Wolves' })[id] ?? id,
};

let n = 0;
const ev = (type: string, occurredAt: string, extra: Record<string, unknown> = {}): ActivityEvent =>
  ({
    id: `e${String(n++).padStart(3, '0')}`,
    type,
    occurredAt: new Date(occurredAt).toISOString(),
    clientId: 'romashka',
    ...extra,
  }) as ActivityEvent;
const pay = (occurredAt: string, amount: number) => ev('payment.received', occurredAt, { amount });
const meeting = (at = '2026-02-02T10:00:00+03:00', extra = {}) => ev('meeting.scheduled', at, { employeeId: 'anna', ...extra });
const signed = (by = 'igor', at = '2026-02-10T10:00:00+03:00') => ev('contract.signed', at, { employeeId: by });
const handedOver = (at = '2026-02-11T10:00:00+03:00', extra = {}) => ev('client.handed_over', at, { employeeId: 'igor', ...extra });

const byRule = (awards: AwardDraft[], rule: string) =>
  awards.filter((a) => a.rule === rule).map((a) => [a.employeeId ?? a.teamId, a.points]);

describe('relay credit along the chain', () => {
  it('gives the source telemarketer +25 at the first payment, once', () => {
    const awards = scoreClient(
      'romashka',
      [meeting(), signed(), pay('2026-02-15T12:00:00+03:00', 10_000), pay('2026-02-20T12:00:00+03:00', 10_000)],
      ctx,
    );
    expect(byRule(awards, RULES.firstPaymentSourced)).toEqual([['anna', 25]]);
    expect(awards.find((a) => a.rule === RULES.firstPaymentSourced)).toMatchObject({
      teamId: 'falcons',
      reason: 'Anna: client romashka they sourced made its first payment, +25',
    });
  });

  it('pays the seller 1 per 1,000 on the first payment and on the renewal in the next month, nothing later', () => {
    const awards = scoreClient(
      'romashka',
      [
        meeting(),
        signed(),
        pay('2026-02-15T12:00:00+03:00', 150_000),
        pay('2026-02-25T12:00:00+03:00', 40_000), // same month: a later payment
        pay('2026-03-05T12:00:00+03:00', 120_500), // renewal
        pay('2026-04-05T12:00:00+03:00', 150_000), // later
      ],
      ctx,
    );
    expect(byRule(awards, RULES.salesFirstPayment)).toEqual([['igor', 150]]);
    expect(byRule(awards, RULES.salesRenewal)).toEqual([['igor', 120]]);
  });

  it('has no renewal when the month after the first payment has no payment', () => {
    const awards = scoreClient(
      'romashka',
      [meeting(), signed(), pay('2026-02-15T12:00:00+03:00', 100_000), pay('2026-04-01T12:00:00+03:00', 100_000)],
      ctx,
    );
    expect(byRule(awards, RULES.salesRenewal)).toEqual([]);
    expect(byRule(awards, RULES.chainCompleted)).toEqual([]);
  });

  it('finds the seller: latest contract, else latest meeting held, else the hand-over target, else the sales member of the source team', () => {
    const first = (events: ActivityEvent[]) =>
      byRule(scoreClient('romashka', [...events, pay('2026-03-01T12:00:00+03:00', 10_000)], ctx), RULES.salesFirstPayment);
    expect(first([meeting(), signed('igor', '2026-02-10T10:00:00Z'), signed('boris', '2026-02-12T10:00:00Z')])).toEqual([['boris', 10]]);
    expect(first([meeting(), ev('meeting.held', '2026-02-10T10:00:00Z', { employeeId: 'boris' })])).toEqual([['boris', 10]]);
    expect(first([meeting(undefined, { toEmployeeId: 'boris' })])).toEqual([['boris', 10]]);
    expect(first([meeting()])).toEqual([['igor', 10]]);
  });

  it('pays the keeper 0.5 per 1,000, doubled while the client is new, nothing before the hand-over', () => {
    const awards = scoreClient(
      'romashka',
      [
        meeting(),
        signed(),
        pay('2026-02-10T09:00:00+03:00', 100_000), // before the hand-over: first payment, nothing for the account manager
        handedOver(),
        pay('2026-03-10T09:00:00+03:00', 100_000), // new: 100
        pay('2026-05-10T08:59:59+03:00', 100_000), // still new (until 10 May 09:00): 100
        pay('2026-05-10T09:00:00+03:00', 100_000), // established: 50
      ],
      ctx,
    );
    expect(byRule(awards, RULES.accountPayment)).toEqual([
      ['olga', 100],
      ['olga', 100],
      ['olga', 50],
    ]);
  });

  it('hands over to toEmployeeId when given', () => {
    const awards = scoreClient(
      'romashka',
      [meeting(), handedOver(undefined, { toEmployeeId: 'vera' }), pay('2026-03-01T12:00:00Z', 10_000)],
      ctx,
    );
    expect(byRule(awards, RULES.accountPayment)).toEqual([['vera', 10]]);
    expect(awards.find((a) => a.rule === RULES.accountPayment)!.teamId).toBe('wolves');
  });

  it('gives the quarterly retention bonus +50 at the payment that crosses 300,000 once established, counting new-time payments', () => {
    const awards = scoreClient(
      'romashka',
      [
        meeting('2026-01-05T10:00:00+03:00'),
        handedOver('2026-01-06T10:00:00+03:00'),
        pay('2026-01-10T10:00:00+03:00', 50_000), // Q1, first payment: new until 10 April
        pay('2026-04-02T10:00:00+03:00', 200_000), // Q2, still new: counts toward Q2
        pay('2026-04-15T10:00:00+03:00', 60_000), // Q2 260,000, established, below
        pay('2026-05-15T10:00:00+03:00', 40_000), // Q2 300,000: crosses
        pay('2026-06-15T10:00:00+03:00', 400_000), // Q2 again: no second bonus
        pay('2026-07-15T10:00:00+03:00', 300_000), // Q3: crosses at once
      ],
      ctx,
    );
    const bonuses = awards.filter((a) => a.rule === RULES.accountRetention);
    expect(bonuses.map((a) => [a.eventId, a.points, a.key])).toEqual([
      [awards.find((a) => a.reason.includes('40,000'))!.eventId, 50, 'client:romashka#account.retention_bonus:2026-Q2'],
      [awards.find((a) => a.reason.includes('payment of 300,000'))!.eventId, 50, 'client:romashka#account.retention_bonus:2026-Q3'],
    ]);
  });

  it('gives the source team +30 on the renewal, team-only', () => {
    const awards = scoreClient(
      'romashka',
      [meeting(), signed(), pay('2026-02-15T12:00:00+03:00', 1_000), pay('2026-03-01T12:00:00+03:00', 1_000)],
      ctx,
    );
    const chain = awards.filter((a) => a.rule === RULES.chainCompleted);
    expect(chain).toHaveLength(1);
    expect(chain[0]).toMatchObject({
      employeeId: null,
      teamId: 'falcons',
      points: 30,
      reason: 'Falcons: client romashka renewed, chain completed, +30',
    });
  });

  it('pays nothing of any kind after a churn, until a new hand-over restarts keeping', () => {
    const awards = scoreClient(
      'romashka',
      [
        meeting(),
        signed(),
        handedOver(),
        ev('client.churned', '2026-02-12T10:00:00+03:00', { employeeId: 'olga' }),
        pay('2026-02-15T12:00:00+03:00', 100_000), // first payment, but churned: nothing
        pay('2026-03-15T12:00:00+03:00', 100_000), // renewal, churned: nothing
        handedOver('2026-03-20T10:00:00+03:00', { toEmployeeId: 'vera' }),
        pay('2026-03-25T12:00:00+03:00', 100_000), // keeping again: vera, client still new
      ],
      ctx,
    );
    expect(awards.map((a) => [a.rule, a.employeeId, a.points])).toEqual([[RULES.accountPayment, 'vera', 100]]);
  });

  it('rounds down once, exactly', () => {
    expect(perThousand(199_999n, 1)).toBe(1); // 1,999.99 → 1.99999 → 1
    expect(perThousand(99_999_900n, 0.5)).toBe(499); // 999,999 × 0.5 / 1,000 = 499.9995
    expect(perThousand(100_000_000_000_000n, 1)).toBe(1_000_000_000); // no float drift on large amounts
  });

  it('moves the first-payment awards when an earlier payment turns up late', () => {
    const events = [meeting(), signed(), pay('2026-02-20T12:00:00+03:00', 50_000)];
    const late = pay('2026-02-12T12:00:00+03:00', 20_000);
    const before = scoreClient('romashka', events, ctx).find((a) => a.rule === RULES.salesFirstPayment)!;
    const after = scoreClient('romashka', [...events, late], ctx).find((a) => a.rule === RULES.salesFirstPayment)!;
    expect([before.eventId, before.points]).toEqual([events[2]!.id, 50]);
    expect([after.eventId, after.points, after.key]).toEqual([late.id, 20, before.key]);
  });
});
