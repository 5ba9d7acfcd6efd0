import type { ActivityEvent } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, RULES } from './rule-set.js';
import { compareEvents, historyQuery, scopeKey, scopesOf, scoreScope, type ScoringContext, type ScoringEmployee } from './scoring.js';

const people: Record<string, ScoringEmployee> = {
  anna: { id: 'anna', name: 'Anna', role: 'telemarketer' },
  igor: { id: 'igor', name: 'Igor', role: 'sales' },
  olga: { id: 'olga', name: 'Olga', role: 'account' },
};
const ctx: ScoringContext = {
  rulesAt: () => DEFAULT_RULES,
  memberAt: () => null,
  teamName: (id) => id,
  timeZone: 'Europe/Moscow',
  employee: (id) => people[id],
  teamAt: (employeeId, at) => (employeeId === 'anna' && at >= '2026-11-10' ? 'falcons' : employeeId === 'igor' ? 'falcons' : null),
};

function scoreAlone(event: ActivityEvent) {
  return scoreScope({ kind: 'event', eventId: event.id }, [event], ctx);
}

const at = '2026-11-20T09:00:00.000Z';

describe('telemarketer rules (given an event, when scored alone, then)', () => {
  it.each([
    [{ id: 'a', type: 'call', occurredAt: at, employeeId: 'anna', durationSec: 30 }, RULES.call, 1],
    [{ id: 'a', type: 'email.general', occurredAt: at, employeeId: 'anna' }, RULES.emailGeneral, 2],
    [{ id: 'a', type: 'need.identified', occurredAt: at, employeeId: 'anna', clientId: 'c' }, RULES.needIdentified, 5],
    [{ id: 'a', type: 'email.decision_maker', occurredAt: at, employeeId: 'anna', clientId: 'c' }, RULES.emailDecisionMaker, 3],
    [{ id: 'a', type: 'meeting.scheduled', occurredAt: at, employeeId: 'anna', clientId: 'c' }, RULES.meetingScheduled, 15],
    [{ id: 'a', type: 'meeting.held', occurredAt: at, employeeId: 'igor', clientId: 'c' }, RULES.meetingHeld, 5],
    [{ id: 'a', type: 'contract.signed', occurredAt: at, employeeId: 'igor', clientId: 'c' }, RULES.contractSigned, 20],
  ] as [ActivityEvent, string, number][])('%o earns %s %i', (event, rule, points) => {
    const awards = scoreAlone(event);
    expect(awards).toHaveLength(1);
    expect(awards[0]).toMatchObject({
      rule,
      points,
      eventId: 'a',
      employeeId: event.type.startsWith('meeting.held') || event.type === 'contract.signed' ? 'igor' : 'anna',
    });
  });

  it('pays nothing for a call under 30 s, for unlisted types, or for types of another role', () => {
    expect(scoreAlone({ id: 'a', type: 'call', occurredAt: at, employeeId: 'anna', durationSec: 29 })).toEqual([]);
    expect(scoreAlone({ id: 'a', type: 'proposal.sent', occurredAt: at, employeeId: 'igor', clientId: 'c' })).toEqual([]);
    expect(scoreAlone({ id: 'a', type: 'client.handed_over', occurredAt: at, employeeId: 'igor', clientId: 'c' })).toEqual([]);
    expect(scoreAlone({ id: 'a', type: 'client.churned', occurredAt: at, employeeId: 'olga', clientId: 'c' })).toEqual([]);
    expect(scoreAlone({ id: 'a', type: 'meeting.scheduled', occurredAt: at, employeeId: 'igor', clientId: 'c' })).toEqual([]);
    expect(scoreAlone({ id: 'a', type: 'call', occurredAt: at, employeeId: 'igor', durationSec: 300 })).toEqual([]);
    expect(scoreAlone({ id: 'a', type: 'payment.received', occurredAt: at, clientId: 'c', amount: 1000 })).toEqual([]);
  });

  it('counts the award for the team the person was in when the action happened, with a readable reason', () => {
    const before = scoreAlone({
      id: 'a',
      type: 'meeting.scheduled',
      occurredAt: '2026-11-05T09:00:00.000Z',
      employeeId: 'anna',
      clientId: 'Romashka LLC',
    });
    const after = scoreAlone({
      id: 'b',
      type: 'meeting.scheduled',
      occurredAt: '2026-11-12T09:00:00.000Z',
      employeeId: 'anna',
      clientId: 'Romashka LLC',
    });
    expect(before[0]!.teamId).toBeNull();
    expect(after[0]).toMatchObject({
      teamId: 'falcons',
      reason: 'Anna: meeting scheduled (Romashka LLC), +15',
      key: 'event:b#telemarketer.meeting_scheduled',
      ruleVersion: 1,
    });
  });

  it('uses the configured numbers', () => {
    const rules = { ...DEFAULT_RULES, telemarketer: { ...DEFAULT_RULES.telemarketer, successfulCallSec: 60, successfulCall: 2 } };
    const call = { id: 'a', type: 'call', occurredAt: at, employeeId: 'anna', durationSec: 45 } as const;
    expect(scoreScope({ kind: 'event', eventId: 'a' }, [call], { ...ctx, rulesAt: () => rules })).toEqual([]);
    expect(scoreScope({ kind: 'event', eventId: 'a' }, [{ ...call, durationSec: 60 }], { ...ctx, rulesAt: () => rules })[0]!.points).toBe(
      2,
    );
  });
});

describe('daily norm', () => {
  const day = '2026-11-20';
  const calls = (n: number, durationSec = 40): ActivityEvent[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `c${String(i).padStart(3, '0')}`,
      type: 'call',
      occurredAt: new Date(Date.UTC(2026, 10, 20, 6, i)).toISOString(),
      employeeId: 'anna',
      durationSec,
    }));
  const scope = { kind: 'daily-norm', employeeId: 'anna', day } as const;

  it("a telemarketer call belongs to its event scope and to that office day's norm scope", () => {
    const [call] = calls(1);
    expect(scopesOf(call!, ctx).map(scopeKey)).toEqual(['event:c000', 'norm:anna:2026-11-20']);
    expect(scopesOf({ ...call!, clientId: 'Romashka' }, ctx).map(scopeKey)).toEqual([
      'event:c000',
      'norm:anna:2026-11-20',
      'client:Romashka',
    ]);
    // 23:30 Moscow on the 20th is still the 20th; 00:30 on the 21st is not.
    expect(scopesOf({ ...call!, occurredAt: '2026-11-20T20:30:00.000Z' }, ctx).map(scopeKey)[1]).toBe('norm:anna:2026-11-20');
    expect(scopesOf({ ...call!, occurredAt: '2026-11-20T21:30:00.000Z' }, ctx).map(scopeKey)[1]).toBe('norm:anna:2026-11-21');
    expect(historyQuery(scope, 'Europe/Moscow')).toMatchObject({
      kind: 'employee-events',
      from: new Date('2026-11-19T21:00:00Z'),
      to: new Date('2026-11-20T21:00:00Z'),
    });
  });

  it('pays +10 once, on the 45th successful call by time then id, in any order', () => {
    expect(scoreScope(scope, calls(44), ctx)).toEqual([]);
    const all = calls(60);
    const shuffled = [...all].sort(() => Math.random() - 0.5);
    const awards = scoreScope(scope, shuffled, ctx);
    expect(awards).toHaveLength(1);
    expect(awards[0]).toMatchObject({
      eventId: 'c044',
      points: 10,
      rule: RULES.dailyNorm,
      key: 'norm:anna:2026-11-20#telemarketer.daily_norm',
    });
  });

  it('skips unsuccessful calls when counting, and orders ties by id', () => {
    const mixed = [
      ...calls(45),
      { id: 'short', type: 'call', occurredAt: '2026-11-20T05:00:00.000Z', employeeId: 'anna', durationSec: 10 } as ActivityEvent,
    ];
    expect(scoreScope(scope, mixed, ctx)[0]!.eventId).toBe('c044');
    const tie = calls(45).map((c) => ({ ...c, occurredAt: at }));
    expect(scoreScope(scope, tie, ctx)[0]!.eventId).toBe('c044');
    expect(compareEvents(tie[1]!, tie[0]!)).toBe(1);
  });
});
