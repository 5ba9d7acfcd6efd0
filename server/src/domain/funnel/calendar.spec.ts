import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, isWorkingDay, PLAIN_CALENDAR, workingDaysBetween } from './calendar.js';

describe('the office calendar', () => {
  it('has the 247 working days of the Russian production calendar in 2026', () => {
    expect(workingDaysBetween('2026-01-01', '2026-12-31', DEFAULT_CALENDAR)).toBe(247);
    // January: 15 working days; the New Year holidays run to the 11th.
    expect(workingDaysBetween('2026-01-01', '2026-01-31', DEFAULT_CALENDAR)).toBe(15);
    expect(isWorkingDay('2026-01-12', DEFAULT_CALENDAR)).toBe(true);
    expect(isWorkingDay('2026-12-31', DEFAULT_CALENDAR)).toBe(false);
  });

  it('counts Monday to Friday without holidays, and a working Saturday when one is given', () => {
    expect(workingDaysBetween('2026-11-30', '2026-12-06', PLAIN_CALENDAR)).toBe(5);
    expect(workingDaysBetween('2026-11-30', '2026-12-06', { ...PLAIN_CALENDAR, workdays: ['2026-12-05'] })).toBe(6);
    expect(workingDaysBetween('2026-12-06', '2026-11-30', PLAIN_CALENDAR)).toBe(0);
  });
});
