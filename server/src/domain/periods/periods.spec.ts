import { describe, expect, it } from 'vitest';
import { periodKeysOf, periodOfDate, periodOfInstant } from './periods.js';
import { addMonthsLocal, dayRange, instantOf, localDate, offsetMs, zonedToUtc } from './zoned-time.js';

describe('zoned time', () => {
  it('knows Moscow is UTC+3 all year and Berlin switches with daylight saving', () => {
    expect(offsetMs(new Date('2026-01-15T12:00:00Z'), 'Europe/Moscow')).toBe(3 * 3600_000);
    expect(offsetMs(new Date('2026-07-15T12:00:00Z'), 'Europe/Moscow')).toBe(3 * 3600_000);
    expect(offsetMs(new Date('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(1 * 3600_000);
    expect(offsetMs(new Date('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(2 * 3600_000);
  });

  it('maps wall time to UTC across the Berlin transitions', () => {
    // 29 March 2026: 02:00 jumps to 03:00. 25 October 2026: 03:00 falls back to 02:00.
    expect(zonedToUtc(2026, 3, 29, 'Europe/Berlin', 1, 30).toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(zonedToUtc(2026, 3, 29, 'Europe/Berlin', 3, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedToUtc(2026, 3, 29, 'Europe/Berlin', 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // skipped: just after
    expect(zonedToUtc(2026, 10, 25, 'Europe/Berlin', 2, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // repeated: first
    expect(zonedToUtc(2026, 13, 1, 'Europe/Moscow').toISOString()).toBe('2026-12-31T21:00:00.000Z'); // month 13 = next January
  });

  it('gives a local day its real length: 23 h and 25 h on Berlin transition days', () => {
    const spring = dayRange('2026-03-29', 'Europe/Berlin');
    const autumn = dayRange('2026-10-25', 'Europe/Berlin');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3600_000);
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3600_000);
    expect(dayRange('2026-11-27', 'Europe/Moscow').start.toISOString()).toBe('2026-11-26T21:00:00.000Z');
  });

  it('reads a date without time as the start of that office day', () => {
    expect(instantOf('2026-05-15', 'Europe/Moscow').toISOString()).toBe('2026-05-14T21:00:00.000Z');
    expect(instantOf('2026-05-15T10:00:00+05:00', 'Europe/Moscow').toISOString()).toBe('2026-05-15T05:00:00.000Z');
    expect(localDate(new Date('2026-05-14T21:00:00Z'), 'Europe/Moscow')).toBe('2026-05-15');
    expect(localDate(new Date('2026-05-14T20:59:59.999Z'), 'Europe/Moscow')).toBe('2026-05-14');
  });
});

describe('periods', () => {
  it('cuts months, quarters and years at office midnight in Moscow', () => {
    expect(periodOfDate('month', '2026-11-27', 'Europe/Moscow')).toEqual({
      period: 'month',
      key: '2026-11',
      start: '2026-10-31T21:00:00.000Z',
      end: '2026-11-30T21:00:00.000Z',
    });
    expect(periodOfDate('quarter', '2026-02-10', 'Europe/Moscow')).toMatchObject({
      key: '2026-Q1',
      start: '2025-12-31T21:00:00.000Z',
      end: '2026-03-31T21:00:00.000Z',
    });
    expect(periodOfDate('year', '2026-12-31', 'Europe/Moscow')).toMatchObject({
      key: '2026',
      start: '2025-12-31T21:00:00.000Z',
      end: '2026-12-31T21:00:00.000Z',
    });
    expect(periodOfDate('quarter', '2026-12-31', 'Europe/Moscow')).toMatchObject({ key: '2026-Q4', end: '2026-12-31T21:00:00.000Z' });
  });

  it('cuts Berlin periods in winter and summer time', () => {
    // Q2 starts 1 April (summer time, UTC+2) and ends 1 July (UTC+2); Q1 starts 1 January (UTC+1).
    expect(periodOfDate('quarter', '2026-05-05', 'Europe/Berlin')).toMatchObject({
      key: '2026-Q2',
      start: '2026-03-31T22:00:00.000Z',
      end: '2026-06-30T22:00:00.000Z',
    });
    expect(periodOfDate('month', '2026-10-10', 'Europe/Berlin')).toMatchObject({
      start: '2026-09-30T22:00:00.000Z',
      end: '2026-10-31T23:00:00.000Z',
    });
    expect(periodOfDate('month', '2026-03-10', 'Europe/Berlin')).toMatchObject({
      start: '2026-02-28T23:00:00.000Z',
      end: '2026-03-31T22:00:00.000Z',
    });
  });

  it('puts an instant in the office-local period, not the UTC one', () => {
    const newYearInMoscow = new Date('2026-12-31T21:30:00Z'); // 00:30 on 1 January 2027 in Moscow
    expect(periodKeysOf(newYearInMoscow, 'Europe/Moscow')).toEqual({ month: '2027-01', quarter: '2027-Q1', year: '2027' });
    expect(periodKeysOf(newYearInMoscow, 'Europe/Berlin')).toEqual({ month: '2026-12', quarter: '2026-Q4', year: '2026' });
    expect(periodOfInstant('month', new Date('2026-06-30T22:00:00Z'), 'Europe/Berlin').key).toBe('2026-07');
    expect(periodOfInstant('month', new Date('2026-06-30T21:59:59.999Z'), 'Europe/Berlin').key).toBe('2026-06');
  });
});

describe('addMonthsLocal', () => {
  it('keeps the local date and time, clamping to the end of a shorter month', () => {
    expect(addMonthsLocal(new Date('2026-11-30T09:15:00Z'), 3, 'Europe/Moscow').toISOString()).toBe('2027-02-28T09:15:00.000Z');
    expect(addMonthsLocal(new Date('2027-11-30T09:15:00Z'), 3, 'Europe/Moscow').toISOString()).toBe('2028-02-29T09:15:00.000Z');
    expect(addMonthsLocal(new Date('2026-01-15T10:00:00Z'), 3, 'Europe/Moscow').toISOString()).toBe('2026-04-15T10:00:00.000Z');
    // Berlin: 10:00 local in January (UTC+1) is 10:00 local in April (UTC+2).
    expect(addMonthsLocal(new Date('2026-01-15T09:00:00Z'), 3, 'Europe/Berlin').toISOString()).toBe('2026-04-15T08:00:00.000Z');
  });
});
