import type { Role } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { planMembershipChange, teamAt, type MembershipRow } from './membership-plan.js';

const people: Record<string, { role: Role; active: boolean }> = {
  anna: { role: 'telemarketer', active: true },
  boris: { role: 'telemarketer', active: true },
  igor: { role: 'sales', active: true },
  gone: { role: 'sales', active: false },
};
const current: MembershipRow[] = [
  { id: 1, teamId: 'falcons', employeeId: 'anna', role: 'telemarketer', validFrom: '2026-01-01T00:00:00.000Z', validTo: null },
  { id: 2, teamId: 'wolves', employeeId: 'boris', role: 'telemarketer', validFrom: '2026-03-01T00:00:00.000Z', validTo: null },
];
const plan = (slots: Partial<Record<Role, string | null>>, since = '2026-06-01T00:00:00.000Z', teamId = 'falcons') =>
  planMembershipChange({ teamId, slots, since, current, employee: (id) => people[id] });

describe('planMembershipChange', () => {
  it("moves a person: ends their old stint and the slot holder's at `since`", () => {
    expect(plan({ telemarketer: 'boris' })).toEqual({
      end: [
        { id: 2, at: '2026-06-01T00:00:00.000Z' },
        { id: 1, at: '2026-06-01T00:00:00.000Z' },
      ],
      add: [{ teamId: 'falcons', employeeId: 'boris', role: 'telemarketer', validFrom: '2026-06-01T00:00:00.000Z' }],
      affected: ['boris', 'anna'],
      errors: [],
    });
  });

  it('empties a slot with null and leaves an unchanged slot alone', () => {
    expect(plan({ telemarketer: null })).toMatchObject({ end: [{ id: 1 }], add: [], affected: ['anna'] });
    expect(plan({ telemarketer: 'anna' })).toMatchObject({ end: [], add: [], affected: [] });
  });

  it('refuses unknown people, wrong roles, deactivated people and a `since` before history', () => {
    expect(plan({ sales: 'ghost' }).errors).toEqual([{ index: 0, field: 'members.sales', reason: 'no employee with id "ghost"' }]);
    expect(plan({ sales: 'anna' }).errors[0]!.reason).toContain('is a telemarketer');
    expect(plan({ sales: 'gone' }).errors[0]!.reason).toContain('deactivated');
    expect(plan({ telemarketer: 'boris' }, '2026-02-01T00:00:00.000Z').errors).toEqual([
      { index: 0, field: 'since', reason: 'must not be before 2026-03-01T00:00:00.000Z, when employee "boris" joined team "wolves"' },
    ]);
  });
});

describe('teamAt', () => {
  const history: MembershipRow[] = [
    {
      id: 1,
      teamId: 'falcons',
      employeeId: 'anna',
      role: 'telemarketer',
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: '2026-06-01T00:00:00.000Z',
    },
    { id: 2, teamId: 'wolves', employeeId: 'anna', role: 'telemarketer', validFrom: '2026-06-01T00:00:00.000Z', validTo: null },
  ];
  it('finds the team of the stint covering the instant, [from, to)', () => {
    expect(teamAt(history, 'anna', '2025-12-31T23:59:59.999Z')).toBeNull();
    expect(teamAt(history, 'anna', '2026-05-31T23:59:59.999Z')).toBe('falcons');
    expect(teamAt(history, 'anna', '2026-06-01T00:00:00.000Z')).toBe('wolves');
    expect(teamAt(history, 'igor', '2026-06-01T00:00:00.000Z')).toBeNull();
  });
});
