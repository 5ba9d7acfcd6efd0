import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './rule-set.js';
import { scoreTeamTarget, targetScopeKey, targetScopeOfKey } from './team-target.js';

const scope = { teamId: 'falcons', period: 'month', periodKey: '2026-11' } as const;
const award = (eventId: string, occurredAt: string, points: number) => ({ key: `event:${eventId}#x`, eventId, occurredAt, points });

describe('team-target bonus', () => {
  it('goes once, at the award that brings the team to the target, by occurredAt', () => {
    const awards = [
      award('c', '2026-11-20T10:00:00.000Z', 50),
      award('a', '2026-11-05T10:00:00.000Z', 40),
      award('b', '2026-11-10T10:00:00.000Z', 30),
    ];
    const [bonus, ...rest] = scoreTeamTarget(scope, awards, 70, () => DEFAULT_RULES, 'Falcons');
    expect(rest).toEqual([]);
    expect(bonus).toMatchObject({
      eventId: 'b',
      points: 100,
      employeeId: null,
      teamId: 'falcons',
      rule: 'team.target_reached',
      key: 'target:falcons:month:2026-11#team.target_reached',
    });
    expect(bonus!.reason).toBe('Falcons: reached the month target of 70 points (2026-11), +100');
  });

  it('gives nothing below the target, and follows reversals', () => {
    expect(scoreTeamTarget(scope, [award('a', '2026-11-05T10:00:00.000Z', 69)], 70, () => DEFAULT_RULES, 'F')).toEqual([]);
    // A negative standing award (none today, but corrections may bring them) delays the crossing.
    const awards = [
      award('b', '2026-11-05T10:00:00.000Z', 70),
      award('a', '2026-11-05T10:00:00.000Z', -10),
      award('c', '2026-11-06T10:00:00.000Z', 10),
    ];
    expect(scoreTeamTarget(scope, awards, 70, () => DEFAULT_RULES, 'F')[0]!.eventId).toBe('c');
  });
});

describe('target scope keys', () => {
  it('read back the scope from a bonus award key, team ids with colons included', () => {
    const withColons = { teamId: 'crm:team:7', period: 'quarter', periodKey: '2026-Q4' } as const;
    expect(targetScopeOfKey(`${targetScopeKey(withColons)}#team.target_reached`)).toEqual(withColons);
    expect(targetScopeOfKey('event:e1#telemarketer.call')).toBeNull();
  });
});
