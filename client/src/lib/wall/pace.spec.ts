import { describe, expect, it } from 'vitest';
import { callsDueBy, elapsedShare, targetPace } from './pace.js';

const nine = Date.parse('2026-11-25T06:00:00.000Z'); // 09:00 in Moscow
const six = Date.parse('2026-11-25T15:00:00.000Z'); // 18:00
const hour = 3_600_000;

describe('the pace of a working day', () => {
  it('spreads the norm over the working hours: nothing before 9, all of it from 18', () => {
    expect(callsDueBy(45, '2026-11-25T06:00:00.000Z', '2026-11-25T15:00:00.000Z', nine - hour)).toBe(0);
    expect(callsDueBy(45, '2026-11-25T06:00:00.000Z', '2026-11-25T15:00:00.000Z', nine + 3 * hour)).toBe(15);
    expect(callsDueBy(45, '2026-11-25T06:00:00.000Z', '2026-11-25T15:00:00.000Z', nine + 3 * hour - 1)).toBe(14);
    expect(callsDueBy(45, '2026-11-25T06:00:00.000Z', '2026-11-25T15:00:00.000Z', six + hour)).toBe(45);
  });

  it('a run with no length is over once it ends', () => {
    expect(elapsedShare(nine, nine, nine - 1)).toBe(0);
    expect(elapsedShare(nine, nine, nine)).toBe(1);
  });
});

describe('a target with pace', () => {
  const start = Date.parse('2026-10-31T21:00:00.000Z'); // 1 November in Moscow
  const end = Date.parse('2026-11-30T21:00:00.000Z');
  const half = start + (end - start) / 2;

  it('says where the team should be today and how far ahead or behind it is', () => {
    expect(targetPace(240, 400, start, end, half)).toEqual({ share: 0.6, due: 200, dueShare: 0.5, status: 'ahead', by: 40 });
    expect(targetPace(150, 400, start, end, half)).toEqual({ share: 0.375, due: 200, dueShare: 0.5, status: 'behind', by: 50 });
    expect(targetPace(200, 400, start, end, half).status).toBe('onPace');
  });

  it('a target reached is reached, whatever the day', () => {
    expect(targetPace(420, 400, start, end, start)).toMatchObject({ share: 1, status: 'reached' });
  });
});
