import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../scoring/rule-set.js';
import { findWeakLinks, lostValue, type FinderPerson } from './finder.js';

describe('the finder on hand-made numbers', () => {
  const person = (id: string, need: number, success: number): FinderPerson => ({
    employeeId: id,
    name: id,
    role: 'telemarketer',
    teamId: `team-${id}`,
    bag: { calls: 2 * success, 'calls.success': success, need },
    days: 20,
  });
  const office = {
    bag: { calls: 1000, 'calls.success': 500, need: 100, 'meetings.first': 50, 'meetings.handed': 50, 'meetings.held': 40, contracts: 20 },
    avgFirstPayment: 350_000,
    avgLtv: 700_000,
    rules: DEFAULT_RULES,
    currency: 'RUB',
    periodKey: '2026-11',
  };

  it('never calls a small sample significant', () => {
    const people = [person('a', 0, 10), person('b', 2, 10), person('c', 2, 10), person('d', 2, 10)];
    const { findings } = findWeakLinks(people, office);
    expect(findings.filter((f) => f.stage === 'need')).toEqual([]);
  });

  it('orders significant findings first, then by roubles lost', () => {
    const people = [person('a', 20, 900), person('b', 180, 900), person('c', 185, 900), person('d', 175, 900), person('e', 178, 900)];
    const { findings } = findWeakLinks(people, office);
    expect(findings[0]).toMatchObject({ employeeId: 'a', stage: 'need', significant: true, numerator: 20, denominator: 900 });
    expect(findings.every((f, i) => i === 0 || !f.significant || findings[i - 1]!.significant)).toBe(true);
  });

  it('prices a shortfall at the later stages: 10 needs × ½ set × ⅘ held × ½ signed = 2 clients', () => {
    expect(lostValue('need', 10, office)).toEqual({
      clients: 2,
      rub: 1_400_000,
      // 10 × 5 + 5 × 15 + 4 × 5 + 2 × (20 + 25 + 350 + 350) points
      points: 10 * 5 + 5 * 15 + 4 * 5 + 2 * (20 + 25 + 350 + 350),
    });
    expect(lostValue('contract', 1, office).clients).toBe(1);
    expect(lostValue('retention', 2, office)).toEqual({ clients: 2, rub: 700_000, points: 350 });
  });
});
