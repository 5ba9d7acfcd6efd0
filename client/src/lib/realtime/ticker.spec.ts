import type { Award } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { mergeAwards, reasonText, signedPoints } from './ticker.js';

const award = (id: number, points = 1): Award => ({
  id,
  eventId: `e${id}`,
  employeeId: 't1',
  teamId: 'alpha',
  points,
  rule: 'telemarketer.call',
  ruleVersion: 1,
  reason: `Anna: successful call (42 s), +${points}`,
  occurredAt: '2026-11-10T10:00:00.000Z',
});

describe('mergeAwards', () => {
  it('puts the newest first whatever order batches come in', () => {
    const fromRest = [award(3), award(2), award(1)];
    const liveBatch = [award(4), award(5)];
    expect(mergeAwards(mergeAwards([], fromRest), liveBatch).map((a) => a.id)).toEqual([5, 4, 3, 2, 1]);
  });

  it('keeps each id once', () => {
    const merged = mergeAwards([award(2), award(1)], [award(1), award(2), award(3)]);
    expect(merged.map((a) => a.id)).toEqual([3, 2, 1]);
  });

  it('never grows past the limit, dropping the oldest', () => {
    let list: Award[] = [];
    for (let i = 1; i <= 500; i++) list = mergeAwards(list, [award(i)], 40);
    expect(list).toHaveLength(40);
    expect(list[0]?.id).toBe(500);
    expect(list.at(-1)?.id).toBe(461);
  });
});

describe('signedPoints', () => {
  it('signs points with a real minus', () => {
    expect(signedPoints(15)).toBe('+15');
    expect(signedPoints(-5)).toBe('\u22125');
    expect(signedPoints(0)).toBe('0');
  });
});

describe('reasonText', () => {
  it('drops a trailing points suffix equal to the points', () => {
    expect(reasonText({ reason: 'Anna: successful call (42 s), +1', points: 1 })).toBe('Anna: successful call (42 s)');
    expect(reasonText({ reason: 'Анна: встреча назначена, +15', points: 15 })).toBe('Анна: встреча назначена');
    expect(reasonText({ reason: 'Reversal of e1, -15', points: -15 })).toBe('Reversal of e1');
  });

  it('keeps the reason when the suffix is something else', () => {
    expect(reasonText({ reason: 'Team Alpha reached its target, +100', points: 30 })).toBe('Team Alpha reached its target, +100');
    expect(reasonText({ reason: 'Chain completed', points: 30 })).toBe('Chain completed');
  });
});
